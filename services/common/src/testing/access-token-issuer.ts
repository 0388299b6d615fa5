import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import {
  accessTokenAlgorithm,
  accessTokenType,
  defaultAccessTokenAudience,
  defaultAccessTokenIssuer,
} from '../auth/access-token.js';

/**
 * A stand-in for auth-service's token signing in tests of the parts that only verify access tokens: a P-256
 * key, its JWKS served over HTTP on loopback (as auth publishes it), and tokens signed the way auth signs them.
 */
export async function startTestAccessTokenIssuer() {
  const kid = `test-${randomUUID().slice(0, 8)}`;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: accessTokenAlgorithm, use: 'sig' }],
  });
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    /** An access token for `userId` (a new account when omitted), valid for 15 minutes. */
    sign: (userId: string = randomUUID(), email = `${userId}@example.test`) =>
      new SignJWT({ email, role: 'user' })
        .setProtectedHeader({ alg: accessTokenAlgorithm, typ: accessTokenType, kid })
        .setSubject(userId)
        .setIssuer(defaultAccessTokenIssuer)
        .setAudience(defaultAccessTokenAudience)
        .setIssuedAt()
        .setExpirationTime('15m')
        .sign(privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TestAccessTokenIssuer = Awaited<ReturnType<typeof startTestAccessTokenIssuer>>;
