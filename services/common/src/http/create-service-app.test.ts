import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../errors/http-problem.js';
import { captureLogs } from '../testing/log-capture.js';
import { readJson } from '../testing/read-json.js';
import { createServiceApp } from './create-service-app.js';
import { createRoute, createRouter, jsonBody, jsonResponse, problemResponses, z } from './openapi.js';

const createUser = createRoute({
  method: 'post',
  path: '/users/{teamId}',
  request: {
    params: z.object({ teamId: z.string().uuid() }),
    query: z.object({ notify: z.enum(['yes', 'no']).default('no') }),
    body: jsonBody(z.object({ email: z.email(), age: z.number().int().min(13) })),
  },
  responses: {
    201: jsonResponse(z.object({ email: z.string(), notify: z.string() }), 'Created'),
    ...problemResponses(400),
  },
});

function buildApp(readiness: { name: string; check: () => Promise<unknown> }[] = []) {
  const logs = captureLogs();
  const app = createServiceApp<{ tenant: string }>({ name: 'test-service', logger: logs.logger, readiness });
  const router = createRouter();
  router.openapi(createUser, (c) => {
    const body = c.req.valid('json');
    return c.json({ email: body.email, notify: c.req.valid('query').notify }, 201);
  });
  router.openapi(
    createRoute({
      method: 'get',
      path: '/teams/{teamId}',
      request: { params: z.object({ teamId: z.uuid() }) },
      responses: { 200: jsonResponse(z.object({ teamId: z.string() }), 'The team') },
    }),
    (c) => c.json({ teamId: c.req.valid('param').teamId }, 200),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/notes',
      request: {
        query: z.object({ tag: z.string().optional() }),
        body: jsonBody(z.object({ title: z.string(), labels: z.record(z.string(), z.array(z.string())) })),
      },
      responses: { 201: jsonResponse(z.object({ title: z.string() }), 'Noted') },
    }),
    (c) => c.json({ title: c.req.valid('json').title }, 201),
  );
  app.route('/api/v1', router);
  app.get('/boom', () => {
    throw new Error('secret internals');
  });
  app.get('/teapot', () => {
    throw new HttpProblem(409, { title: 'Seat taken', detail: 'seat A1 is held', seatId: 'A1' });
  });
  app.get('/tenant', (c) => {
    c.set('tenant', 'acme');
    return c.text(c.get('tenant'));
  });
  return { app, logs };
}

const teamId = '7b0c1b8e-4c1e-4d8a-9a51-0d9b6f6f3d3a';

