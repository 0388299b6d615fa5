import { describe, expect, it } from 'vitest';
import { publicDocumentFromCommitted } from './openapi-document.js';

describe('the public document assembled from docs/openapi/*-service.json', () => {
  it('holds the services’ public routes and none of their internal ones', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the JSON document
    const document: any = await publicDocumentFromCommitted();
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/refresh']));
    expect(paths.filter((path) => !path.startsWith('/api/v1/'))).toEqual([]);
    expect(document.components.responses.TooManyRequests.headers['Retry-After']).toBeDefined();
  });
});
