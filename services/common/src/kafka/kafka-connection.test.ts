/**
 * Kafka over TLS with SASL, through the services' own settings (`kafkaEnv` in a service's config,
 * `kafkaOptionsOf`, `createKafka`) against the local broker's second listener: TLS with the local CA and
 * SCRAM-SHA-512 (scripts/local-stack/kafka.sh). MSK's IAM mechanism is checked offline: the token the signer
 * makes for OAUTHBEARER.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStackSettings } from '@urr/local-stack/stack-env';
import type { Kafka, SASLOptions } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kafkaEnv } from '../config/env-schemas.js';
import { loadConfig } from '../config/load-config.js';
import { captureLogs } from '../testing/log-capture.js';
import { ensureTopics } from './ensure-topics.js';
import { createKafka, createProducer } from './kafka-client.js';
import { KafkaConnectionConfigError, kafkaConnectionOf, kafkaOptionsOf } from './kafka-connection.js';

const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
const saslBroker = `127.0.0.1:${readStackSettings().URR_KAFKA_SASL_PORT}`;
const localCa = join(stateDir, 'kafka', 'tls', 'ca.pem');
const localPassword = () => readFileSync(join(stateDir, 'kafka', 'sasl-password'), 'utf8').trim();
const { logger } = captureLogs('kafka-connection-test');

/** A service's config as it loads it from its environment (its schema spreads `kafkaEnv`). */
const serviceConfig = (env: Record<string, string>) => loadConfig(z.object({ ...kafkaEnv }), env);

const overTls = (overrides: Record<string, string> = {}) => ({
  KAFKA_BROKERS: saslBroker,
  KAFKA_SSL: 'true',
  KAFKA_SSL_CA_FILE: localCa,
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'urr',
  KAFKA_SASL_PASSWORD: localPassword(),
  ...overrides,
});

/** A client from the settings, failing fast (no retries) so a refused connection shows at once. */
function failFastClient(env: Record<string, string>): Kafka {
  const options = kafkaOptionsOf(serviceConfig(env));
  return createKafka({
    ...options,
    clientId: `refused-${randomUUID()}`,
    config: {
      ...options.config,
      retry: { retries: 0 },
      connectionTimeout: 3000,
      authenticationTimeout: 3000,
    },
  });
}

async function connectAdmin(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

describe('the services’ Kafka client over the local TLS + SCRAM-SHA-512 listener', () => {
  it('produces and consumes a message with the settings a service loads from its environment', async () => {
    const kafka = createKafka({
      ...kafkaOptionsOf(serviceConfig(overTls())),
      clientId: 'tls-sasl-test',
      logger,
    });
    const topic = `tls-sasl-${randomUUID()}`;
    await ensureTopics(kafka, [{ topic, partitions: 1, cleanupPolicy: 'delete' }], { replicationFactor: 1 });
    const received: string[] = [];
    const consumer = kafka.consumer({ groupId: `tls-sasl-${randomUUID()}` });
    const producer = createProducer(kafka);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value?.toString() ?? '');
        },
      });
      await producer.connect();
      const body = `over TLS ${randomUUID()}`;
      await producer.send({ topic, messages: [{ key: 'k', value: body }] });
      for (const deadline = Date.now() + 30_000; received.length === 0 && Date.now() < deadline; )
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toEqual([body]);
    } finally {
      await producer.disconnect();
      await consumer.disconnect();
    }
  });

  it('is refused with a wrong password', async () => {
    await expect(
      connectAdmin(failFastClient(overTls({ KAFKA_SASL_PASSWORD: 'not-the-password' }))),
    ).rejects.toThrow(/SASL SCRAM SHA512 authentication failed|Authentication failed/i);
  });

  it('is refused without SASL, and cannot talk plaintext to the TLS listener', async () => {
    const withoutSasl = overTls();
    for (const name of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const)
      delete (withoutSasl as Record<string, string>)[name];
    await expect(connectAdmin(failFastClient(withoutSasl))).rejects.toThrow();
    await expect(connectAdmin(failFastClient({ KAFKA_BROKERS: saslBroker }))).rejects.toThrow();
  });

  it('does not trust the broker without the local CA (the certificate is checked)', async () => {
    const withoutCa = overTls();
    delete (withoutCa as Record<string, string>).KAFKA_SSL_CA_FILE;
    await expect(connectAdmin(failFastClient(withoutCa))).rejects.toThrow(
      /self.signed|certificate|unable to verify/i,
    );
  });
});

describe('the settings', () => {
  const connectionOf = (env: Record<string, string>, processEnv: Record<string, string | undefined> = {}) =>
    kafkaConnectionOf(serviceConfig({ KAFKA_BROKERS: '127.0.0.1:9092', ...env }), processEnv);

  it('are plaintext without authentication when unset, as the local default listener', () => {
    expect(connectionOf({})).toEqual({});
  });

  it('refuse a password mechanism without a user and password, or without TLS', () => {
    expect(() => connectionOf({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      KafkaConnectionConfigError,
    );
    expect(() => connectionOf({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME[\s\S]*KAFKA_SASL_PASSWORD/,
    );
    expect(() =>
      connectionOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
    ).toThrow(/in the clear[\s\S]*KAFKA_SSL/);
    expect(() => connectionOf({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toThrow(
      /KAFKA_SASL_MECHANISM/,
    );
    expect(() => serviceConfig({ KAFKA_BROKERS: 'b:9092', KAFKA_SASL_MECHANISM: 'kerberos' })).toThrow(
      /KAFKA_SASL_MECHANISM/,
    );
  });

  it('refuse MSK IAM without TLS or a region', () => {
    expect(() =>
      connectionOf({ KAFKA_SASL_MECHANISM: 'aws-msk-iam' }, { AWS_REGION: 'ap-northeast-2' }),
    ).toThrow(/KAFKA_SSL/);
    expect(() => connectionOf({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'aws-msk-iam' })).toThrow(
      /KAFKA_AWS_REGION/,
    );
  });

  it('make MSK IAM an OAUTHBEARER token signed for kafka-cluster:Connect in the cluster’s region', async () => {
    const connection = connectionOf(
      { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'aws-msk-iam' },
      { AWS_REGION: 'ap-northeast-2' },
    );
    expect(connection.ssl).toBe(true);
    const sasl = connection.sasl as SASLOptions & { oauthBearerProvider: () => Promise<{ value: string }> };
    expect(sasl.mechanism).toBe('oauthbearer');
    // The signer reads the default credential chain: the test environment's (placeholder) keys.
    const { value } = await sasl.oauthBearerProvider();
    const signed = new URL(Buffer.from(value, 'base64url').toString('utf8'));
    expect(signed.host).toBe('kafka.ap-northeast-2.amazonaws.com');
    expect(signed.searchParams.get('Action')).toBe('kafka-cluster:Connect');
    expect(signed.searchParams.get('X-Amz-Credential')).toMatch(
      /\/ap-northeast-2\/kafka-cluster\/aws4_request$/,
    );
    expect(signed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
