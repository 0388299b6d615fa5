/**
 * scripts/ci/commit-rendered.sh against a real Git remote (a bare repository on disk): the branch Argo CD
 * tracks is created holding only manifests/dist, gets one commit per changed render and none for the same
 * render, and two releases pushing at once both land, one on top of the other.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, 'commit-rendered.sh');
const root = mkdtempSync(join(tmpdir(), 'urr-rendered-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'release',
  GIT_AUTHOR_EMAIL: 'release@example.com',
  GIT_COMMITTER_NAME: 'release',
  GIT_COMMITTER_EMAIL: 'release@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const remote = join(root, 'remote.git');
git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
/** A clone of the repository at main, as a release job checks it out. */
function checkout(name: string): string {
  const dir = join(root, name);
  git(root, 'clone', '--quiet', remote, dir);
  return dir;
}
const first = checkout('first');
writeFileSync(join(first, 'README.md'), 'urr\n');
git(first, 'add', 'README.md');
git(first, 'commit', '--quiet', '-m', 'main');
git(first, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');

/** A render: file name → content. */
function render(name: string, files: Record<string, string>): string {
  const dir = join(root, 'renders', name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

function commitRendered(
  cwd: string,
  source: string,
  message: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [script, source, 'rendered', message], { cwd, env: gitEnv });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const filesAt = (ref: string) =>
  git(root, '--git-dir', remote, 'ls-tree', '-r', '--name-only', ref).split('\n');
const show = (ref: string, file: string) => git(root, '--git-dir', remote, 'show', `${ref}:${file}`);
const history = () => git(root, '--git-dir', remote, 'log', '--format=%s', 'rendered').split('\n');

describe('commit-rendered.sh', () => {
  it('creates the branch holding only manifests/dist, and leaves main alone', async () => {
    const mainBefore = git(root, '--git-dir', remote, 'rev-parse', 'main');
    const result = await commitRendered(
      first,
      render('one', { 'urr-services.k8s.yaml': 'image: a1\n', 'urr-crds.k8s.yaml': 'crd: 1\n' }),
      'manifests: a1',
    );
    expect(result.code, result.output).toBe(0);
    expect(filesAt('rendered').sort()).toEqual([
      'manifests/dist/urr-crds.k8s.yaml',
      'manifests/dist/urr-services.k8s.yaml',
    ]);
    expect(history()).toEqual(['manifests: a1']);
    expect(git(root, '--git-dir', remote, 'rev-parse', 'main')).toBe(mainBefore);
  });

  it('commits nothing for the same render, and exactly the new render on top for a changed one', async () => {
    const same = await commitRendered(
      first,
      render('one-again', { 'urr-services.k8s.yaml': 'image: a1\n', 'urr-crds.k8s.yaml': 'crd: 1\n' }),
      'manifests: a1 again',
    );
    expect(same.code, same.output).toBe(0);
    expect(same.output).toContain('nothing to commit');
    expect(history()).toEqual(['manifests: a1']);

    const changed = await commitRendered(
      first,
      render('two', { 'urr-services.k8s.yaml': 'image: b2\n', 'urr-argocd.k8s.yaml': 'app: 1\n' }),
      'manifests: b2',
    );
    expect(changed.code, changed.output).toBe(0);
    expect(history()).toEqual(['manifests: b2', 'manifests: a1']);
    // A file the render no longer has is gone.
    expect(filesAt('rendered').sort()).toEqual([
      'manifests/dist/urr-argocd.k8s.yaml',
      'manifests/dist/urr-services.k8s.yaml',
    ]);
    expect(show('rendered', 'manifests/dist/urr-services.k8s.yaml')).toBe('image: b2');
  });

  it('redoes a push that another release beat to the branch, on top of it', async () => {
    const [left, right] = [checkout('left'), checkout('right')];
    const leftRender = render('left', { 'urr-services.k8s.yaml': 'image: c3\n' });
    // Right's first push is preceded by left's release landing: right's push is refused and redone.
    const hook = join(right, '.git', 'hooks', 'pre-push');
    writeFileSync(
      hook,
      [
        '#!/bin/sh',
        `[ -e "${root}/left-landed" ] && exit 0`,
        `touch "${root}/left-landed"`,
        // A hook runs with the pushing repository's GIT_DIR; left's release is a process of its own.
        'unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX',
        `cd "${left}" && bash "${script}" "${leftRender}" rendered "manifests: c3" >"${root}/left.log" 2>&1`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const result = await commitRendered(
      right,
      render('right', { 'urr-services.k8s.yaml': 'image: d4\n' }),
      'manifests: d4',
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('refused');
    expect(history().slice(0, 2)).toEqual(['manifests: d4', 'manifests: c3']);
    expect(show('rendered', 'manifests/dist/urr-services.k8s.yaml')).toBe('image: d4');
  });

  it('refuses a folder without rendered YAML', async () => {
    const result = await commitRendered(first, render('empty', {}), 'manifests: nothing');
    expect(result.code).toBe(1);
    expect(result.output).toContain('no YAML');
  });
});
