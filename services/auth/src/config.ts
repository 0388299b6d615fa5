import { createPrivateKey, type KeyObject } from 'node:crypto';
import { databaseEnv, internalApiEnv, secret, serviceEnv, z } from '@urr/common';
import { defaultAccessTokenAudience, defaultAccessTokenIssuer } from '@urr/common/auth/access-token';
import type { OidcSettings } from './clients/oidc-client.js';
import type { AccessTokenSignerOptions } from './domain/access-token-signer.js';

const pemHint =
  'set it to a PKCS#8 PEM of an EC P-256 private key, or that PEM base64-encoded on one line ' +
  '(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | base64 -w0)';

/** Accepts the PEM itself (newlines or literal `\n`) or the PEM base64-encoded, so it fits one env line. */
export function parseSigningKey(text: string): KeyObject {
  const pem = text.includes('-----BEGIN')
    ? text.replaceAll('\\n', '\n')
    : Buffer.from(text, 'base64').toString('utf8');
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new Error('not an EC P-256 key');
  return key;
}

const signingKey = z
  .string({ error: pemHint })
  .min(1, { error: pemHint })
  .transform((text, context) => {
    try {
      return parseSigningKey(text);
    } catch {
      context.addIssue({ code: 'custom', message: pemHint });
      return z.NEVER;
    }
  });

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'set it to true or false' })
  .transform((value) => value === 'true' || value === '1');

const optionalUrl = (example: string) => z.url({ error: `set it to a URL, e.g. ${example}` }).optional();

export const configSchema = z
  .object({
    ...serviceEnv(3005),
    ...databaseEnv,
    ...internalApiEnv,
    /** Signs access tokens (ES256). Its public key is published at the JWKS path for the gateway. */
    AUTH_JWT_PRIVATE_KEY: signingKey,
    AUTH_JWT_ISSUER: z.string().min(1).default(defaultAccessTokenIssuer),
    AUTH_JWT_AUDIENCE: z.string().min(1).default(defaultAccessTokenAudience),
    AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    AUTH_REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(3600)
      .max(90 * 86_400)
      .default(14 * 86_400),
    /** HMAC key for stored refresh-token hashes: a leaked table alone cannot be replayed or brute-forced. */
    REFRESH_TOKEN_PEPPER: secret('REFRESH_TOKEN_PEPPER'),
    /** `Secure` on the session cookies. Browsers accept Secure cookies from http://localhost too. */
    AUTH_COOKIE_SECURE: flag.default(true),
    /** queue-service, which voids an account's passes when it signs out everywhere (docs/adr/0040). */
    QUEUE_URL: z
      .url({ error: 'set it to queue-service, e.g. http://127.0.0.1:3007' })
      .default('http://127.0.0.1:3007'),
    /** OpenID Connect sign-in (authorization code + PKCE); off unless the issuer is set. */
    OIDC_ISSUER_URL: optionalUrl('https://accounts.example.com'),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** The public callback URL registered at the provider, e.g. https://urr.guru/api/v1/auth/oidc/callback. */
    OIDC_REDIRECT_URI: optionalUrl('https://urr.guru/api/v1/auth/oidc/callback'),
    OIDC_SCOPES: z.string().min(1).default('openid email profile'),
    /** Name stored with linked identities. */
    OIDC_PROVIDER_NAME: z.string().min(1).max(40).default('oidc'),
    /** Lets discovery and token calls use plain http (a provider on loopback in tests); never in production. */
    OIDC_ALLOW_INSECURE_HTTP: flag.default(false),
  })
  .superRefine((config, context) => {
    if (!config.OIDC_ISSUER_URL) return;
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const)
      if (!config[name])
        context.addIssue({ code: 'custom', path: [name], message: 'set it when OIDC_ISSUER_URL is set' });
  });
export type Config = z.output<typeof configSchema>;

/** OIDC sign-in settings when the provider is configured. */
export function oidcSettingsOf(config: Config): OidcSettings | undefined {
  const { OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI } = config;
  if (!OIDC_ISSUER_URL || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URI) return undefined;
  return {
    issuer: new URL(OIDC_ISSUER_URL),
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    redirectUri: new URL(OIDC_REDIRECT_URI),
    scopes: config.OIDC_SCOPES,
    allowInsecureHttp: config.OIDC_ALLOW_INSECURE_HTTP,
  };
}

export function accessTokenSignerOptionsOf(config: Config): AccessTokenSignerOptions {
  return {
    privateKey: config.AUTH_JWT_PRIVATE_KEY,
    issuer: config.AUTH_JWT_ISSUER,
    audience: config.AUTH_JWT_AUDIENCE,
    ttlSeconds: config.AUTH_ACCESS_TOKEN_TTL_SECONDS,
  };
}
