import { createEdgeAuthHandler } from './edge-auth.js';
import { bundledEdgeKeys } from './edge-keys.js';

/** Lambda@Edge entry point (viewer request); its keys come from the file the deploy step puts beside it. */
export const handler = createEdgeAuthHandler({
  loadKeys: bundledEdgeKeys(new URL('./edge-auth.config.json', import.meta.url)),
});
