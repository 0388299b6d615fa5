import { readFile } from 'node:fs/promises';
import { VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { z } from 'zod';

/** What edge-auth verifies tokens with. */
export interface EdgeKeys {
  readonly vwrKeyring: VwrTokenKeyring;
  readonly entryTokenSecret: string;
}

/**
 * Lambda@Edge has no environment variables, so the keys travel with the code: the deploy step writes this
 * JSON file (from Secrets Manager) into the bundle before it is zipped and published as a new version.
 * Rotating a key is: publish a version whose file holds old and new kids, switch vwr-api to the new kid,
 * then publish one without the old kid. The local edge writes the same file from its environment.
 */
export const edgeConfigSchema = z.object({
  vwrToken: z.object({
    currentKid: z.string().min(1),
    keys: z.record(z.string(), z.string().min(32)),
  }),
  entryTokenSecret: z.string().min(32),
});

export type EdgeConfigFile = z.input<typeof edgeConfigSchema>;

export function edgeKeysOf(config: EdgeConfigFile): EdgeKeys {
  const parsed = edgeConfigSchema.parse(config);
  return {
    vwrKeyring: VwrTokenKeyring.of(parsed.vwrToken.currentKid, parsed.vwrToken.keys),
    entryTokenSecret: parsed.entryTokenSecret,
  };
}

/** Reads the bundled config file once per container (at the first request, the cold start). */
export function bundledEdgeKeys(file: URL | string): () => Promise<EdgeKeys> {
  let keys: Promise<EdgeKeys> | undefined;
  return () => {
    keys ??= readFile(file, 'utf8').then((text) => edgeKeysOf(JSON.parse(text)));
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };
}
