/**
 * The workflows pass actionlint (with shellcheck on their scripts). The first run builds actionlint from its
 * Go module into the cache (scripts/ci/actionlint.sh prints its progress); later runs reuse the binary.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repositoryRoot = join(import.meta.dirname, '..', '..');

interface LintError {
  readonly filepath: string;
  readonly message: string;
  readonly kind: string;
}

/** Runs a command; its stderr goes straight to the test's output (the build's progress). */
function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

const lint = async (args: string[]): Promise<LintError[]> => {
  const { stdout } = await run(actionlint, ['-format', '{{json .}}', ...args], repositoryRoot);
  return JSON.parse(stdout || '[]');
};

let actionlint: string;
const scratch = mkdtempSync(join(tmpdir(), 'urr-actionlint-'));
beforeAll(async () => {
  const built = await run('bash', ['scripts/ci/actionlint.sh'], repositoryRoot);
  expect(built.code, 'scripts/ci/actionlint.sh failed (its output is above)').toBe(0);
  actionlint = built.stdout.trim();
}, 600_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('actionlint', () => {
  it('finds nothing wrong in .github/workflows', async () => {
    expect(await lint([])).toEqual([]);
  });

  it('does find what is wrong in a broken workflow, scripts included', async () => {
    const broken = join(scratch, 'broken.yml');
    writeFileSync(
      broken,
      [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          not-an-input: true',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as a workflow has it
        '      - run: echo ${{ github.no_such_context }}',
        '      - run: cd $HOME/work; ls $1',
        '',
      ].join('\n'),
    );
    const kinds = new Set((await lint([broken])).map((error) => error.kind));
    expect(kinds).toEqual(new Set(['action', 'expression', 'shellcheck']));
  });
});
