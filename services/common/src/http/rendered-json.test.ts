import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, matchesIfNoneMatch, renderedJsonResponse } from './rendered-json.js';

const json = JSON.stringify({ seats: ['a', 'b'] });
const document = { json, gzip: gzipSync(json), etag: '"v1"' };

describe('renderedJsonResponse', () => {
  it('answers 304 without a body to a client that has the same version', async () => {
    const response = renderedJsonResponse(document, { ifNoneMatch: '"v0", "v1"', acceptEncoding: 'gzip' });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(await response.text()).toBe('');
  });

  it('sends the kept gzip to a client that accepts it, and the JSON to one that does not', async () => {
    const zipped = renderedJsonResponse(document, { ifNoneMatch: '"v0"', acceptEncoding: 'br, gzip;q=0.5' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(json);
    const plain = renderedJsonResponse(document, { acceptEncoding: 'gzip;q=0' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(await plain.text()).toBe(json);
  });
});

describe('the request headers', () => {
  it('match a listed, weak or wildcard ETag and nothing else', () => {
    expect(matchesIfNoneMatch('W/"v1"', '"v1"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"v1"')).toBe(true);
    expect(matchesIfNoneMatch('"v10"', '"v1"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"v1"')).toBe(false);
  });

  it('accept gzip by name or wildcard unless its weight is zero', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('GZIP;q=0.1')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('br, *;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
