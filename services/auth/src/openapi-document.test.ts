import { describe, expect, it } from 'vitest';
import { authOpenApiDocument } from './openapi-document.js';

describe('auth-service OpenAPI document', () => {
  it('is generated from the route schemas', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the JSON document
    const document: any = await authOpenApiDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(
      document.paths['/api/v1/auth/register'].post.requestBody.content['application/json'].schema.$ref,
    ).toBe('#/components/schemas/RegisterRequest');
    expect(document.components.schemas.RegisterRequest.properties.password.minLength).toBe(10);
    expect(document.paths['/api/v1/auth/me'].get.security).toEqual([
      { accessTokenCookie: [] },
      { bearerAuth: [] },
    ]);
  });
});
