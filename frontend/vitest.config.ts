import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The frontend's unit tests: pure modules under src/ and budget/ (the root config leaves frontend/ out). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'frontend-unit',
    include: ['src/**/*.test.ts', 'budget/**/*.test.ts'],
    environment: 'node',
  },
});
