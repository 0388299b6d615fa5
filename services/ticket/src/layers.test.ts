import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * ticket-service's layers, checked on its import graph (docs/adr/0033): domain/ is pure, db/ persists and
 * decides nothing, one module writes the outbox, and no files or folders import each other in a circle.
 */

const srcDir = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sourceFiles(srcDir).map((path) => relative(srcDir, path).split('\\').join('/'));
const sources = new Map(files.map((file) => [file, readFileSync(join(srcDir, file), 'utf8')]));

/** Every module a file imports: `src/`-relative paths for its own files, package names otherwise. */
function importsOf(file: string): string[] {
  const source = sources.get(file) ?? '';
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(
    (match) => match[1] ?? '',
  );
  return specifiers.map((specifier) =>
    specifier.startsWith('.')
      ? posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts')
      : specifier,
  );
}

const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => sources.has(target))]));

/** A file at the root of src/ is a node of its own; anything deeper belongs to its top folder. */
const layerOf = (file: string) => (file.includes('/') ? (file.split('/')[0] ?? file) : file);

/** The circles of a directed graph (its strongly connected components with more than one node, or a self-loop). */
function circles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('ticket-service layers', () => {
  it('has no import circle between files', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('has no import circle between folders (each file at the root of src/ counts as one)', () => {
    const layers = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      const to = targets.map(layerOf).filter((layer) => layer !== from);
      layers.set(from, [...new Set([...(layers.get(from) ?? []), ...to])]);
    }
    expect(circles(layers)).toEqual([]);
  });

  it('keeps domain/ pure: it imports only domain/ and no I/O package', () => {
    const io = ['drizzle-orm', 'ioredis', 'pg', 'kafkajs', 'node:fs', 'node:net', 'node:http'];
    const offending = files
      .filter((file) => file.startsWith('domain/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => (sources.has(target) ? !target.startsWith('domain/') : io.includes(target)))
          .map((target) => `${file} -> ${target}`),
      );
    expect(offending).toEqual([]);
  });

  it('keeps db/ to persistence: it imports only db/ and domain/ (types), never the layers above', () => {
    const offending = files
      .filter((file) => file.startsWith('db/'))
      .flatMap(
        (file) =>
          graph
            .get(file)
            ?.filter((target) => !target.startsWith('db/') && !target.startsWith('domain/'))
            .map((target) => `${file} -> ${target}`) ?? [],
      );
    expect(offending).toEqual([]);
  });

  it('writes the outbox from one module only', () => {
    const writers = files.filter((file) => /\benqueueOutbox\b/.test(sources.get(file) ?? ''));
    expect(writers).toEqual(['use-cases/outbox-events.ts']);
  });

  it('keeps routes off app.ts and production code off testing/', () => {
    const offending = [...graph].flatMap(([file, targets]) =>
      targets
        .filter(
          (target) =>
            (file.startsWith('routes/') && target === 'app.ts') ||
            (!file.startsWith('testing/') && target.startsWith('testing/')),
        )
        .map((target) => `${file} -> ${target}`),
    );
    expect(offending).toEqual([]);
  });
});
