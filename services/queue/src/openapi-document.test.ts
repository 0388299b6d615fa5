import { describe, expect, it } from 'vitest';
import { queueOpenApiDocument } from './openapi-document.js';

describe('queue-service OpenAPI document', () => {
  it('is generated from the route schemas', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the JSON document
    const document: any = await queueOpenApiDocument();
    const enter = document.paths['/api/v1/queue/{eventId}/enter'].post;
    expect(enter.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/QueueState',
    );
    expect(Object.keys(enter.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
    );
    expect(enter.security).toEqual([{ accessTokenCookie: [] }, { bearerAuth: [] }]);
  });
});
