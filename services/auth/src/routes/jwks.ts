import { createRoute, createRouter, jsonResponse, type ServiceEnv, z } from '@urr/common';
import type { AuthContext } from '../context.js';

const Jwks = z
  .object({
    keys: z.array(
      z.object({ kty: z.string(), kid: z.string(), alg: z.string(), use: z.string() }).passthrough(),
    ),
  })
  .openapi('JsonWebKeySet');

const jwks = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  summary: 'Public keys that verify access tokens (RFC 7517)',
  responses: { 200: jsonResponse(Jwks, 'The key set') },
});

export function jwksRoutes(deps: AuthContext) {
  const router = createRouter<ServiceEnv>();
  router.openapi(jwks, (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(deps.signer.jwks as z.infer<typeof Jwks>, 200);
  });
  return router;
}
