import type { CloudFrontHeaders, CloudFrontRequestEvent } from 'aws-lambda';

/** Headers as CloudFront hands them to Lambda@Edge: lower-case keys, each a list of { key, value }. */
export function cloudFrontHeaders(headers: Headers): CloudFrontHeaders {
  const result: CloudFrontHeaders = {};
  headers.forEach((value, name) => {
    result[name] = [...(result[name] ?? []), { key: name, value }];
  });
  return result;
}

/** The viewer-request event Lambda@Edge receives for one request. */
export function viewerRequestEvent(request: Request, clientIp: string): CloudFrontRequestEvent {
  const url = new URL(request.url);
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: url.host,
            distributionId: 'LOCAL',
            eventType: 'viewer-request',
            requestId: crypto.randomUUID(),
          },
          request: {
            clientIp,
            headers: cloudFrontHeaders(request.headers),
            method: request.method,
            querystring: url.search.slice(1),
            uri: url.pathname,
          },
        },
      },
    ],
  };
}
