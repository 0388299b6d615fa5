import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessTokenError, createAccessTokenVerifier } from './access-token-verifier.js';

const issuer = 'urr-auth';
const audience = 'urr-api';
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function newKey(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, privateKey, publicKey };
}

/** A JWKS endpoint serving whatever `keys()` holds at the time, or failing while `down` is set. */
async function jwksServer(keys: () => { kid: string; publicKey: KeyObject }[]) {
  const state = { down: false, fetches: 0 };
  const server = createServer(async (_, response) => {
    state.fetches++;
    if (state.down) {
      response.writeHead(503).end();
      return;
    }
    const jwks = {
      keys: await Promise.all(
        keys().map(async (key) => ({ ...(await exportJWK(key.publicKey)), kid: key.kid, alg: 'ES256' })),
      ),
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, state };
}

const tokenFor = (key: { kid: string; privateKey: KeyObject }) =>
  new SignJWT({ email: 'fan@example.com', role: 'user' })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.kid })
    .setSubject(crypto.randomUUID())
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.privateKey);

describe('createAccessTokenVerifier', () => {
  it('says the keys are unavailable (not that the token is bad) when the JWKS cannot be fetched', async () => {
    const key = newKey('k1');
    const jwks = await jwksServer(() => [key]);
    jwks.state.down = true;
    const verifier = createAccessTokenVerifier({ jwksUrl: jwks.url, issuer, audience });
    await expect(verifier.verify(await tokenFor(key))).rejects.toMatchObject({ reason: 'keys-unavailable' });
  });

  it('keeps verifying with the keys it has while the JWKS endpoint is down', async () => {
    const key = newKey('k1');
    const jwks = await jwksServer(() => [key]);
    const verifier = createAccessTokenVerifier({ jwksUrl: jwks.url, issuer, audience, maxAgeMs: 0 });
    await verifier.warm();
    jwks.state.down = true;
    expect((await verifier.verify(await tokenFor(key))).email).toBe('fan@example.com');
  });

  it('picks up a rotated key, refetching for an unknown kid at most once per cooldown', async () => {
    const old = newKey('old');
    const rotated = newKey('new');
    let published = [old];
    const jwks = await jwksServer(() => published);
    const verifier = createAccessTokenVerifier({ jwksUrl: jwks.url, issuer, audience, cooldownMs: 0 });
    await verifier.verify(await tokenFor(old));
    published = [old, rotated];
    expect((await verifier.verify(await tokenFor(rotated))).role).toBe('user');
    expect(jwks.state.fetches).toBe(2);

    const throttled = createAccessTokenVerifier({ jwksUrl: jwks.url, issuer, audience, cooldownMs: 60_000 });
    await throttled.warm();
    const fetches = jwks.state.fetches;
    const stranger = newKey('stranger');
    for (let attempt = 0; attempt < 5; attempt++)
      await expect(throttled.verify(await tokenFor(stranger))).rejects.toBeInstanceOf(AccessTokenError);
    expect(jwks.state.fetches).toBe(fetches);
  });
});
