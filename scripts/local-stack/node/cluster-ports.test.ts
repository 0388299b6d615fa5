import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStackSettings } from '../stack-env.js';

const run = promisify(execFile);
const clusterScript = join(import.meta.dirname, '..', 'cluster.sh');
// The first port the node's start-up checks.
const port = Number(readStackSettings().URR_KUBE_CONTROLLER_MANAGER_PORT);

describe('npm run cluster when a port of the node is taken', () => {
  let stateDir: string;
  let squatter: Server | undefined;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'urr-cluster-ports-'));
    // Taken by us, or already by a running node's controller-manager: either way not by this state dir.
    squatter = await new Promise<Server | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (squatter ? squatter.close(() => resolve()) : resolve()));
    await rm(stateDir, { recursive: true, force: true });
  });

  it('stops before starting anything, with one line that names the port and what to do', async () => {
    const failure = await run('bash', [clusterScript, 'up'], {
      env: { ...process.env, URR_STATE_DIR: stateDir },
      timeout: 30_000,
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const lines = (failure?.stderr ?? '').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port} on 127.0.0.1 (for kube-controller-manager) is taken`);
    expect(lines[0]).toContain('URR_KUBE_CONTROLLER_MANAGER_PORT in scripts/local-stack/ports.env');
    expect(await readdir(join(stateDir, 'pids'))).toEqual([]);
    expect(await readdir(stateDir)).not.toContain('node');
  });
});
