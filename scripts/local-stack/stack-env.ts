import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Endpoints of the local stack, read from ports.env so shell scripts and tests agree on one set of ports. */
export interface LocalStackEndpoints {
  readonly postgresUrl: (database: string) => string;
  readonly redisUrl: string;
  readonly kafkaBrokers: string;
  readonly awsEndpoint: string;
  readonly awsRegion: string;
  readonly kubeconfig: string;
}

function readPorts(): Record<string, number> {
  const text = readFileSync(join(import.meta.dirname, 'ports.env'), 'utf8');
  const ports: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^(URR_[A-Z_]+)=(\d+)\s*$/.exec(line);
    if (match?.[1] && match[2]) ports[match[1]] = Number(match[2]);
  }
  return ports;
}

export function localStackEndpoints(env: NodeJS.ProcessEnv = process.env): LocalStackEndpoints {
  const ports = readPorts();
  const stateDir = env.URR_STATE_DIR ?? '/tmp/urr-stack';
  return {
    postgresUrl: (database) => `postgres://urr@127.0.0.1:${ports.URR_PG_PORT}/${database}`,
    redisUrl: `redis://127.0.0.1:${ports.URR_REDIS_PORT}`,
    kafkaBrokers: `127.0.0.1:${ports.URR_KAFKA_PORT}`,
    awsEndpoint: `http://127.0.0.1:${ports.URR_AWS_PORT}`,
    awsRegion: 'ap-northeast-2',
    kubeconfig: join(stateDir, 'kube', 'kubeconfig'),
  };
}

/** Points the AWS SDK and the Kubernetes client at the local stack unless the caller set them already. */
export function applyLocalStackEnv(env: NodeJS.ProcessEnv = process.env): void {
  const endpoints = localStackEndpoints(env);
  env.REDIS_URL ??= endpoints.redisUrl;
  env.KAFKA_BROKERS ??= endpoints.kafkaBrokers;
  env.AWS_ENDPOINT_URL ??= endpoints.awsEndpoint;
  env.AWS_REGION ??= endpoints.awsRegion;
  // moto accepts any credentials; these are placeholders, not secrets.
  env.AWS_ACCESS_KEY_ID ??= 'local';
  env.AWS_SECRET_ACCESS_KEY ??= 'local';
  env.KUBECONFIG ??= endpoints.kubeconfig;
}
