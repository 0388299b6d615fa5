import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicRouteTemplates, routeTemplateOf } from './public-routes.js';

describe('publicRouteTemplates', () => {
  it('are the paths of the committed public OpenAPI document', async () => {
    const document = JSON.parse(
      await readFile(join(import.meta.dirname, '../../../../docs/openapi/public-api.json'), 'utf8'),
    );
    const documented = Object.keys(document.paths).map((path) => path.replaceAll(/\{([^}]+)\}/g, ':$1'));
    expect([...publicRouteTemplates].sort()).toEqual(documented.sort());
  });
});

describe('routeTemplateOf', () => {
  it.each([
    ['/api/v1/seats/reserve', '/api/v1/seats/reserve'],
    ['/api/v1/payments/7b0c1b8e-4c1e-4d8a-9a51-0d9b6f6f3d3a/confirm', '/api/v1/payments/:id/confirm'],
    ['/api/v1/payments/p1', '/api/v1/payments/:id'],
    ['/api/v1/events/e1/seats', '/api/v1/events/:id/seats'],
    ['/api/v1/admin/community/comments', '/api/v1/admin/community/comments'],
    ['/api/v1/admin/community/posts/p1/hide', '/api/v1/admin/community/:collection/:id/hide'],
    ['/api/v1/auth/.well-known/jwks.json', '/api/v1/auth/.well-known/jwks.json'],
    ['/api/v1/openapi.json', '/api/v1/openapi.json'],
  ])('%s → %s', (path, template) => {
    expect(routeTemplateOf(path)).toBe(template);
  });

  it('prefers a literal segment over a parameter', () => {
    expect(routeTemplateOf('/api/v1/memberships/events/e1/schedule')).toBe(
      '/api/v1/memberships/events/:eventId/schedule',
    );
    expect(routeTemplateOf('/api/v1/events')).toBe('/api/v1/events');
  });

  it('matches no template for unknown paths, empty parameters or extra segments', () => {
    for (const path of [
      '/api/v1/nope',
      '/api/v1/payments//confirm',
      '/api/v1/payments/p1/confirm/again',
      '/api/v1/seats/reserve/',
      `/api/v1/${'x'.repeat(5000)}`,
      '/api/v1/payments/p1/CONFIRM',
    ])
      expect(routeTemplateOf(path)).toBeUndefined();
  });
});
