import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CloudFrontFunctionEvent, loadCloudFrontFunction, staticRoot } from './load-function.js';

const viewerRequest = (uri: string): CloudFrontFunctionEvent => ({
  version: '1.0',
  context: { eventType: 'viewer-request' },
  viewer: { ip: '127.0.0.1' },
  request: { method: 'GET', uri, querystring: { returnTo: { value: '/x' } }, headers: {}, cookies: {} },
});

describe('vwr-rewrite CloudFront Function', () => {
  const handler = loadCloudFrontFunction();

  it.each(['/vwr/concert-2026', '/vwr/concert-2026/', '/vwr/', '/vwr'])(
    'serves the waiting page for %s',
    (uri) => {
      const request = handler(viewerRequest(uri));
      expect(request.uri).toBe('/vwr/index.html');
      expect(request.querystring).toEqual({ returnTo: { value: '/x' } });
    },
  );

  it.each(['/vwr/index.html', '/vwr/a/b', '/vwr/bad%20id'])('leaves %s as it is', (uri) => {
    expect(handler(viewerRequest(uri)).uri).toBe(uri);
  });

  it('uses nothing CloudFront Functions lack (no modules, no require, no Node globals)', () => {
    const source = readFileSync(new URL('./vwr-rewrite.js', import.meta.url), 'utf8');
    expect(source).not.toMatch(/\b(import|export|require|process|Buffer)\b/);
  });

  it('has a waiting page that polls check and shows position, people ahead, ETA and a leave button', () => {
    const page = readFileSync(new URL('vwr/index.html', staticRoot), 'utf8');
    const parts = [
      'fetch(api(action)',
      'const api = (action) => `/vwr-api/vwr/',
      "step('assign')",
      "step('check')",
      "call('POST', 'leave')",
      'id="position"',
      'id="ahead"',
      'id="eta"',
      'id="leave"',
    ];
    for (const part of parts) expect(page).toContain(part);
  });
});
