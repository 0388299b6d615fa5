import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Tests of the local Kubernetes node (`npm run cluster` brings it up first; `npm run test:cluster`
 * does both). They share the one node, so one file at a time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    name: 'cluster',
    include: ['scripts/local-stack/node/**/*.cluster.test.ts'],
    setupFiles: ['scripts/local-stack/vitest-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
