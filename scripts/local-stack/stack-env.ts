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

/** Every setting of ports.env (ports, and the local node's addresses), as written there. */
export function readStackSettings(): Record<string, string> {
  const text = readFileSync(join(import.meta.dirname, 'ports.env'), 'utf8');
  const settings: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^(URR_[A-Z_]+)=(\S+)\s*$/.exec(line);
    if (match?.[1] && match[2]) settings[match[1]] = match[2];
  }
  return settings;
}

/** `NAME=value` lines of an env file (comments and other lines are passed over). */
function readEnvFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) values[match[1]] = match[2];
  }
  return values;
}

/**
 * The local stack's settings (scripts/local.env) with the secrets `npm start` generated
 * ($URR_STATE_DIR/secrets.env) over them: what a bench needs to sign in as the demo admin.
 */
export function readLocalSettingsAndSecrets(stateDir: string): Record<string, string> {
  return {
    ...readEnvFile(join(import.meta.dirname, '..', 'local.env')),
    ...readEnvFile(join(stateDir, 'secrets.env')),
  };
}

function readPorts(): Record<string, number> {
  const ports: Record<string, number> = {};
  for (const [name, value] of Object.entries(readStackSettings())) {
    if (/^\d+$/.test(value)) ports[name] = Number(value);
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
