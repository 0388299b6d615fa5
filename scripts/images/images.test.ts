import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@urr/common/testing/free-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * The gateway's image as `npm run images` builds it, run the way a pod runs it: no init (node is PID 1), a
 * read-only root file system, the image's own user. The gateway needs only Redis, which the local stack has.
 */
const image = `localhost/urr/gateway-service:${imageTag}`;
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

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const running = await podman('inspect', '--format', '{{.State.Running}}', container);
    if (running.stdout.trim() !== 'true') {
      const logs = await podman('logs', container);
      throw new Error(`the container stopped before /health answered:\n${outputOf(logs)}`);
    }
    const answer = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (answer?.ok) return;
    if (Date.now() > deadline) throw new Error('the gateway did not answer /health within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('a URR image (gateway-service) run as a pod runs it', () => {
  let port: number;

  beforeAll(async () => {
    // Cached by layer: seconds when nothing changed, a few minutes on a cold machine.
    const build = await command('bash', ['scripts/images/build.sh', 'gateway-service']);
    if (build.code !== 0) throw new Error(`npm run images -- gateway-service failed:\n${outputOf(build)}`);
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
      `ENTRY_TOKEN_SECRET=${randomBytes(32).toString('hex')}`,
      image,
    );
    if (started.code !== 0) throw new Error(`podman run failed:\n${outputOf(started)}`);
    await waitForHealth(port);
  }, 900_000);

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
      image,
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

describe('npm run images output', () => {
  it('lists each built image in manifest.json with an OCI archive that names it', () => {
    const manifest = readManifest();
    expect(manifest.tag).toBe(imageTag);
    const gateway = manifest.images.find((entry) => entry.name === 'gateway-service');
    expect(gateway?.image).toBe(image);
    for (const entry of manifest.images) expect(existsSync(entry.archive), entry.archive).toBe(true);
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
