import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { problemContentType } from '@urr/common/errors/http-problem';
import type { Logger } from '@urr/common/logging/logger';
import { type ApiResult, cookieInHeader } from '@urr/vwr-api/http';
import type { CheckRequest } from '@urr/vwr-api/routes';
import { eventIdPattern } from '@urr/vwr-shared/slots';

const checkPath = '/vwr-api/vwr/check/';

const internalError = JSON.stringify({
  type: 'about:blank',
  title: 'Internal Server Error',
  status: 500,
  detail: 'The waiting room could not answer; try again in a moment.',
});

class NodeCheckRequest implements CheckRequest {
  constructor(
    readonly eventId: string,
    readonly rawPath: string,
    private readonly cookieHeader: string | undefined,
  ) {}

  cookie(name: string): string | undefined {
    return cookieInHeader(this.cookieHeader, name);
  }
}

function write(outgoing: ServerResponse, result: ApiResult): void {
  const headers: OutgoingHttpHeaders = {};
  for (const name in result.headers) headers[name.toLowerCase()] = String(result.headers[name]);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body ?? '';
  headers['content-length'] = Buffer.byteLength(body);
  outgoing.writeHead(result.statusCode ?? 200, headers);
  outgoing.end(body);
}

/**
 * The waiting room's check route (`GET /vwr-api/vwr/check/{eventId}`, what every waiting browser polls)
 * answered from node's request as it comes: the check route's own answer, without a fetch Request, the
 * router or an API Gateway event built per poll (docs/adr/0043). Takes the request and answers it (true), or
 * leaves it to the general routes (false): other routes, and event ids that need decoding or are malformed.
 */
export function directCheck(answer: (request: CheckRequest) => Promise<ApiResult>, logger: Logger) {
  return (incoming: IncomingMessage, outgoing: ServerResponse): boolean => {
    const url = incoming.url;
    if (incoming.method !== 'GET' || url === undefined || !url.startsWith(checkPath)) return false;
    const query = url.indexOf('?', checkPath.length);
    const rawPath = query < 0 ? url : url.slice(0, query);
    const eventId = rawPath.slice(checkPath.length);
    if (!eventIdPattern.test(eventId)) return false;
    answer(new NodeCheckRequest(eventId, rawPath, incoming.headers.cookie))
      .then((result) => write(outgoing, result))
      .catch((error: unknown) => {
        logger.error({ err: error, path: rawPath }, 'waiting-room check failed');
        if (outgoing.headersSent) outgoing.destroy();
        else {
          outgoing.writeHead(500, { 'content-type': problemContentType, 'cache-control': 'no-store' });
          outgoing.end(internalError);
        }
      });
    return true;
  };
}
