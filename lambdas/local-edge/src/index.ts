export { createEdgeApp, type EdgeAppOptions, type VwrApiRoute } from './app.js';
export { type LocalEdgeConfig, loadLocalEdgeConfig, localEdgeEnvSchema } from './config.js';
export { type LocalEdge, startLocalEdge } from './local-edge.js';
