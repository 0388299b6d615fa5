import { readFileSync } from 'node:fs';
import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { z } from 'zod';

/**
 * How a client authenticates: SCRAM or PLAIN with a user and password (the local broker's TLS listener,
 * self-managed Kafka), or `aws-msk-iam`: SASL OAUTHBEARER with a token the MSK IAM signer makes from the
 * pod's AWS credentials (IRSA), as MSK's IAM listener (9098) wants.
 */
export const kafkaSaslMechanisms = ['scram-sha-512', 'scram-sha-256', 'plain', 'aws-msk-iam'] as const;
export type KafkaSaslMechanism = (typeof kafkaSaslMechanisms)[number];

const stringBool = (what: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: `set it to true or false (${what})` })
    .default('false')
    .transform((value) => value === 'true' || value === '1');

/**
 * The connection settings of every Kafka client, part of each service's config (`kafkaEnv`). Unset, a client
 * speaks plaintext without authentication, as to the local broker's default listener.
 */
export const kafkaConnectionEnv = {
  /** TLS to the brokers (MSK always; the local broker's second listener). */
  KAFKA_SSL: stringBool('TLS to the brokers'),
  /** PEM file of the CA to trust besides Node's own (a self-managed broker's CA); MSK needs none. */
  KAFKA_SSL_CA_FILE: z.string().min(1, { error: 'set it to a PEM file of the brokers’ CA' }).optional(),
  KAFKA_SASL_MECHANISM: z
    .enum(kafkaSaslMechanisms, { error: `set it to one of ${kafkaSaslMechanisms.join(', ')}` })
    .optional(),
  /** User and password of scram-sha-512, scram-sha-256 and plain. */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** The MSK cluster's region, for aws-msk-iam. @default AWS_REGION */
  KAFKA_AWS_REGION: z.string().min(1).optional(),
};

/** What a service's config holds of the Kafka settings (its `kafkaEnv` part, parsed). */
export interface KafkaConnectionConfig {
  readonly KAFKA_SSL: boolean;
  readonly KAFKA_SSL_CA_FILE?: string | undefined;
  readonly KAFKA_SASL_MECHANISM?: KafkaSaslMechanism | undefined;
  readonly KAFKA_SASL_USERNAME?: string | undefined;
  readonly KAFKA_SASL_PASSWORD?: string | undefined;
  readonly KAFKA_AWS_REGION?: string | undefined;
}

/** The rules between the settings, which a schema of separate variables cannot say field by field. */
const connectionRules = z
  .object({
    KAFKA_SSL: z.boolean(),
    KAFKA_SSL_CA_FILE: z.string().optional(),
    KAFKA_SASL_MECHANISM: z.enum(kafkaSaslMechanisms).optional(),
    KAFKA_SASL_USERNAME: z.string().optional(),
    KAFKA_SASL_PASSWORD: z.string().optional(),
    region: z.string().optional(),
  })
  .superRefine((settings, context) => {
    const mechanism = settings.KAFKA_SASL_MECHANISM;
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (settings.KAFKA_SSL_CA_FILE && !settings.KAFKA_SSL)
      issue('KAFKA_SSL', 'set it to true: KAFKA_SSL_CA_FILE is only used over TLS');
    if (mechanism === 'aws-msk-iam') {
      if (!settings.KAFKA_SSL)
        issue('KAFKA_SSL', 'set it to true: MSK takes IAM authentication over TLS only');
      if (!settings.region) issue('KAFKA_AWS_REGION', 'set it (or AWS_REGION) to the MSK cluster’s region');
    } else if (mechanism) {
      if (!settings.KAFKA_SASL_USERNAME) issue('KAFKA_SASL_USERNAME', `set it: ${mechanism} needs a user`);
      if (!settings.KAFKA_SASL_PASSWORD)
        issue('KAFKA_SASL_PASSWORD', `set it: ${mechanism} needs a password`);
      if (!settings.KAFKA_SSL)
        issue('KAFKA_SSL', `set it to true: ${mechanism} would send the password in the clear`);
    } else if (settings.KAFKA_SASL_USERNAME || settings.KAFKA_SASL_PASSWORD)
      issue('KAFKA_SASL_MECHANISM', 'set it: a user and password are given but no mechanism');
  });

export class KafkaConnectionConfigError extends Error {
  override readonly name = 'KafkaConnectionConfigError';
}

/** kafkajs's `ssl` and `sasl` for the settings: plaintext without them, TLS and SASL as configured. */
export function kafkaConnectionOf(
  config: KafkaConnectionConfig,
  env: Record<string, string | undefined> = process.env,
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const checked = connectionRules.safeParse({ ...config, region: config.KAFKA_AWS_REGION ?? env.AWS_REGION });
  if (!checked.success)
    throw new KafkaConnectionConfigError(`Invalid Kafka settings:\n${z.prettifyError(checked.error)}`);
  const settings = checked.data;
  const ssl = settings.KAFKA_SSL
    ? settings.KAFKA_SSL_CA_FILE
      ? { ca: [readFileSync(settings.KAFKA_SSL_CA_FILE, 'utf8')] }
      : true
    : undefined;
  return { ...(ssl ? { ssl } : {}), ...(settings.KAFKA_SASL_MECHANISM ? { sasl: saslOf(settings) } : {}) };
}

function saslOf(settings: z.output<typeof connectionRules>): SASLOptions {
  const mechanism = settings.KAFKA_SASL_MECHANISM!;
  if (mechanism === 'aws-msk-iam') {
    const region = settings.region!;
    return {
      mechanism: 'oauthbearer',
      // A fresh token (15 minutes) for each connection's authentication, from the default credential chain.
      oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region })).token }),
    };
  }
  return { mechanism, username: settings.KAFKA_SASL_USERNAME!, password: settings.KAFKA_SASL_PASSWORD! };
}

/** A service's `createKafka` options from its config: the brokers, and TLS and SASL as configured. */
export const kafkaOptionsOf = (
  config: KafkaConnectionConfig & { readonly KAFKA_BROKERS: readonly string[] },
  env: Record<string, string | undefined> = process.env,
) => ({ brokers: config.KAFKA_BROKERS, config: kafkaConnectionOf(config, env) });
