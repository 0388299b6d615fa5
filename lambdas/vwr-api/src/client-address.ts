import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { ApiEvent } from './http.js';

/** The header CloudFront adds to every request it sends to URR's origins (ADR 0012). */
export const originVerifyHeader = 'x-urr-origin-verify';
/** `ip:port` of the viewer, as CloudFront writes it for the origin (IPv6 without brackets). */
export const viewerAddressHeader = 'cloudfront-viewer-address';

const digestOf = (text: string) => createHash('sha256').update(text).digest();

/**
 * The fan's IP address, which assign limits count. Behind CloudFront, API Gateway's source IP is one of
 * CloudFront's own, shared by every fan of that edge; the viewer's address is in CloudFront-Viewer-Address.
 * Anyone may call the API directly and write that header, so it is believed only beside the origin secret
 * CloudFront adds; without a secret configured (the local edge), the source IP is the fan's.
 */
export function clientAddressOf(event: ApiEvent, originSecret: string | undefined): string {
  const sourceIp = event.requestContext.http.sourceIp;
  const presented = event.headers?.[originVerifyHeader];
  if (!originSecret || presented === undefined) return sourceIp;
  if (!timingSafeEqual(digestOf(presented), digestOf(originSecret))) return sourceIp;
  const viewer = event.headers?.[viewerAddressHeader]?.trim() ?? '';
  const address = viewer.slice(0, Math.max(0, viewer.lastIndexOf(':')));
  return isIP(address) ? address : sourceIp;
}
