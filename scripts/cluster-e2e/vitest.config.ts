import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Acceptance tests of URR on the local Kubernetes node (`npm run cluster` first; the test command
 * runs them after the node's own tests). They share the one node, so one file at a time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'cluster-e2e',
    include: ['scripts/cluster-e2e/**/*.cluster.test.ts'],
    setupFiles: ['scripts/local-stack/vitest-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
