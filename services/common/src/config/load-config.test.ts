import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseEnv, internalApiEnv, kafkaEnv, redisEnv, serviceEnv } from './env-schemas.js';
import { ConfigError, loadConfig } from './load-config.js';

const schema = z.object({ ...serviceEnv(3002), ...databaseEnv, ...redisEnv, ...kafkaEnv, ...internalApiEnv });
const token = randomBytes(24).toString('hex');

describe('loadConfig', () => {
  it('parses a complete environment with defaults and typed values', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'postgres://urr@127.0.0.1:15432/ticket_db',
      REDIS_URL: 'redis://127.0.0.1:16379',
      KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19093',
      INTERNAL_API_TOKEN: token,
    });
    expect(config).toMatchObject({
      PORT: 3002,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_POOL_MAX: 10,
      KAFKA_BROKERS: ['127.0.0.1:19092', '127.0.0.1:19093'],
      INTERNAL_API_TOKEN: token,
    });
    expect(config.DATABASE_REPLICA_URL).toBeUndefined();
    expect(config.ZIPKIN_URL).toBeUndefined();
  });

  it('names every bad variable and says what to set', () => {
    const error = (() => {
      try {
        loadConfig(schema, {
          PORT: '99999',
          DATABASE_URL: 'not a url',
          INTERNAL_API_TOKEN: 'short',
          KAFKA_BROKERS: 'x',
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((problem) => problem.variable).sort()).toEqual([
      'DATABASE_URL',
      'INTERNAL_API_TOKEN',
      'KAFKA_BROKERS.0',
      'PORT',
      'REDIS_URL',
    ]);
    expect(message).toMatch(/REDIS_URL: is not set; set it to the Redis URL/);
    expect(message).toMatch(/INTERNAL_API_TOKEN: must be at least 32 characters/);
    expect(message).toMatch(/PORT: set it to a TCP port between 1 and 65535/);
    expect(message).not.toContain('short');
  });
});
