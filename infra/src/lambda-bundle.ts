import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stack, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Lambda@Edge refuses a viewer-request function whose zipped package is larger (its quota). */
export const edgeViewerRequestMaxZipBytes = 1024 * 1024;

/**
 * Bundled CommonJS packages call `require` for Node's built-in modules; an ES module has no `require`,
 * so the bundle makes one first.
 */
const requireShim =
  "import { createRequire as __urrCreateRequire } from 'node:module'; const require = __urrCreateRequire(import.meta.url);";

export interface LambdaBundleOptions {
  /** The module that exports `handler`, from the repository root, e.g. lambdas/vwr-api/src/handlers/assign.ts. */
  readonly entry: string;
  /**
   * A Lambda@Edge function: minified without a source map, to stay far below the viewer-request quota
   * ({@link edgeViewerRequestMaxZipBytes}). Regional functions get a linked source map
   * (`NODE_OPTIONS=--enable-source-maps` shows the TypeScript in stack traces).
   * @default false
   */
  readonly edge?: boolean;
  /** Files written beside `index.mjs` (name → content), e.g. the edge's key file. */
  readonly files?: Readonly<Record<string, string>>;
}

/** Every bundle's handler: `handler`, exported by index.mjs. */
export const bundledHandler = 'index.handler';

/**
 * A Lambda's code, bundled by esbuild while the CDK app synthesises: `index.mjs`, one ES module holding the
 * handler and every package it imports (workspace packages, the AWS SDK, drivers), so the asset needs no
 * `node_modules` and the runtime's own SDK version never matters. Runs locally (no Docker); a failed build
 * stops the synth with esbuild's message. See docs/adr/0025-lambda-bundles-at-synth.md.
 */
export const bundledCode = (scope: Construct, id: string, options: LambdaBundleOptions): lambda.Code =>
  lambda.Code.fromAsset(bundleLambda(scope, id, options));

/** Bundles into the cloud assembly's own directory and returns the folder the asset is made from. */
export function bundleLambda(scope: Construct, id: string, options: LambdaBundleOptions): string {
  const stage = Stage.of(scope);
  if (!stage) throw new Error(`bundleLambda ${id}: the construct is not inside a CDK app`);
  const outDir = join(stage.outdir, 'lambda-bundles', `${Stack.of(scope).stackName}-${id}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const edge = options.edge ?? false;
  buildSync({
    absWorkingDir: repositoryRoot,
    entryPoints: [options.entry],
    outfile: join(outDir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    keepNames: !edge,
    sourcemap: edge ? false : 'linked',
    sourcesContent: false,
    legalComments: 'none',
    banner: { js: requireShim },
    logLevel: 'silent',
  });
  for (const [name, content] of Object.entries(options.files ?? {})) {
    if (name.includes('/') || name.startsWith('.') || name === 'index.mjs')
      throw new Error(`bundleLambda ${id}: "${name}" must be a plain file name beside index.mjs`);
    writeFileSync(join(outDir, name), content, { mode: 0o644 });
  }
  return outDir;
}
