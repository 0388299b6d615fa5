/**
 * Runs the frontend as it runs in production: the standalone Next.js server (`output: 'standalone'`), built
 * first when the build is missing or its inputs changed since the last build (fingerprint in .next/).
 *
 *   node --import tsx frontend/serve.ts        PORT (3000), HOST (127.0.0.1), GATEWAY_URL (http://127.0.0.1:3001)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const appDir = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);
const standaloneDir = join(appDir, '.next', 'standalone', 'frontend');
const serverEntry = join(standaloneDir, 'server.js');
const stampFile = join(appDir, '.next', 'urr-build-fingerprint');

/** What the build is made from: a change to any of these makes a new build. */
const inputs = ['src', 'public', 'next.config.ts', 'tsconfig.json', 'package.json'];

const log = (message: string) => console.log(`[frontend] ${message}`);

async function filesUnder(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch(() => undefined);
  if (!entries) return [path];
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function fingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of ['next', 'react', 'react-dom'])
    hash.update(
      `${name}@${JSON.parse(await readFile(require.resolve(`${name}/package.json`), 'utf8')).version}\n`,
    );
  const files = (await Promise.all(inputs.map((input) => filesUnder(join(appDir, input)))))
    .flat()
    .filter((file) => !file.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    hash.update(`${relative(appDir, file)}\n`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

async function build(wanted: string): Promise<void> {
  log('the build is missing or its sources changed: running next build (about 20 s)');
  const started = Date.now();
  const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: appDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    log(`next build failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  // The standalone server serves these itself when they sit beside it (no CDN in the local stack).
  await rm(join(standaloneDir, '.next', 'static'), { recursive: true, force: true });
  await cp(join(appDir, '.next', 'static'), join(standaloneDir, '.next', 'static'), { recursive: true });
  if (existsSync(join(appDir, 'public')))
    await cp(join(appDir, 'public'), join(standaloneDir, 'public'), { recursive: true, force: true });
  await writeFile(stampFile, wanted);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const wanted = await fingerprint();
const built = existsSync(stampFile) ? await readFile(stampFile, 'utf8') : undefined;
if (built === wanted && existsSync(serverEntry)) log('the build is current: skipping next build');
else await build(wanted);

process.env.PORT ??= '3000';
process.env.NEXT_TELEMETRY_DISABLED = '1';
// HOSTNAME is what the standalone server binds to; shells and containers often set it to the machine's name.
process.env.HOSTNAME = process.env.HOST ?? '127.0.0.1';
log(`starting the standalone server on http://${process.env.HOSTNAME}:${process.env.PORT}`);
await import(pathToFileURL(serverEntry).href);
