import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type AppEntry, parseAppsList, parseEnvLines } from './pod-env.js';

/** How `npm start` runs URR's processes on this machine, read from the repository and the stack's state. */
export interface LocalProcesses {
  readonly apps: readonly AppEntry[];
  /** scripts/local.env and the generated secrets. */
  readonly sharedEnv: Readonly<Record<string, string>>;
  /** image name → the entry point it runs (scripts/images/images.list). */
  readonly imageEntries: ReadonlyMap<string, string>;
  /** loopback port of a server outside the node → the port pods reach it on at the node's address. */
  readonly serverPorts: ReadonlyMap<number, number>;
}

export function readLocalProcesses(
  repo: string,
  stateDir: string,
  settings: Readonly<Record<string, string>>,
): LocalProcesses {
  const read = (path: string) => readFileSync(path, 'utf8');
  return {
    apps: parseAppsList(read(join(repo, 'scripts/apps.list'))),
    sharedEnv: {
      ...parseEnvLines(read(join(repo, 'scripts/local.env'))),
      ...parseEnvLines(read(join(stateDir, 'secrets.env'))),
    },
    imageEntries: new Map(
      read(join(repo, 'scripts/images/images.list'))
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
        .map((line) => line.trim().split(/\s+/))
        .map(([name = '', , entry = '']) => [name, entry] as const),
    ),
    // Kafka's pods listener advertises the node's address; the other servers keep their port.
    serverPorts: new Map(
      [
        [settings.URR_PG_PORT, settings.URR_PG_PORT],
        [settings.URR_REDIS_PORT, settings.URR_REDIS_PORT],
        [settings.URR_KAFKA_PORT, settings.URR_KAFKA_POD_PORT],
        [settings.URR_AWS_PORT, settings.URR_AWS_PORT],
      ].map(([from, to]) => [Number(from), Number(to)]),
    ),
  };
}

/** One image `npm run images` built, as its manifest.json lists it. */
export interface BuiltImage {
  readonly name: string;
  /** localhost/urr/<name>:<tag> */
  readonly image: string;
  /** The OCI archive `npm run cluster -- import` loads. */
  readonly archive: string;
  readonly port: number;
}

/** `$URR_CACHE_DIR/images`, where `npm run images` leaves its archives and manifest.json. */
export const imagesDir = join(process.env.URR_CACHE_DIR ?? join(homedir(), '.cache', 'urr'), 'images');

/** The images `npm run images` built, with their common tag; undefined when it has not run. */
export function readBuiltImages():
  | { readonly tag: string; readonly images: readonly BuiltImage[] }
  | undefined {
  const manifest = join(imagesDir, 'manifest.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : undefined;
}
