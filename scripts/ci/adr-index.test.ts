/**
 * The decisions stay findable: docs/architecture.md's table lists every ADR under docs/adr, and every
 * `docs/adr/NNNN` a file of the repository points to names an ADR that exists.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const adrFiles = readdirSync(join(repositoryRoot, 'docs', 'adr')).filter((name) =>
  /^\d{4}-.+\.md$/.test(name),
);
const adrNumbers = new Set(adrFiles.map((name) => name.slice(0, 4)));

describe('architecture decision records', () => {
  it('are each listed in the decisions table of docs/architecture.md', () => {
    const architecture = readFileSync(join(repositoryRoot, 'docs', 'architecture.md'), 'utf8');
    const listed = new Set(
      [...architecture.matchAll(/^\| \[\d{4}\]\(adr\/([^)]+)\) \|/gm)].map((m) => m[1] ?? ''),
    );
    expect(adrFiles.filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !adrFiles.includes(name))).toEqual([]);
  });

  it('are the ones the repository points to', () => {
    const pointers = execFileSync('git', ['grep', '-ohE', 'docs/adr/[0-9]{4}'], { cwd: repositoryRoot })
      .toString()
      .split('\n')
      .filter(Boolean);
    const unknown = [...new Set(pointers.map((pointer) => pointer.slice(-4)))].filter(
      (n) => !adrNumbers.has(n),
    );
    expect(unknown).toEqual([]);
  });
});
