import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The frontend's unit tests: pure modules under src/, budget/ and e2e/'s helpers (the root config leaves frontend/ out). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'frontend-unit',
    include: ['src/**/*.test.ts', 'budget/**/*.test.ts', 'e2e/**/*.test.ts'],
    // The browser tests need the whole stack: vitest.e2e.config.ts runs them.
    exclude: ['**/node_modules/**', 'e2e/**/*.e2e.test.ts'],
    environment: 'node',
  },
});
