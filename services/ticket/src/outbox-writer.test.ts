import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One module writes ticket-service's events (docs/adr/0033). The other layer rules (pure domain/, db/ that
 * persists only, no cycles) are `npm run lint:deps`'s; this one is about a function, which an import graph
 * cannot see: `enqueueOutbox` comes from @urr/common's index like much else.
 */
const srcDir = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('ticket-service events', () => {
  it('are written to the outbox by one module only', () => {
    const writers = sourceFiles(srcDir)
      .filter((path) => /\benqueueOutbox\b/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(srcDir, path).split('\\').join('/'));
    expect(writers).toEqual(['use-cases/outbox-events.ts']);
  });
});
