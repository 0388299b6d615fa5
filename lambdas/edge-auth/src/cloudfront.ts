import type { CloudFrontHeaders, CloudFrontRequest, CloudFrontResultResponse } from 'aws-lambda';

/** Cookies from every `Cookie` header of a CloudFront request (viewers may send several). */
export function cookiesOf(headers: CloudFrontHeaders): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const { value } of headers.cookie ?? []) {
    for (const pair of value.split(';')) {
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      if (!cookies.has(name)) cookies.set(name, pair.slice(separator + 1).trim());
    }
  }
  return cookies;
}

export function headerOf(request: CloudFrontRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()]?.[0]?.value;
}

export function redirect(location: string): CloudFrontResultResponse {
  return {
    status: '302',
    statusDescription: 'Found',
    headers: {
      location: [{ key: 'Location', value: location }],
      'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
    },
  };
}

export function problem(status: number, title: string, detail: string): CloudFrontResultResponse {
  return {
    status: String(status),
    headers: {
      'content-type': [{ key: 'Content-Type', value: 'application/problem+json' }],
      'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
    },
    body: JSON.stringify({ type: 'urn:urr:problem:validation', title, status, detail }),
  };
}
