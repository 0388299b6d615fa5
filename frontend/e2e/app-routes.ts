import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('../src/app/', import.meta.url));

/**
 * Every page route of the app, from its source tree (`src/app/**\/page.tsx`), with its dynamic segments
 * as written (`/events/[id]/booking`). Route groups `(name)` are dropped as Next.js drops them.
 */
export async function appRoutes(): Promise<string[]> {
  const files = await readdir(appDir, { recursive: true });
  return files
    .filter((file) => file === 'page.tsx' || file.endsWith('/page.tsx'))
    .map((file) => {
      const segments = file
        .split('/')
        .slice(0, -1)
        .filter((segment) => !/^\(.*\)$/.test(segment));
      return `/${segments.join('/')}`;
    })
    .sort();
}

/** A route with its dynamic segments filled in: `values` by segment name, per route prefix first. */
export function fillRoute(
  route: string,
  values: {
    readonly byPrefix: Readonly<Record<string, Readonly<Record<string, string>>>>;
    readonly fallback: string;
  },
): string {
  const prefix = Object.keys(values.byPrefix)
    .filter((candidate) => route.startsWith(candidate))
    .sort((a, b) => b.length - a.length)[0];
  const named = prefix === undefined ? {} : values.byPrefix[prefix]!;
  return route.replace(/\[{1,2}\.{0,3}([^\]]+)\]{1,2}/g, (_, name: string) =>
    encodeURIComponent(named[name] ?? values.fallback),
  );
}

const nilUuid = '00000000-0000-4000-8000-000000000000';

async function edgeJson<T>(edgeUrl: string, path: string): Promise<T> {
  const response = await fetch(`${edgeUrl}${path}`);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Values for the routes' dynamic segments on the demo stack: the demo event for event pages, the first
 * artist for artist pages, a nil id (a not-found page, which must render too) elsewhere.
 */
export async function demoRouteValues(edgeUrl: string, demoEventTitle: string) {
  const events = await edgeJson<{ items: { id: string; title: string }[] }>(
    edgeUrl,
    `/api/v1/events?q=${encodeURIComponent(demoEventTitle)}`,
  );
  const eventId = events.items.find((event) => event.title.includes(demoEventTitle))?.id;
  if (!eventId) throw new Error(`no demo event "${demoEventTitle}": run scripts/seed-demo.sh`);
  const artists = await edgeJson<{ items: { id: string }[] }>(edgeUrl, '/api/v1/artists?size=1').catch(
    () => ({
      items: [],
    }),
  );
  return {
    eventId,
    values: {
      byPrefix: {
        '/events': { id: eventId, eventId },
        '/queue': { eventId },
        '/admin/events': { id: eventId },
        '/artists': { id: artists.items[0]?.id ?? nilUuid },
      },
      fallback: nilUuid,
    },
  };
}
