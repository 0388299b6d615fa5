import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // *.cluster.test.ts need the local node: npm run test:cluster (scripts/local-stack/node).
    exclude: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**', 'frontend/**', '**/*.cluster.test.ts'],
    setupFiles: ['scripts/local-stack/vitest-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
