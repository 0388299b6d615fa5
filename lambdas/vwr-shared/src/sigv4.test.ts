import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { type AwsCredentials, type RequestToSign, signedHeaders } from './sigv4.js';

const bytesOf = (data: string | ArrayBuffer | ArrayBufferView) =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** The AWS SDK's own signer, as the reference the hand-written one must agree with. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', bytesOf(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytesOf(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

async function referenceAuthorization(
  request: RequestToSign,
  credentials: AwsCredentials,
  region: string,
  now: Date,
): Promise<string> {
  // Without x-amz-content-sha256, which only S3 needs; the body's hash is in the canonical request either way.
  const signer = new SignatureV4({
    credentials,
    region,
    service: 'dynamodb',
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const [hostname, port] = request.host.split(':');
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'https:',
      hostname: hostname!,
      ...(port ? { port: Number(port) } : {}),
      path: request.path,
      query: {},
      headers: { ...request.headers, host: request.host },
      body: request.body,
    },
    { signingDate: now },
  );
  return signed.headers.authorization!;
}

const dynamoRequest = (body: string, host = 'dynamodb.ap-northeast-2.amazonaws.com'): RequestToSign => ({
  method: 'POST',
  host,
  path: '/',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.UpdateItem',
  },
  body,
});

describe('signedHeaders (AWS Signature Version 4)', () => {
  const keys: AwsCredentials = {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  };
  const cases: [string, RequestToSign, AwsCredentials, Date][] = [
    [
      'a long-term key',
      dynamoRequest('{"TableName":"positions"}'),
      keys,
      new Date('2026-12-07T13:05:00.123Z'),
    ],
    [
      "a role's temporary key (session token signed)",
      dynamoRequest('{"Key":{"slotId":{"S":"é  spaced"}}}'),
      { ...keys, sessionToken: 'FQoGZXIvYXdzEJr//////////session+token/=' },
      new Date('2027-01-01T00:00:00Z'),
    ],
    [
      'a local server on a port, an empty body',
      dynamoRequest('', '127.0.0.1:14566'),
      { accessKeyId: 'local', secretAccessKey: 'local' },
      new Date('2026-02-28T23:59:59.999Z'),
    ],
    [
      'a header value with runs of spaces',
      {
        ...dynamoRequest('{}'),
        headers: { 'x-amz-target': '  DynamoDB_20120810.GetItem  ', 'x-custom': 'a   b' },
      },
      keys,
      new Date('2026-06-15T08:30:00Z'),
    ],
  ];

  it.each(cases)('agrees with the AWS SDK signer for %s', async (_, request, credentials, now) => {
    const ours = signedHeaders(request, { credentials, region: 'ap-northeast-2', service: 'dynamodb', now });
    expect(ours.authorization).toBe(
      await referenceAuthorization(request, credentials, 'ap-northeast-2', now),
    );
    expect(ours['x-amz-security-token']).toBe(credentials.sessionToken);
  });

  it('signs the time it is given, so a changed body or a day later is a different signature', () => {
    const scope = { credentials: keys, region: 'ap-northeast-2', service: 'dynamodb' };
    const now = new Date('2026-12-07T13:05:00Z');
    const first = signedHeaders(dynamoRequest('{"a":1}'), { ...scope, now });
    expect(first['x-amz-date']).toBe('20261207T130500Z');
    expect(first.authorization).toContain(
      'Credential=AKIDEXAMPLE/20261207/ap-northeast-2/dynamodb/aws4_request',
    );
    expect(signedHeaders(dynamoRequest('{"a":2}'), { ...scope, now }).authorization).not.toBe(
      first.authorization,
    );
    const nextDay = signedHeaders(dynamoRequest('{"a":1}'), {
      ...scope,
      now: new Date('2026-12-08T13:05:00Z'),
    });
    expect(nextDay.authorization).toContain('/20261208/');
  });
});
