import { SecretKey } from './env-var.js';

/**
 * The Secrets the workloads read, by name and key. The manifests only refer to them: the platform fills
 * them from AWS Secrets Manager (External Secrets or a one-off `kubectl create secret`), so no value is in
 * Git. Service secrets live in the services' namespace; the operator's copies in its own namespace.
 */
export const secretContract = {
  internalApiToken: SecretKey.of('urr-internal-api', 'INTERNAL_API_TOKEN'),
  entryTokenSecret: SecretKey.of('urr-entry-token', 'ENTRY_TOKEN_SECRET'),
  /** Verifies `urr-vwr-token`, the Tier-1 pass queue-service asks of newcomers (vwr-api signs with it). */
  vwrTokenSecret: SecretKey.of('urr-vwr-token', 'VWR_TOKEN_SECRET'),
  /** rediss://:AUTH_TOKEN@primary-endpoint:6379 (ElastiCache, TLS + AUTH). */
  redisUrl: SecretKey.of('urr-redis', 'REDIS_URL'),
  /** postgres://user:password@rds-proxy-endpoint:5432/{service}_db?sslmode=require */
  databaseUrl: (workloadName: string) => SecretKey.of(`${workloadName}-database`, 'DATABASE_URL'),
  /** The read replica's URL; read-mostly services (stats, catalog) use it when present. */
  databaseReplicaUrl: (workloadName: string) =>
    SecretKey.of(`${workloadName}-database`, 'DATABASE_REPLICA_URL'),
  authJwtPrivateKey: SecretKey.of('auth-service-keys', 'AUTH_JWT_PRIVATE_KEY'),
  /** Signs the tickets' rotating door codes (Ed25519); doors verify them with its public key. */
  ticketCodePrivateKey: SecretKey.of('ticket-service-keys', 'TICKET_CODE_PRIVATE_KEY'),
  refreshTokenPepper: SecretKey.of('auth-service-keys', 'REFRESH_TOKEN_PEPPER'),
  pspApiKey: SecretKey.of('payment-service-psp', 'PSP_API_KEY'),
  pspWebhookSecret: SecretKey.of('payment-service-psp', 'PSP_WEBHOOK_SECRET'),
  /** Keys payment-service's idempotency fingerprints (HMAC), so a stored one reveals nothing. */
  idempotencyFingerprintSecret: SecretKey.of('payment-service-keys', 'IDEMPOTENCY_FINGERPRINT_SECRET'),
  /** Only where an AWS emulator stands in for DynamoDB and SQS (the local node); IRSA in AWS. */
  awsEmulatorAccessKeyId: SecretKey.of('urr-aws-emulator', 'AWS_ACCESS_KEY_ID'),
  awsEmulatorSecretAccessKey: SecretKey.of('urr-aws-emulator', 'AWS_SECRET_ACCESS_KEY'),
} as const;
