import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run lint:deps` runs dependency-cruiser with the repository's .dependency-cruiser.cjs. These tests
 * run the same command on tiny source trees written to a temporary folder: each breaks one rule and must
 * fail naming it; a tree that keeps them all passes.
 */
const root = join(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = join(root, '.dependency-cruiser.cjs');
const folders: string[] = [];

type Tree = Record<string, string>;

async function cruise(tree: Tree): Promise<{ exitCode: number; output: string }> {
  const top = [...new Set(Object.keys(tree).map((path) => path.slice(0, path.indexOf('/'))))];
  const folder = await mkdtemp(join(tmpdir(), 'urr-import-rules-'));
  folders.push(folder);
  const files: Tree = { 'tsconfig.json': '{ "compilerOptions": { "module": "ESNext" } }\n', ...tree };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [depcruise, ...top, '--config', config, '--output-type', 'err'],
      { cwd: folder },
    );
    return { exitCode: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const src = 'services/demo/src';

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('the import rules (.dependency-cruiser.cjs)', () => {
  it('pass a service laid out as the shape says', async () => {
    const result = await cruise({
      [`${src}/main.ts`]: "import { createApp } from './app.js';\nexport const app = createApp();\n",
      [`${src}/app.ts`]:
        "import { seatRoutes } from './routes/seats.js';\nexport const createApp = () => seatRoutes;\n",
      [`${src}/context.ts`]:
        "import type { SeatStore } from './db/seat-store.js';\nexport type Context = { seats: SeatStore };\n",
      [`${src}/routes/seats.ts`]:
        "import type { Context } from '../context.js';\nimport { reserve } from '../use-cases/reserve.js';\nexport const seatRoutes = (c?: Context) => [reserve, c];\n",
      [`${src}/use-cases/reserve.ts`]:
        "import { seatStore } from '../db/seat-store.js';\nimport { isFree } from '../domain/seat.js';\nexport const reserve = () => isFree(seatStore.read());\n",
      [`${src}/db/seat-store.ts`]:
        "import type { Seat } from '../domain/seat.js';\nexport const seatStore = { read: (): Seat => ({ free: true }) };\nexport type SeatStore = typeof seatStore;\n",
      [`${src}/domain/seat.ts`]:
        'export type Seat = { free: boolean };\nexport const isFree = (seat: Seat) => seat.free;\n',
      [`${src}/testing/harness.ts`]:
        "import { createApp } from '../app.js';\nexport const harness = createApp;\n",
      [`${src}/routes/seats.test.ts`]:
        "import { harness } from '../testing/harness.js';\nexport const app = harness();\n",
    });
    expect(result.output).toContain('no dependency violations found');
    expect(result.exitCode).toBe(0);
  });

  it.each<[rule: string, tree: Tree]>([
    [
      'no-circular',
      {
        [`${src}/domain/a.ts`]: "import { b } from './b.js';\nexport const a = () => b;\n",
        [`${src}/domain/b.ts`]: "import { a } from './a.js';\nexport const b = () => a;\n",
      },
    ],
    [
      'no-circular-folders',
      {
        [`${src}/db/seat-store.ts`]:
          "import { pricing } from '../clients/pricing.js';\nexport const seats = pricing;\n",
        [`${src}/clients/pricing.ts`]:
          "import { rates } from '../db/rate-store.js';\nexport const pricing = rates;\n",
        [`${src}/db/rate-store.ts`]: 'export const rates = 1;\n',
      },
    ],
    [
      'domain-is-pure',
      {
        [`${src}/domain/seat.ts`]:
          "import { seats } from '../db/seat-store.js';\nexport const seat = seats;\n",
        [`${src}/db/seat-store.ts`]: 'export const seats = 1;\n',
      },
    ],
    [
      'db-persists-only',
      {
        [`${src}/db/seat-store.ts`]:
          "import { reserve } from '../use-cases/reserve.js';\nexport const seats = reserve;\n",
        [`${src}/use-cases/reserve.ts`]: 'export const reserve = 1;\n',
      },
    ],
    [
      'db-persists-only',
      {
        [`${src}/db/seat-store.ts`]:
          "import { pricing } from '../clients/pricing.js';\nexport const seats = pricing;\n",
        [`${src}/clients/pricing.ts`]: 'export const pricing = 1;\n',
      },
    ],
    [
      'domain-does-no-io',
      {
        [`${src}/domain/seat.ts`]:
          "import { readFileSync } from 'node:fs';\nexport const seat = () => readFileSync('seats.json');\n",
      },
    ],
    [
      'routes-not-into-the-composition-root',
      {
        [`${src}/app.ts`]: 'export interface AppDeps { readonly name: string }\n',
        [`${src}/routes/seats.ts`]:
          "import type { AppDeps } from '../app.js';\nexport const seats = (deps: AppDeps) => deps;\n",
      },
    ],
    [
      'testing-only-from-tests',
      {
        [`${src}/use-cases/reserve.ts`]:
          "import { fakeSeats } from '../testing/fake-seats.js';\nexport const reserve = fakeSeats;\n",
        [`${src}/testing/fake-seats.ts`]: 'export const fakeSeats = 1;\n',
      },
    ],
    [
      'services-through-package-exports',
      {
        [`${src}/clients/other.ts`]:
          "import { price } from '../../../other/src/domain/price.js';\nexport const other = price;\n",
        'services/other/src/domain/price.ts': 'export const price = 1;\n',
      },
    ],
    [
      'packages-through-package-exports',
      {
        'scripts/tool.ts':
          "import { price } from '../services/demo/src/domain/price.js';\nexport const tool = price;\n",
        [`${src}/domain/price.ts`]: 'export const price = 1;\n',
      },
    ],
  ])('fail on a tree that breaks %s, naming it', async (rule, tree) => {
    const result = await cruise(tree);
    expect(result.output).toContain(`error ${rule}:`);
    expect(result.exitCode).not.toBe(0);
  });
});
