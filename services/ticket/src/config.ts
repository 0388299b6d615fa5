import { createPrivateKey, type KeyObject } from 'node:crypto';
import { databaseEnv, internalApiEnv, kafkaEnv, redisEnv, serviceEnv, topics, z } from '@urr/common';

const ticketCodeKeyHint =
  'set it to a PKCS#8 PEM of an Ed25519 private key, or that PEM base64-encoded on one line ' +
  '(openssl genpkey -algorithm ED25519 | base64 -w0)';

/** Accepts the PEM itself (newlines or literal `\n`) or the PEM base64-encoded, so it fits one env line. */
export function parseTicketCodeKey(text: string): KeyObject {
  const pem = text.includes('-----BEGIN')
    ? text.replaceAll('\\n', '\n')
    : Buffer.from(text, 'base64').toString('utf8');
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return key;
}

const ticketCodeKey = z
  .string({ error: ticketCodeKeyHint })
  .min(1, { error: ticketCodeKeyHint })
  .transform((text, context) => {
    try {
      return parseTicketCodeKey(text);
    } catch {
      context.addIssue({ code: 'custom', message: ticketCodeKeyHint });
      return z.NEVER;
    }
  });

export const configSchema = z.object({
  ...serviceEnv(3002),
  ...databaseEnv,
  ...redisEnv,
  ...kafkaEnv,
  ...internalApiEnv,
  /** Signs the tickets' rotating door codes; doors verify them with its public key (docs/adr/0039). */
  TICKET_CODE_PRIVATE_KEY: ticketCodeKey,
  /** How long a seat lock (and so an unpaid hold, seated or standing) lasts. */
  SEAT_LOCK_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(420),
  /** How old a seat map served to fans may be; 0 reads the database for every request (docs/adr/0055). */
  SEAT_MAP_MAX_AGE_MS: z.coerce.number().int().min(0).max(5000).default(250),
  /** How often the job looks for unpaid holds past their deadline. */
  HOLD_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  PAYMENT_URL: z
    .url({ error: 'set it to payment-service, e.g. http://127.0.0.1:3003' })
    .default('http://127.0.0.1:3003'),
  /** How long a call to payment-service may take before the booking answers without it. */
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  PAYMENT_EVENTS_TOPIC: z.string().min(1).default(topics.payment),
  PAYMENT_EVENTS_CONSUMER_GROUP: z.string().min(1).default('ticket-service.payment-events'),
  /** How long seats offered to a waiting-list fan are held for them to pay (docs/adr/0042). */
  WAITING_LIST_OFFER_SECONDS: z.coerce.number().int().min(10).max(3600).default(180),
  /** How often the waiting-list job looks for released seats and new entries to match. */
  WAITING_LIST_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  /** How often the refund job looks for refunds to ask payment-service for (it retries with backoff). */
  REFUND_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
});
export type Config = z.output<typeof configSchema>;

/** What the HTTP app needs from the config (tests build it without Kafka settings). */
export type AppConfig = Pick<
  Config,
  'INTERNAL_API_TOKEN' | 'SEAT_LOCK_TTL_SECONDS' | 'SEAT_MAP_MAX_AGE_MS' | 'TICKET_CODE_PRIVATE_KEY'
>;
