export { cookiesOf } from './cloudfront.js';
export { createEdgeAuthHandler, type EdgeAuthOptions, eventIdHeader, eventIdOf } from './edge-auth.js';
export {
  bundledEdgeKeys,
  type EdgeConfigFile,
  type EdgeKeys,
  edgeConfigSchema,
  edgeKeysOf,
} from './edge-keys.js';
export { normalizePath, type Protection, protectionOf } from './edge-rules.js';
