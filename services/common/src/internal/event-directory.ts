import { z } from 'zod';
import { HttpProblem } from '../errors/http-problem.js';
import { createInternalClient, InternalCallError, UpstreamProblemError } from './internal-client.js';

/** Tells whether an event exists, before anyone may line up for it or write about it. */
export interface EventDirectory {
  /** Throws an InternalCallError (→ 502/503/504 problem) when it cannot tell. */
  readonly exists: (eventId: string, requestId?: string) => Promise<boolean>;
}

export interface CatalogEventDirectoryOptions {
  /** CATALOG_URL, e.g. http://127.0.0.1:3009. */
  readonly baseUrl: string;
  readonly internalToken: string;
  /** How long an answer is reused; events rarely disappear, and a new one is cached as missing only briefly. */
  readonly existsTtlMs?: number;
  /** @default 10000 */
  readonly missingTtlMs?: number;
  /** @default 2000 */
  readonly timeoutMs?: number;
  /** @default 10000 */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

const anyEvent = z.looseObject({});

/** catalog-service's `GET /api/v1/events/{id}` (200: exists, 404: does not), with answers cached. */
export function catalogEventDirectory(options: CatalogEventDirectoryOptions): EventDirectory {
  const client = createInternalClient({
    baseUrl: options.baseUrl,
    token: options.internalToken,
    timeoutMs: options.timeoutMs ?? 2000,
    target: 'catalog-service',
  });
  const existsTtlMs = options.existsTtlMs ?? 60_000;
  const missingTtlMs = options.missingTtlMs ?? 10_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { exists: boolean; until: number }>();
  const inFlight = new Map<string, Promise<boolean>>();

  async function ask(eventId: string, requestId?: string): Promise<boolean> {
    try {
      await client.get(`/api/v1/events/${encodeURIComponent(eventId)}`, { schema: anyEvent, requestId });
      return true;
    } catch (error) {
      if (error instanceof UpstreamProblemError && error.status === 404) return false;
      throw error;
    }
  }

  return {
    async exists(eventId, requestId) {
      const cached = cache.get(eventId);
      if (cached && cached.until > now()) return cached.exists;
      let pending = inFlight.get(eventId);
      if (!pending) {
        pending = ask(eventId, requestId).finally(() => inFlight.delete(eventId));
        inFlight.set(eventId, pending);
      }
      const exists = await pending;
      cache.delete(eventId);
      if (cache.size >= maxEntries) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(eventId, { exists, until: now() + (exists ? existsTtlMs : missingTtlMs) });
      return exists;
    },
  };
}

/**
 * Lets a request about `eventId` go on only if catalog-service knows the event: a 404 problem when it
 * does not, a 503 with Retry-After when it cannot tell (nothing is written for an event nobody can vouch for).
 */
export async function requireExistingEvent(
  directory: EventDirectory,
  eventId: string,
  requestId?: string,
): Promise<void> {
  let exists: boolean;
  try {
    exists = await directory.exists(eventId, requestId);
  } catch (error) {
    if (!(error instanceof InternalCallError)) throw error;
    throw new HttpProblem(
      503,
      {
        type: 'urn:urr:problem:event-check-unavailable',
        title: 'Service Unavailable',
        detail: 'cannot check this event right now; try again shortly',
      },
      { 'retry-after': '5' },
    );
  }
  if (!exists)
    throw new HttpProblem(404, {
      type: 'urn:urr:problem:event-not-found',
      title: 'Not Found',
      detail: `there is no event ${eventId}`,
    });
}
