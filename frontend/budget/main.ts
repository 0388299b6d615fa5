/**
 * `npm run js-budget -w @urr/frontend`: the kB of JavaScript (gzip) each route of the last build makes a
 * phone download, against the budgets below. Prints a table and a JSON line; exits 1 when a route is over.
 * Run after a build (`npm start` builds the app; `next build` does too).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { budgetFor, entryChunksOf, type RouteBudget, routeOf } from './route-js';

const buildDir = fileURLToPath(new URL('../.next/', import.meta.url));

/** docs/adr/0046-javascript-budget-per-route.md explains the figures. */
export const budgets: readonly RouteBudget[] = [
  {
    routes: ['/', '/events/[id]', '/artists/*'],
    kB: 160,
    why: 'server-rendered pages a fan opens first, often on a phone network',
  },
  {
    routes: ['/queue/[eventId]'],
    kB: 155,
    why: 'kept open for an hour while waiting: nothing beyond the polling and the bar',
  },
  { routes: ['/admin/*'], kB: 230, why: "organisers' tools on desktops" },
  { routes: ['*'], kB: 185, why: 'every other page' },
];

async function main(): Promise<void> {
  if (!existsSync(join(buildDir, 'build-manifest.json')))
    throw new Error(
      `no build in ${buildDir}: build the app first (npm start, or npx next build in frontend/)`,
    );
  const rootFiles = (
    JSON.parse(await readFile(join(buildDir, 'build-manifest.json'), 'utf8')) as {
      rootMainFiles: string[];
    }
  ).rootMainFiles;
  const manifests = (await readdir(join(buildDir, 'server', 'app'), { recursive: true }))
    .filter((file) => file.endsWith('page_client-reference-manifest.js'))
    .map((file) => join(buildDir, 'server', 'app', file));
  const gzipSizes = new Map<string, number>();
  const gzipSize = async (file: string) => {
    let size = gzipSizes.get(file);
    if (size === undefined) {
      size = gzipSync(await readFile(join(buildDir, file.replace(/^\/_next\//, '')))).length;
      gzipSizes.set(file, size);
    }
    return size;
  };

  const rows: { route: string; kB: number; budget: number; over: boolean }[] = [];
  for (const manifest of manifests) {
    const route = routeOf(relative(buildDir, manifest));
    if (route.startsWith('/_')) continue;
    const chunks = new Set([...rootFiles, ...entryChunksOf(await readFile(manifest, 'utf8'))]);
    let bytes = 0;
    for (const chunk of chunks) bytes += await gzipSize(chunk);
    const kB = Math.round(bytes / 102.4) / 10;
    const budget = budgetFor(budgets, route).kB;
    rows.push({ route, kB, budget, over: kB > budget });
  }
  rows.sort((a, b) => a.route.localeCompare(b.route));
  const width = Math.max(...rows.map((row) => row.route.length));
  console.log(`${'route'.padEnd(width)}  JS kB (gzip)  budget`);
  for (const row of rows)
    console.log(
      `${row.route.padEnd(width)}  ${String(row.kB).padStart(12)}  ${String(row.budget).padStart(6)}${row.over ? '  OVER' : ''}`,
    );
  const over = rows.filter((row) => row.over);
  console.log(
    JSON.stringify({
      routes: rows.length,
      over: over.length,
      kBByRoute: Object.fromEntries(rows.map((row) => [row.route, row.kB])),
    }),
  );
  if (over.length > 0) {
    console.error(
      `over budget: ${over.map((row) => `${row.route} ${row.kB} kB > ${row.budget}`).join(', ')}`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: Error) => {
  console.error(`js-budget: ${error.message}`);
  process.exitCode = 1;
});
