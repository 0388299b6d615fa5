import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';

export type { Redis };

export interface RedisOptions {
  readonly url: string;
  /** Shown in `CLIENT LIST` and in log lines, e.g. `ticket-service`. */
  readonly name: string;
  readonly logger?: Logger;
  /** A command waiting longer than this for a reconnect fails instead of piling up. @default 2000 */
  readonly commandTimeoutMs?: number;
}

/**
 * An ioredis client that fails fast: a command retries once on a broken connection, then rejects, so a
 * request answers 503 instead of hanging while Redis is away. Reconnects with capped backoff.
 */
export function createRedis(options: RedisOptions): Redis {
  const redis = new Redis(options.url, {
    connectionName: options.name,
    connectTimeout: 5000,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    enableAutoPipelining: true,
  });
  // ioredis emits every failed connection attempt; without a listener each one prints a warning.
  redis.on('error', (error) => options.logger?.warn({ err: error }, 'redis connection error'));
  return redis;
}

/** Readiness check: PING answers PONG. */
export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`redis answered ${answer} to PING`);
}

/** Waits for pending replies (QUIT) when connected; otherwise stops reconnecting at once. */
export async function quitRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  const ended = new Promise((resolve) => redis.once('end', resolve));
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
  await ended;
}
