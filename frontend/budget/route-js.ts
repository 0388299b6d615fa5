/**
 * Which JavaScript a route of the built app makes a browser download, from Next.js's build output:
 * the app's root bootstrap chunks (build-manifest.json `rootMainFiles`) plus every chunk the route's
 * client reference manifest lists for its layouts and page (`entryJSFiles`).
 */

/** The `entryJSFiles` chunks of one `page_client-reference-manifest.js` (a script assigning JSON). */
export function entryChunksOf(manifestScript: string): string[] {
  const assigned = /=\s*(\{[\s\S]*\});?\s*$/.exec(manifestScript.trim());
  if (!assigned) throw new Error('not a client reference manifest: no JSON object assigned');
  const manifest = JSON.parse(assigned[1]!) as { entryJSFiles?: Record<string, string[]> };
  return [...new Set(Object.values(manifest.entryJSFiles ?? {}).flat())];
}

/** The route a manifest serves: `server/app/events/[id]/page_client-reference-manifest.js` → `/events/[id]`. */
export function routeOf(manifestPath: string): string {
  const match = /(?:^|\/)server\/app(\/.*)?\/page_client-reference-manifest\.js$/.exec(manifestPath);
  if (!match) throw new Error(`not a page's client reference manifest: ${manifestPath}`);
  return match[1] ?? '/';
}

export interface RouteBudget {
  /** Routes this budget covers: exact paths, or a prefix ending in `/*`. */
  readonly routes: readonly string[];
  /** Compressed (gzip) kB of JavaScript the route may make a browser download. */
  readonly kB: number;
  readonly why: string;
}

const covers = (pattern: string, route: string) =>
  pattern.endsWith('/*')
    ? route.startsWith(pattern.slice(0, -1)) || route === pattern.slice(0, -2)
    : pattern === route;

/** The first budget that names the route, else the last one (the default). */
export function budgetFor(budgets: readonly RouteBudget[], route: string): RouteBudget {
  const found = budgets.find((budget) => budget.routes.some((pattern) => covers(pattern, route)));
  const fallback = budgets[budgets.length - 1];
  if (!found && !fallback) throw new Error('no budgets');
  return (found ?? fallback)!;
}
