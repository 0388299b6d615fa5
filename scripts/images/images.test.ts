import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@urr/common/testing/free-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStackEndpoints } from '../local-stack/stack-env.js';
import {
  command,
  errorLinesOf,
  imagesDir,
  imageTag,
  nodeBaseImage,
  outputOf,
  podman,
  repositoryRoot,
} from './test-support.js';

/**
 * Images as `npm run images` builds them, run the way a pod runs them: no init (node is PID 1), a read-only
 * root file system, the image's own user. The gateway needs only Redis; auth-service shows the native
 * argon2 binary and the migrations that its bundle carries.
 */
const gatewayImage = `localhost/urr/gateway-service:${imageTag}`;
const authImage = `localhost/urr/auth-service:${imageTag}`;
const container = `urr-image-test-${process.pid}`;
const appUserId = '10001';

interface Manifest {
  readonly tag: string;
  readonly images: readonly { name: string; image: string; archive: string; id: string }[];
}

const readManifest = (): Manifest => JSON.parse(readFileSync(join(imagesDir, 'manifest.json'), 'utf8'));

async function exec(...args: string[]) {
  const result = await podman('exec', container, ...args);
  return { ...result, stdout: result.stdout.trim() };
}

const secret = () => randomBytes(32).toString('hex');

async function waitForHealth(name: string, port: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const running = await podman('inspect', '--format', '{{.State.Running}}', name);
    if (running.stdout.trim() !== 'true') {
      const logs = await podman('logs', name);
      throw new Error(`the name stopped before /health answered:\n${outputOf(logs)}`);
    }
    const answer = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (answer?.ok) return;
    if (Date.now() > deadline) throw new Error(`${name} did not answer /health within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  // Cached by layer: seconds when nothing changed, a few minutes on a cold machine.
  const build = await command('bash', ['scripts/images/build.sh', 'gateway-service', 'auth-service']);
  if (build.code !== 0)
    throw new Error(`npm run images -- gateway-service auth-service failed:\n${outputOf(build)}`);
}, 900_000);

describe('the gateway-service image run as a pod runs it', () => {
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const started = await podman(
      'run',
      '--detach',
      '--name',
      container,
      '--read-only',
      '--network',
      'host',
      '--env',
      `PORT=${port}`,
      '--env',
      `REDIS_URL=${process.env.REDIS_URL}`,
      '--env',
      `ENTRY_TOKEN_SECRET=${secret()}`,
      gatewayImage,
    );
    if (started.code !== 0) throw new Error(`podman run failed:\n${outputOf(started)}`);
    await waitForHealth(container, port);
  }, 120_000);

  afterAll(async () => {
    await podman('rm', '--force', '--time', '0', container);
  });

  it('answers /health and /ready (Redis reached from the container)', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
  });

  it('runs node as PID 1 under the non-root uid 10001', async () => {
    expect((await exec('id', '-u')).stdout).toBe(appUserId);
    const status = await exec('cat', '/proc/1/status');
    expect(status.stdout).toMatch(
      new RegExp(`^Uid:\\s+${appUserId}\\s+${appUserId}\\s+${appUserId}\\s+${appUserId}$`, 'm'),
    );
    expect((await exec('cat', '/proc/1/cmdline')).stdout.split('\0')).toEqual(['node', '/app/main.mjs', '']);
  });

  it('writes nowhere but /tmp: the root file system is read-only', async () => {
    const code = await exec('sh', '-c', 'echo x > /app/main.mjs');
    expect(code.code).not.toBe(0);
    expect(code.stderr).toMatch(/Read-only file system/);
    expect((await exec('sh', '-c', 'echo x > /tmp/probe && cat /tmp/probe')).stdout).toBe('x');
  });

  it('keeps its code out of its own user’s reach even on a writable root file system', async () => {
    const result = await podman(
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'sh',
      gatewayImage,
      '-c',
      'echo x >> /app/main.mjs',
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Permission denied/);
  });

  it('stops on SIGTERM as PID 1 with exit code 0 (no init in the pod)', async () => {
    // Without a SIGTERM handler PID 1 ignores the signal and podman kills it after 30 s: exit code 137.
    const stopped = await podman('stop', '--time', '30', container);
    expect(stopped.code, outputOf(stopped)).toBe(0);
    const state = await podman('inspect', '--format', '{{.State.ExitCode}}', container);
    expect(state.stdout.trim()).toBe('0');
    expect(outputOf(await podman('logs', container))).toContain('shut down');
  });
});

describe('the auth-service image', () => {
  const authContainer = `${container}-auth`;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const env = {
      PORT: String(port),
      DATABASE_URL: localStackEndpoints().postgresUrl('auth_db'),
      INTERNAL_API_TOKEN: secret(),
      REFRESH_TOKEN_PEPPER: secret(),
      AUTH_JWT_PRIVATE_KEY: Buffer.from(signingKey).toString('base64'),
    };
    const started = await podman(
      'run',
      '--detach',
      '--name',
      authContainer,
      '--read-only',
      '--network',
      'host',
      ...Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]),
      authImage,
    );
    if (started.code !== 0) throw new Error(`podman run failed:\n${outputOf(started)}`);
    await waitForHealth(authContainer, port);
  }, 120_000);

  afterAll(async () => {
    await podman('rm', '--force', '--time', '0', authContainer);
  });

  it('applies its bundled migrations and hashes a password with the argon2 binary built for this platform', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    const email = `image-test-${randomBytes(6).toString('hex')}@example.test`;
    const registered = await fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: `pass-${secret()}` }),
    });
    expect(registered.status, await registered.clone().text()).toBe(201);
    const session = (await registered.json()) as { account: { email: string } };
    expect(session.account.email).toBe(email);
  });
});

describe('npm run images output', () => {
  it('lists each built image in manifest.json with its OCI archive', () => {
    const manifest = readManifest();
    expect(manifest.tag).toBe(imageTag);
    const gateway = manifest.images.find((entry) => entry.name === 'gateway-service');
    expect(gateway?.image).toBe(gatewayImage);
    for (const entry of manifest.images) expect(existsSync(entry.archive), entry.archive).toBe(true);
  });

  it('names the image in its archive, so an import (ctr images import) tags it as the manifests expect', async () => {
    const gateway = readManifest().images.find((entry) => entry.name === 'gateway-service')!;
    const index = await command('tar', ['-xOf', gateway.archive, 'index.json']);
    expect(index.code, outputOf(index)).toBe(0);
    const { manifests } = JSON.parse(index.stdout) as {
      manifests: { annotations: Record<string, string> }[];
    };
    expect(manifests.map((entry) => entry.annotations['org.opencontainers.image.ref.name'])).toEqual([
      gatewayImage,
    ]);
  });

  it('every built image runs as 10001:10001 with an entrypoint and no HEALTHCHECK', async () => {
    for (const entry of readManifest().images) {
      const inspected = await podman('image', 'inspect', entry.image);
      expect(inspected.code, outputOf(inspected)).toBe(0);
      const [config] = JSON.parse(inspected.stdout) as { Config: Record<string, unknown> }[];
      expect(config?.Config.User, entry.name).toBe(`${appUserId}:${appUserId}`);
      expect(config?.Config.Entrypoint, entry.name).toEqual(expect.arrayContaining(['node']));
      expect(config?.Config.Healthcheck, entry.name).toBeUndefined();
    }
  });

  it('a backend build without APP stops with one error line that says what to pass', async () => {
    const result = await podman(
      'build',
      '--file',
      join(import.meta.dirname, 'Containerfile'),
      '--build-arg',
      `NODE_BASE=${nodeBaseImage}`,
      '--target',
      'backend',
      repositoryRoot,
    );
    expect(result.code).not.toBe(0);
    const errors = errorLinesOf(result);
    expect(errors, result.stderr).toHaveLength(1);
    expect(errors[0]).toContain(
      'APP is not set: build the backend target with --build-arg APP=<a backend name in scripts/images/images.list>',
    );
  }, 600_000);
});
