import { describe, expect, it } from 'vitest';
import { budgetFor, entryChunksOf, routeOf } from './route-js';

describe('the JavaScript a route downloads, from the build output', () => {
  it("reads a client reference manifest's entry chunks, each once", () => {
    const script = `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};
globalThis.__RSC_MANIFEST["/events/[id]/page"] = {"clientModules":{},"entryJSFiles":{"[project]/frontend/src/app/layout":["static/chunks/a.js"],"[project]/frontend/src/app/events/[id]/page":["static/chunks/a.js","static/chunks/b.js"]}};`;
    expect(entryChunksOf(script)).toEqual(['static/chunks/a.js', 'static/chunks/b.js']);
    expect(() => entryChunksOf('console.log(1)')).toThrow(/not a client reference manifest/);
  });

  it('names the route from the manifest path', () => {
    expect(routeOf('server/app/page_client-reference-manifest.js')).toBe('/');
    expect(routeOf('server/app/events/[id]/booking/page_client-reference-manifest.js')).toBe(
      '/events/[id]/booking',
    );
    expect(() => routeOf('server/app/page.js')).toThrow(/not a page/);
  });

  it('takes the first budget naming the route, a prefix covering its subtree, else the default', () => {
    const budgets = [
      { routes: ['/', '/artists/*'], kB: 150, why: 'first pages' },
      { routes: ['/admin/*'], kB: 250, why: 'tools' },
      { routes: ['*'], kB: 180, why: 'the rest' },
    ];
    expect(budgetFor(budgets, '/').kB).toBe(150);
    expect(budgetFor(budgets, '/artists').kB).toBe(150);
    expect(budgetFor(budgets, '/artists/[id]').kB).toBe(150);
    expect(budgetFor(budgets, '/admin/events/new').kB).toBe(250);
    expect(budgetFor(budgets, '/administrator').kB).toBe(180);
    expect(budgetFor(budgets, '/login').kB).toBe(180);
  });
});
