import { describe, expect, it } from 'vitest';
import { cookieInHeader, cookieOf, validEventId } from './http.js';
import { httpApiEvent } from './http-api-event.js';

const name = 'urr-vwr-ticket-sale-1';

/** What the Lambda reads for `name` from the same header, through the event API Gateway builds. */
const throughApiGateway = (header: string) =>
  cookieOf(httpApiEvent({ method: 'GET', path: '/', routeKey: 'GET /', headers: { cookie: header } }), name);

describe('reading a cookie from the Cookie header', () => {
  it.each([
    `${name}=v2.k1.abc.def`,
    `a=1; ${name}=v2.k1.abc.def; b=2`,
    `a=1;${name}=v2.k1.abc.def`,
    `  ${name} =  v2.k1.abc.def  ; b=2`,
    `x${name}=forged; ${name}-x=forged; ${name}=real`,
    `${name}=first; ${name}=second`,
    `${name}=`,
    `${name}; ${name}==x=y`,
    `;;; =x; ${name}`,
    'a=1; b=2',
    '',
  ])('finds what API Gateway hands the Lambda in %j', (header) => {
    expect(cookieInHeader(header, name)).toBe(throughApiGateway(header));
  });

  it('finds nothing without a header', () => {
    expect(cookieInHeader(undefined, name)).toBeUndefined();
  });
});

describe('the event id of a path', () => {
  it('takes a well-formed id and refuses others with a 400 problem', () => {
    expect(validEventId('sale_1-A')).toBe('sale_1-A');
    for (const bad of [undefined, '', 'bad id', 'a/b', 'x'.repeat(65)])
      expect(() => validEventId(bad)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
