import { createHash, createHmac } from 'node:crypto';

/** The keys a request is signed with: in Lambda, the execution role's, from its environment. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Set for temporary credentials (a role's); sent as `x-amz-security-token`. */
  readonly sessionToken?: string;
}

export interface RequestToSign {
  readonly method: string;
  /** `host[:port]`, exactly as the request's Host header carries it. */
  readonly host: string;
  /** The path, already URI-encoded; no query string. */
  readonly path: string;
  /** Headers to sign besides host, x-amz-date and the session token; names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface SigningScope {
  readonly credentials: AwsCredentials;
  readonly region: string;
  /** The signing name of the service, e.g. `dynamodb`. */
  readonly service: string;
  readonly now: Date;
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

/** `20261207T130500Z`: the signature's timestamp format. */
const amzDate = (now: Date) =>
  now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

let lastKey: { readonly id: string; readonly key: Buffer } | undefined;

/** The day's signing key; derived once a day per secret, region and service (four HMACs). */
function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  const id = `${secretAccessKey}\u0000${day}\u0000${region}\u0000${service}`;
  if (lastKey?.id !== id) {
    const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
    lastKey = { id, key };
  }
  return lastKey.key;
}

/**
 * The headers that make `request` an AWS Signature Version 4 request: its own headers plus `host`,
 * `x-amz-date`, the session token if any, and `authorization`. All of them are signed. See
 * docs/adr/0067-tier1-dynamodb-over-signed-http.md.
 */
export function signedHeaders(request: RequestToSign, scope: SigningScope): Record<string, string> {
  const date = amzDate(scope.now);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = { ...request.headers, host: request.host, 'x-amz-date': date };
  if (scope.credentials.sessionToken) headers['x-amz-security-token'] = scope.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, ' ')}\n`);
  const signedNames = names.join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    '',
    canonicalHeaders.join(''),
    signedNames,
    sha256Hex(request.body),
  ].join('\n');
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const key = signingKey(scope.credentials.secretAccessKey, day, scope.region, scope.service);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${scope.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedNames}, Signature=${signature}`;
  return headers;
}
