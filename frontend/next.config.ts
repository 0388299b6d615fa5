import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const config: NextConfig = {
  output: 'standalone',
  // npm workspaces hoist next and react to the repository root: trace from there.
  outputFileTracingRoot: fileURLToPath(new URL('..', import.meta.url)),
  turbopack: { root: fileURLToPath(new URL('..', import.meta.url)) },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
