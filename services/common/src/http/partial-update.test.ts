import { describe, expect, it } from 'vitest';
import { captureLogs } from '../testing/log-capture.js';
import { readJson } from '../testing/read-json.js';
import { createServiceApp } from './create-service-app.js';
import { createRoute, createRouter, jsonBody, jsonResponse, z } from './openapi.js';
import { partialUpdate } from './partial-update.js';

function appWithPatch() {
  const app = createServiceApp({ name: 'patch-service', logger: captureLogs().logger });
  const router = createRouter();
  const body = partialUpdate(z.object({ title: z.string().min(1), rating: z.number().int() }));
  router.openapi(
    createRoute({
      method: 'patch',
      path: '/posts/{id}',
      request: { params: z.object({ id: z.string() }), body: jsonBody(body) },
      responses: { 200: jsonResponse(z.object({ changed: z.array(z.string()) }), 'Changed') },
    }),
    (c) => c.json({ changed: Object.keys(c.req.valid('json')) }, 200),
  );
  app.route('/api/v1', router);
  return app;
}

const patch = (app: ReturnType<typeof appWithPatch>, body: unknown) =>
  app.request('/api/v1/posts/p1', {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('partialUpdate', () => {
  it('takes any one field or several, and refuses {} or only unknown fields naming what it could send', async () => {
    const app = appWithPatch();
    expect(await readJson(await patch(app, { rating: 4 }))).toEqual({ changed: ['rating'] });
    expect((await patch(app, { title: 'New', rating: 4 })).status).toBe(200);
    for (const body of [{}, { colour: 'red' }]) {
      const refused = await patch(app, body);
      expect(refused.status).toBe(400);
      expect((await readJson(refused)).errors).toEqual([
        { path: '', message: 'send at least one of title, rating' },
      ]);
    }
  });

  it('documents that one field at least is needed, so {} is not a valid body by the document either', async () => {
    const document = await readJson(await appWithPatch().request('/openapi.json'));
    const schema = document.paths['/api/v1/posts/{id}'].patch.requestBody.content['application/json'].schema;
    expect(schema.anyOf).toEqual([{ required: ['title'] }, { required: ['rating'] }]);
    expect(schema.required).toBeUndefined();
  });
});
