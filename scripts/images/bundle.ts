/**
 * Bundles each backend image's entry into one ES module with esbuild, beside the files its modules read at
 * run time and the few packages that cannot be bundled (native add-ons), so the image needs no npm install
 * and no TypeScript loader. Runs in the Containerfile's bundle stage (see docs/adr/0015-container-images.md).
 *
 *   node --import tsx scripts/images/bundle.ts OUT_DIR [NAME...]     one folder per image: OUT_DIR/<name>/main.mjs
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { type ImageSpec, readImageList } from './image-list.js';
import {
  fileReferencesOf,
  moduleLocationBanner,
  repositoryPathOf,
  rewriteModuleLocation,
} from './module-location.js';

const repositoryRoot = resolve(import.meta.dirname, '..', '..');

/**
 * Packages left out of the bundle and copied with their installed dependencies instead: native add-ons,
 * whose npm package picks a prebuilt binary for the platform npm ci ran on (this stage's, so the image's).
 */
const nativePackages = ['@node-rs/argon2'];

const log = (message: string) => console.log(`[bundle] ${message}`);

/** Points each repository module's import.meta at its own place and records the files it reads. */
function moduleLocationPlugin(references: Set<string>): Plugin {
  return {
    name: 'urr-module-location',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const modulePath = repositoryPathOf(repositoryRoot, args.path);
        for (const reference of fileReferencesOf(source, modulePath)) references.add(reference);
        return {
          contents: rewriteModuleLocation(source, modulePath),
          loader: args.path.endsWith('ts') ? 'ts' : 'js',
        };
      });
    },
  };
}

/** Copies an installed package and, recursively, the installed packages it depends on. */
function copyPackage(name: string, outDir: string, copied: Set<string>): void {
  if (copied.has(name)) return;
  const from = join(repositoryRoot, 'node_modules', name);
  if (!existsSync(from)) return;
  copied.add(name);
  cpSync(from, join(outDir, 'node_modules', name), { recursive: true, dereference: true });
  const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }))
    if (!existsSync(join(from, 'node_modules', dependency))) copyPackage(dependency, outDir, copied);
}

const packageNameOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

async function bundleImage(image: ImageSpec, outRoot: string): Promise<void> {
  const started = Date.now();
  const outDir = join(outRoot, image.name);
  await rm(outDir, { recursive: true, force: true });
  const references = new Set<string>();
  const outfile = join(outDir, 'main.mjs');
  const result = await build({
    entryPoints: [join(repositoryRoot, image.entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    external: nativePackages,
    banner: { js: moduleLocationBanner },
    plugins: [moduleLocationPlugin(references)],
    metafile: true,
    logLevel: 'error',
  });

  const files: string[] = [];
  for (const reference of [...references].sort()) {
    if (!existsSync(join(repositoryRoot, reference))) {
      log(`${image.name}: a module refers to ${reference}, which does not exist here; not copied`);
      continue;
    }
    cpSync(join(repositoryRoot, reference), join(outDir, reference), { recursive: true });
    files.push(reference);
  }

  const imported = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external && !isBuiltin(entry.path)),
  );
  const external = [...new Set(imported.map((entry) => packageNameOf(entry.path)))];
  // The rest are require()s inside try/catch of packages that are not installed (optional features).
  const optional = external.filter((name) => !nativePackages.includes(name));
  const copied = new Set<string>();
  for (const name of external.filter((name) => nativePackages.includes(name))) {
    copyPackage(name, outDir, copied);
    // Loading it here, on the platform the image is built for, proves its prebuilt binary is the right one.
    await import(pathToFileURL(createRequire(outfile).resolve(name)).href);
  }

  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  log(
    `${image.name}: ${image.entry} → main.mjs (${(bytes / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms` +
      `; files: ${files.join(', ') || 'none'}; packages: ${[...copied].join(', ') || 'none'}` +
      (optional.length > 0 ? `; optional, absent: ${optional.join(', ')}` : ''),
  );
}

const [outRoot, ...names] = process.argv.slice(2);
if (!outRoot) {
  console.error('usage: node --import tsx scripts/images/bundle.ts OUT_DIR [NAME...]');
  process.exit(2);
}
const backends = readImageList().filter((image) => image.kind === 'backend');
const unknown = names.filter((name) => !backends.some((image) => image.name === name));
if (unknown.length > 0) {
  console.error(`[bundle] not a backend image of images.list: ${unknown.join(', ')}`);
  process.exit(2);
}
for (const image of backends.filter((image) => names.length === 0 || names.includes(image.name)))
  await bundleImage(image, resolve(outRoot));
