import { type InternalClient, type Logger, UpstreamProblemError, z } from '@urr/common';

/** What the public sees of an organiser: never their email. `displayName` is null when unknown. */
export interface Organiser {
  readonly id: string;
  readonly displayName: string | null;
}

export interface OrganiserDirectory {
  /** Never throws: when auth-service cannot answer, the last known name (or null) is returned. */
  readonly lookup: (organiserId: string, requestId?: string) => Promise<Organiser>;
}

export interface OrganiserDirectoryOptions {
  /** An internal client pointed at auth-service (`AUTH_URL`). */
  readonly client: InternalClient;
  readonly logger: Logger;
  /** How long a name is reused before auth-service is asked again. */
  readonly ttlMs: number;
  /** After auth-service failed, how long lookups answer from the cache without calling it. @default 5000 */
  readonly failureBackoffMs?: number;
  /** @default 10000 */
  readonly maxEntries?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

const authUser = z.object({ id: z.string(), displayName: z.string().nullish() });

interface Entry {
  readonly organiser: Organiser;
  readonly fetchedAt: number;
}

/**
 * Organiser names from auth-service's internal API, cached in process. An event page must not fail
 * because auth-service is slow or down: it then shows a stale name or none, and for `failureBackoffMs`
 * stops calling auth-service so a down dependency does not add its timeout to every page.
 */
export function createOrganiserDirectory(options: OrganiserDirectoryOptions): OrganiserDirectory {
  const { client, logger, ttlMs } = options;
  const failureBackoffMs = options.failureBackoffMs ?? 5000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Organiser>>();
  let backoffUntil = 0;

  const remember = (organiser: Organiser) => {
    cache.delete(organiser.id);
    if (cache.size >= maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(organiser.id, { organiser, fetchedAt: now() });
    return organiser;
  };

  const fetchOrganiser = async (id: string, requestId?: string): Promise<Organiser> => {
    try {
      const user = await client.get(`/internal/users/${encodeURIComponent(id)}`, {
        schema: authUser,
        ...(requestId ? { requestId } : {}),
      });
      return remember({ id, displayName: user.displayName ?? null });
    } catch (error) {
      // A 4xx is auth-service's answer about this id (unknown, malformed), not a sign that it is down.
      if (error instanceof UpstreamProblemError && error.status < 500)
        return remember({ id, displayName: null });
      backoffUntil = now() + failureBackoffMs;
      logger.warn(
        { err: error, organiserId: id },
        'auth-service did not answer; showing the event without its organiser name',
      );
      return cache.get(id)?.organiser ?? { id, displayName: null };
    }
  };

  return {
    lookup: async (id, requestId) => {
      const cached = cache.get(id);
      if (cached && now() - cached.fetchedAt < ttlMs) return cached.organiser;
      if (now() < backoffUntil) return cached?.organiser ?? { id, displayName: null };
      const pending = inFlight.get(id);
      if (pending) return pending;
      const lookup = fetchOrganiser(id, requestId).finally(() => inFlight.delete(id));
      inFlight.set(id, lookup);
      return lookup;
    },
  };
}
