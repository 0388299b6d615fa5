import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { command, errorLinesOf, outputOf, podman, repositoryRoot } from './test-support.js';

const containerfile = join(import.meta.dirname, 'Containerfile');

/** Every workspace folder of the root package.json (globs of the form `dir/*` or plain folders). */
function workspaceFolders(): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(repositoryRoot, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
}

describe('Containerfile', () => {
  beforeAll(async () => {
    // podman and the local base (installed and built on the first run, minutes; then cached).
    const base = await command('bash', ['scripts/images/base.sh']);
    if (base.code !== 0) throw new Error(`scripts/images/base.sh failed:\n${outputOf(base)}`);
  }, 600_000);

  it('copies every workspace’s package.json before npm ci, so the install layer matches the lockfile', () => {
    const text = readFileSync(containerfile, 'utf8');
    const beforeInstall = text.slice(0, text.indexOf('npm ci'));
    const folders = workspaceFolders().filter((folder) =>
      existsSync(join(repositoryRoot, folder, 'package.json')),
    );
    expect(folders.length).toBeGreaterThan(10);
    const missing = folders.filter(
      (folder) => !beforeInstall.includes(`COPY ${folder}/package.json ${folder}/\n`),
    );
    expect(missing, `add a COPY line for each to the dependencies stage`).toEqual([]);
  });

  it('a build without NODE_BASE stops with one error line that says what to pass', async () => {
    const result = await podman(
      'build',
      '--file',
      containerfile,
      '--target',
      'backend',
      '--build-arg',
      'APP=gateway-service',
      repositoryRoot,
    );
    expect(result.code).not.toBe(0);
    const errors = errorLinesOf(result);
    expect(errors, result.stderr).toHaveLength(1);
    expect(errors[0]).toContain(
      'NODE_BASE is not set: build with --build-arg NODE_BASE=<a Node 20 image, e.g. node:20-bookworm-slim>',
    );
  });
});
