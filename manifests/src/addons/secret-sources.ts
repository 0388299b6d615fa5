import { dataPorts } from '@urr/infra/network/subnet-plan';
import type { AddonSettings } from './addon-settings.js';

/**
 * Where each key of the Secrets the pods read comes from in AWS Secrets Manager: the entries of the CDK
 * data stack (infra/src/data/data-stack.ts). A key is a plain entry, or a template over an entry's JSON
 * fields (the database URLs from a service's login, REDIS_URL from the AUTH token).
 */
export type KeySource =
  | { readonly kind: 'entry'; readonly remoteKey: string; readonly property?: string }
  | {
      readonly kind: 'template';
      readonly template: string;
      /** A JSON entry whose fields the template reads, or a plain entry it reads as `as`. */
      readonly input: { readonly extract: string } | { readonly remoteKey: string; readonly as: string };
    };

/** Keys only the local node's stand-ins fill (an AWS emulator's credentials); IRSA in AWS. */
export const locallyProvidedSecrets: ReadonlySet<string> = new Set(['urr-aws-emulator']);

const plainEntries: Readonly<Record<string, KeySource>> = {
  INTERNAL_API_TOKEN: { kind: 'entry', remoteKey: 'urr/internal-api-token' },
  ENTRY_TOKEN_SECRET: { kind: 'entry', remoteKey: 'urr/entry-token-secret' },
  VWR_TOKEN_SECRET: { kind: 'entry', remoteKey: 'urr/vwr-token-secret' },
  REFRESH_TOKEN_PEPPER: { kind: 'entry', remoteKey: 'urr/refresh-token-pepper' },
  IDEMPOTENCY_FINGERPRINT_SECRET: { kind: 'entry', remoteKey: 'urr/idempotency-fingerprint-secret' },
  AUTH_JWT_PRIVATE_KEY: { kind: 'entry', remoteKey: 'urr/auth-jwt-private-key' },
  TICKET_CODE_PRIVATE_KEY: { kind: 'entry', remoteKey: 'urr/ticket-code-private-key' },
  PSP_API_KEY: { kind: 'entry', remoteKey: 'urr/psp', property: 'apiKey' },
  PSP_WEBHOOK_SECRET: { kind: 'entry', remoteKey: 'urr/psp', property: 'webhookSecret' },
};

const databaseSecret = /^(.+)-database$/;

/** The source of one key of one Secret; undefined when Secrets Manager has none for it. */
export function keySourceOf(secretName: string, key: string, settings: AddonSettings): KeySource | undefined {
  const service = databaseSecret.exec(secretName)?.[1];
  if (service && (key === 'DATABASE_URL' || key === 'DATABASE_REPLICA_URL')) {
    const host = key === 'DATABASE_URL' ? settings.databaseProxyEndpoint : settings.databaseReplicaEndpoint;
    return {
      kind: 'template',
      input: { extract: `urr/database/${service}` },
      template: `postgres://{{ .username }}:{{ .password }}@${host}:${dataPorts.postgres}/{{ .dbname }}?sslmode=require`,
    };
  }
  if (key === 'DATABASE_ADMIN_URL')
    return {
      kind: 'template',
      input: { extract: 'urr/rds/admin' },
      template: `postgres://{{ .username }}:{{ .password }}@${settings.databaseProxyEndpoint}:${dataPorts.postgres}/postgres?sslmode=require`,
    };
  if (key === 'REDIS_URL')
    return {
      kind: 'template',
      input: { remoteKey: 'urr/redis-auth-token', as: 'redisAuthToken' },
      template: `rediss://:{{ .redisAuthToken }}@${settings.redisEndpoint}:${dataPorts.redis}`,
    };
  return plainEntries[key];
}
