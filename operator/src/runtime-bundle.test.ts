import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The operator's image is main.ts bundled by esbuild (scripts/images/bundle.ts); bundled the same way
 * here, it must not carry @kubernetes/client-node (docs/adr/0050). Tests and the bench may use it.
 */
describe("the operator's runtime bundle", () => {
  it('holds none of @kubernetes/client-node, and its own Kubernetes client instead', async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: 'main.mjs',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes('node_modules/@kubernetes/'))).toEqual([]);
    expect(inputs.some((input) => input.endsWith('operator/src/kube/kube-client.ts'))).toBe(true);
  });
});