describe('createServiceApp', () => {
  it('validates body, query and params with the route schemas and answers 400 problem JSON naming the fields', async () => {
    const { app } = buildApp();
    const response = await app.request(`/api/v1/users/${teamId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', age: 3 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await readJson(response);
    expect(problem).toMatchObject({
      status: 400,
      title: 'Invalid request',
      instance: `/api/v1/users/${teamId}`,
    });
    expect(problem.detail).toContain('email');
    expect(problem.detail).toContain('age');
    expect(problem.errors.map((error: { path: string }) => error.path)).toEqual(['email', 'age']);

    const badParam = await app.request('/api/v1/users/not-a-uuid', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.co', age: 20 }),
    });
    expect((await readJson(badParam)).detail).toBe('Invalid path parameters: teamId');

    const ok = await app.request(`/api/v1/users/${teamId}?notify=yes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.co', age: 20 }),
    });
    expect(ok.status).toBe(201);
    expect(await readJson(ok)).toEqual({ email: 'a@b.co', notify: 'yes' });
  });

  it('answers a missing body with 400 and a body that is not JSON with a 400 problem', async () => {
    const { app } = buildApp();
    const missing = await app.request(`/api/v1/users/${teamId}`, { method: 'POST' });
    expect(missing.status).toBe(400);
    expect((await readJson(missing)).detail).toBe('Invalid request body: email, age');

    const response = await app.request(`/api/v1/users/${teamId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers text holding U+0000 in a query string or anywhere in a JSON body with a 400 naming the field', async () => {
    const { app } = buildApp();
    const note = (query: string, body: unknown) =>
      app.request(`/api/v1/notes${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const clean = { title: 'gig', labels: { mood: ['loud'] } };
    expect((await note('?tag=rock', clean)).status).toBe(201);

    const inQuery = await note('?tag=ro%00ck', clean);
    expect(inQuery.status).toBe(400);
    expect(inQuery.headers.get('content-type')).toBe('application/problem+json');
    expect(await readJson(inQuery)).toMatchObject({
      type: 'urn:urr:problem:validation',
      detail: 'Invalid query string: tag',
      errors: [{ path: 'tag', message: 'must not contain the NUL character (U+0000)' }],
    });

    const inNestedValue = await note('', { ...clean, labels: { mood: ['loud', 'qu\u0000iet'] } });
    expect(inNestedValue.status).toBe(400);
    expect((await readJson(inNestedValue)).errors).toEqual([
      { path: 'labels.mood.1', message: 'must not contain the NUL character (U+0000)' },
    ]);

    const inKey = await note('', { ...clean, labels: { 'mo\u0000od': [] } });
    expect((await readJson(inKey)).errors).toEqual([
      { path: 'labels', message: 'must not contain the NUL character (U+0000)' },
    ]);
  });

  it('serves an OpenAPI 3.1 document generated from the same schemas', async () => {
    const { app } = buildApp();
    const document = await readJson(await app.request('/openapi.json'));
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('test-service');
    const operation = document.paths['/api/v1/users/{teamId}'].post;
    const bodySchema = operation.requestBody.content['application/json'].schema;
    expect(bodySchema.required).toEqual(['email', 'age']);
    expect(bodySchema.properties.age).toMatchObject({ type: 'integer', minimum: 13 });
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'notify',
      'teamId',
    ]);
    expect(operation.responses['400'].content['application/problem+json']).toBeDefined();
  });

  it('documents the 400 of every route that validates its input, listed by the route or not', async () => {
    const { app } = buildApp();
    expect((await app.request('/api/v1/teams/not-a-uuid')).status).toBe(400);
    const document = await readJson(await app.request('/openapi.json'));
    expect(document.paths['/api/v1/teams/{teamId}'].get.responses['400']).toEqual({
      description:
        'Invalid request (fields named in `errors`); no text, in a parameter or in the body, may contain U+0000',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(document.components.schemas.Problem).toBeDefined();
  });

  it('renders thrown problems, hides unexpected errors behind a 500 problem, and 404s unknown routes', async () => {
    const { app, logs } = buildApp();
    const conflict = await app.request('/teapot');
    expect(conflict.status).toBe(409);
    expect(await readJson(conflict)).toEqual({
      type: 'about:blank',
      title: 'Seat taken',
      status: 409,
      detail: 'seat A1 is held',
      seatId: 'A1',
      instance: '/teapot',
    });

    const boom = await app.request('/boom');
    expect(boom.status).toBe(500);
    const body = await boom.text();
    expect(body).not.toContain('secret internals');
    expect(JSON.parse(body)).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(logs.lines().some((line) => line.msg === 'unhandled error' && line.level === 'error')).toBe(true);

    const missing = await app.request('/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });

  it('keeps the caller request id, generates one when absent, and logs each request with it', async () => {
    const { app, logs } = buildApp();
    const echoed = await app.request('/health', { headers: { 'x-request-id': 'req-abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-abc-123');
    const generated = await app.request('/tenant', { headers: { 'x-request-id': 'bad id with spaces' } });
    const generatedId = generated.headers.get('x-request-id');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await generated.text()).toBe('acme');
    const accessLines = logs.lines().filter((line) => line.msg === 'request');
    expect(accessLines).toEqual([
      expect.objectContaining({
        requestId: 'req-abc-123',
        path: '/health',
        status: 200,
        service: 'test-service',
      }),
      expect.objectContaining({ requestId: generatedId, path: '/tenant', status: 200, level: 'info' }),
    ]);
  });

  it('answers /ready 200 when every check passes and 503 problem naming the failed check', async () => {
    let redisUp = true;
    const { app } = buildApp([
      { name: 'postgres', check: async () => 1 },
      {
        name: 'redis',
        check: async () => {
          if (!redisUp) throw new Error('connection refused');
        },
      },
    ]);
    const ready = await app.request('/ready');
    expect(ready.status).toBe(200);
    expect(await readJson(ready)).toEqual({ status: 'ready', checks: { postgres: 'up', redis: 'up' } });
    redisUp = false;
    const notReady = await app.request('/ready');
    expect(notReady.status).toBe(503);
    expect(await readJson(notReady)).toMatchObject({
      detail: 'not ready: redis failed',
      checks: { postgres: 'up', redis: 'connection refused' },
    });
    expect((await app.request('/health')).status).toBe(200);
  });

  it('answers /ready 503 once shutdown begins while /health stays 200', async () => {
    const { app } = buildApp();
    app.service.beginShutdown();
    expect((await app.request('/ready')).status).toBe(503);
    expect((await app.request('/health')).status).toBe(200);
  });

  it('exports request duration by method, route pattern and status, plus process metrics, per app', async () => {
    const first = buildApp().app;
    const second = buildApp().app;
    await first.request(`/api/v1/users/${teamId}`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    await first.request('/no/such/path/123');
    const text = await (await first.request('/metrics')).text();
    expect(text).toContain(
      'http_request_duration_seconds_count{service="test-service",method="POST",route="/api/v1/users/:teamId",status_code="400"} 1',
    );
    expect(text).toContain('route="unmatched",status_code="404"');
    expect(text).toContain('process_cpu_user_seconds_total');
    const secondText = await (await second.request('/metrics')).text();
    expect(secondText).not.toContain('route="/api/v1/users/:teamId"');
  });

  it('labels a request with the route a handler names instead of the pattern it matched (a proxy catch-all)', async () => {
    const { app } = buildApp();
    app.all('/proxied/*', (c) => {
      c.set('metricsRoute', '/proxied/:id/confirm');
      return c.text('ok', 202);
    });
    await app.request('/proxied/42/confirm', { method: 'POST' });
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('method="POST",route="/proxied/:id/confirm",status_code="202"} 1');
    expect(text).not.toContain('route="/proxied/*"');
  });
});
