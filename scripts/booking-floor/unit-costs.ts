import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join, resolve } from 'node:path';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { bareGet, startBareHonoServer } from '../sellout/bare-route.js';
import { type CpuPerOperation, cpuPerOperation, treesCpuMs } from '../sellout/process-cpu.js';
import type { UnitCosts } from './floor.js';

export interface UnitCostOptions {
  readonly repoDir: string;
  readonly postgresUrl: string;
  readonly redisUrl: string;
  readonly kafkaBrokers: string;
  /** The broker's and Redis's pids, whose CPU counts as the server side of their units. */
  readonly kafkaPid: number;
  readonly redisPid: number;
  /** Operations per unit; each unit runs this many, `concurrency` at a time. */
  readonly operations: number;
  readonly concurrency: number;
  readonly progress: (line: string) => void;
}

/** The running local stack's servers (`npm start`), the broker's and Redis's pids from its pid files. */
export function localStackUnitCostOptions(
  run: Pick<UnitCostOptions, 'operations' | 'concurrency' | 'progress'>,
): UnitCostOptions {
  const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
  const pidOf = (name: string) => {
    try {
      return Number(readFileSync(join(stateDir, 'pids', `${name}.pid`), 'utf8').trim());
    } catch {
      throw new Error(`no ${name} pid in ${stateDir}/pids: start the local stack first (npm start)`);
    }
  };
  const endpoints = localStackEndpoints();
  return {
    ...run,
    repoDir: resolve(import.meta.dirname, '../..'),
    postgresUrl: endpoints.postgresUrl('ticket_db'),
    redisUrl: endpoints.redisUrl,
    kafkaBrokers: endpoints.kafkaBrokers,
    kafkaPid: pidOf('kafka'),
    redisPid: pidOf('redis'),
  };
}

async function httpRequests(options: UnitCostOptions): Promise<CpuPerOperation> {
  const server = await startBareHonoServer(options.repoDir);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    return await cpuPerOperation(options.operations, options.concurrency, [server.pid], () =>
      bareGet(server.port, agent),
    );
  } finally {
    agent.destroy();
    server.stop();
  }
}

async function statements(options: UnitCostOptions): Promise<CpuPerOperation> {
  const clients = Array.from({ length: options.concurrency }, () => new pg.Client(options.postgresUrl));
  await Promise.all(clients.map((client) => client.connect()));
  try {
    const backends = await Promise.all(
      clients.map(
        async (client) => (await client.query('select pg_backend_pid() as pid')).rows[0].pid as number,
      ),
    );
    // A prepared read by primary key, as the services' kept statements are (ADR 0057, ADR 0065).
    const read = {
      name: 'floor-read',
      text: 'select id, published_at from outbox where id = $1',
      values: [0],
    };
    return await cpuPerOperation(options.operations, options.concurrency, backends, (worker) =>
      clients[worker]!.query(read),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

async function redisRoundTrips(options: UnitCostOptions): Promise<CpuPerOperation> {
  const redis = new Redis(options.redisUrl, { lazyConnect: true, enableAutoPipelining: false });
  await redis.connect();
  try {
    const key = `floor:${randomUUID()}`;
    return await cpuPerOperation(options.operations, options.concurrency, [options.redisPid], () =>
      redis.get(key),
    );
  } finally {
    redis.disconnect();
  }
}

/**
 * Messages produced in sends of ten (acks from all replicas, as the outbox relay sends; the relay's sends in
 * a sale carry two or three, which cost more a message), then the same consumed from the start in fetches as
 * large as the broker gives: both cheaper than in a sale, so the floor stays a lower bound.
 */
async function kafkaMessages(
  options: UnitCostOptions,
): Promise<{ produced: CpuPerOperation; delivered: CpuPerOperation }> {
  const kafka = new Kafka({
    brokers: options.kafkaBrokers.split(','),
    clientId: 'booking-floor',
    logLevel: logLevel.NOTHING,
  });
  const topic = `booking-floor-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `booking-floor-${randomUUID()}`, maxWaitTimeInMs: 100 });
  try {
    await producer.connect();
    const perSend = 10;
    const sends = Math.max(100, Math.round(options.operations / perSend));
    const value = JSON.stringify({ id: randomUUID(), type: 'reservation.confirmed', payload: { seats: 2 } });
    const messages = () => Array.from({ length: perSend }, () => ({ key: randomUUID(), value }));
    const perSendCost = await cpuPerOperation(sends, options.concurrency, [options.kafkaPid], () =>
      producer.send({ topic, acks: -1, messages: messages() }),
    );
    const produced = { clientMs: perSendCost.clientMs / perSend, serverMs: perSendCost.serverMs / perSend };
    const total = (sends + Math.min(200, sends)) * perSend;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // The clock starts once the group is joined: joining is a consumer's start-up, not a message's cost.
    let serverBefore = 0;
    let clientBefore = process.cpuUsage();
    consumer.on(consumer.events.GROUP_JOIN, () => {
      serverBefore = treesCpuMs([options.kafkaPid]);
      clientBefore = process.cpuUsage();
    });
    let seen = 0;
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`read ${seen} of ${total} messages in 60 s: is the broker up? (npm start)`)),
        60_000,
      );
      void consumer.run({
        eachMessage: async () => {
          seen += 1;
          if (seen === total) {
            clearTimeout(deadline);
            resolve();
          }
        },
      });
    });
    const client = process.cpuUsage(clientBefore);
    const delivered = {
      clientMs: (client.user + client.system) / 1000 / total,
      serverMs: (treesCpuMs([options.kafkaPid]) - serverBefore) / total,
    };
    return { produced, delivered };
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

const both = (measured: CpuPerOperation) => measured.clientMs + measured.serverMs;

/**
 * What each unit of a booking's work costs on this machine, now, with no application code around it: the
 * cheapest case, kept-alive connections and `concurrency` operations in flight, so the floor is a lower bound.
 * An HTTP request's answer is the bare hono route's CPU and its sending the client's.
 */
export async function measureUnitCosts(options: UnitCostOptions): Promise<UnitCosts> {
  options.progress(`HTTP: ${options.operations} requests to a bare hono route`);
  const http = await httpRequests(options);
  options.progress(`SQL: ${options.operations} prepared reads by primary key`);
  const sql = await statements(options);
  options.progress(`Redis: ${options.operations} GETs`);
  const redis = await redisRoundTrips(options);
  options.progress('Kafka: messages produced in sends of ten, then consumed');
  const kafka = await kafkaMessages(options);
  return {
    servedRequests: http.serverMs,
    sentRequests: http.clientMs,
    statements: both(sql),
    kafkaMessages: both(kafka.produced),
    kafkaDeliveries: both(kafka.delivered),
    redisRoundTrips: both(redis),
  };
}
