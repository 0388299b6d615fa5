import { loadLocalEdgeConfig } from './config.js';
import { startLocalEdge } from './local-edge.js';

const edge = await startLocalEdge(loadLocalEdgeConfig());
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    edge.close().finally(() => process.exit(0));
  });
