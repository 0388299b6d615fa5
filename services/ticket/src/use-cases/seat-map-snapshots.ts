import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DbClient } from '@urr/common';
import { gradesOf, seatPlacesOf, takenSeatsOf } from '../db/seat-map-store.js';
import {
  availabilityKeyOf,
  type GradePrice,
  type SeatAvailability,
  SeatMapWriter,
  type SeatPlace,
} from '../domain/seat-availability.js';

const gzipped = promisify(gzip);
/**
 * zlib's fastest level: a rebuild gzips about 270 KB several times a second during a sale, and this level
 * takes a fraction of the default's CPU for a somewhat larger body.
 */
const gzipLevel = 1;

/** One performance's seat map, rendered once and served to every fan who asks while it is fresh. */
export interface SeatMapSnapshot {
  readonly counts: SeatAvailability['counts'];
  readonly json: string;
  readonly gzip: Buffer;
  /** A strong ETag of `json`: equal on every replica for equal content. */
  readonly etag: string;
}

export interface PerformanceIds {
  readonly eventId: string;
  readonly performanceId: string;
}

export interface SeatMapSnapshots {
  readonly get: (ids: PerformanceIds) => Promise<SeatMapSnapshot>;
  /**
   * The performance's snapshot if one is fresh, without reading anything; undefined otherwise (none yet,
   * too old, another event's performance, or no cache at all).
   */
  readonly fresh: (ids: PerformanceIds) => SeatMapSnapshot | undefined;
}

export interface SeatMapSnapshotsOptions {
  /** The primary: a lagging replica could show a seat free long after it was sold. */
  readonly db: DbClient;
  /** The sale clock: a hold past its time shows as available. */
  readonly now: () => Date;
  /** How old a snapshot may be when served; 0 reads the database for every request. */
  readonly maxAgeMs: number;
  /** Performances kept; the least recently asked-for goes first. @default 256 */
  readonly maxPerformances?: number;
  /** Milliseconds of a clock that only moves forward. @default performance.now */
  readonly clockMs?: () => number;
}

interface Entry {
  readonly eventId: string;
  places?: SeatPlace[];
  /** Writes the map for `places` with the grades of `gradesKey`; made again when either changes. */
  writer?: { readonly value: SeatMapWriter; readonly places: SeatPlace[]; readonly gradesKey: string };
  snapshot?: {
    readonly value: SeatMapSnapshot;
    readonly key: string;
    readonly builtAt: number;
    readonly saleAt: number;
  };
  building?: Promise<SeatMapSnapshot>;
}

async function render(json: string, counts: SeatAvailability['counts']): Promise<SeatMapSnapshot> {
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
  return { counts, json, gzip: await gzipped(json, { level: gzipLevel }), etag };
}

/** Renders the map with the entry's writer, made anew when the places or the grades changed. */
function renderMap(
  entry: Entry,
  ids: { readonly eventId: string; readonly performanceId: string },
  places: SeatPlace[],
  grades: readonly GradePrice[],
  taken: Parameters<SeatMapWriter['write']>[1],
): Promise<SeatMapSnapshot> {
  const gradesKey = availabilityKeyOf(grades, []);
  if (entry.writer?.places !== places || entry.writer.gradesKey !== gradesKey)
    entry.writer = { value: new SeatMapWriter(places, grades), places, gradesKey };
  const { json, counts } = entry.writer.value.write(ids, taken);
  return render(json, counts);
}

/** Seats are placed by a seat map whose grades all exist; replacing the map replaces its grades' ids. */
const placedBy = (places: readonly SeatPlace[], grades: readonly GradePrice[]) => {
  const ids = new Set(grades.map((grade) => grade.id));
  return places.every((place) => ids.has(place.gradeId));
};

/**
 * The seat maps fans download, cached per performance for `maxAgeMs` (docs/adr/0055): a snapshot older
 * than that is rebuilt by the first request to ask, and the requests arriving meanwhile share that read.
 * The seats' places are read once and kept while the event's grades still place them; the grades' prices
 * and the taken seats are read for every rebuild. A snapshot whose content did not change keeps its
 * rendering and ETag.
 */
export function createSeatMapSnapshots(options: SeatMapSnapshotsOptions): SeatMapSnapshots {
  const { db, now, maxAgeMs } = options;
  const clockMs = options.clockMs ?? (() => performance.now());
  const maxPerformances = options.maxPerformances ?? 256;
  const entries = new Map<string, Entry>();

  const fresh = (entry: Entry, at: number, saleAt: number) => {
    const snapshot = entry.snapshot;
    if (!snapshot || maxAgeMs === 0) return undefined;
    const young =
      at - snapshot.builtAt < maxAgeMs && saleAt >= snapshot.saleAt && saleAt - snapshot.saleAt < maxAgeMs;
    return young ? snapshot.value : undefined;
  };

  const build = async (performanceId: string, entry: Entry): Promise<SeatMapSnapshot> => {
    const builtAt = clockMs();
    const saleNow = now();
    const [cachedPlaces, grades, taken] = await Promise.all([
      entry.places ?? seatPlacesOf(db, performanceId),
      gradesOf(db, entry.eventId),
      takenSeatsOf(db, performanceId, saleNow),
    ]);
    const reread = cachedPlaces === entry.places && !placedBy(cachedPlaces, grades);
    const places = reread ? await seatPlacesOf(db, performanceId) : cachedPlaces;
    const placesChanged = places !== entry.places;
    entry.places = places;
    const key = availabilityKeyOf(grades, taken);
    const previous = entry.snapshot;
    const value =
      previous && previous.key === key && !placesChanged
        ? previous.value
        : await renderMap(entry, { eventId: entry.eventId, performanceId }, places, grades, taken);
    entry.snapshot = { value, key, builtAt, saleAt: saleNow.getTime() };
    return value;
  };

  const entryOf = (eventId: string, performanceId: string) => {
    const known = entries.get(performanceId);
    const entry = known?.eventId === eventId ? known : { eventId };
    entries.delete(performanceId);
    entries.set(performanceId, entry);
    if (entries.size > maxPerformances) {
      const [oldest] = entries.keys();
      if (oldest !== undefined) entries.delete(oldest);
    }
    return entry;
  };

  return {
    fresh: ({ eventId, performanceId }) => {
      const known = entries.get(performanceId);
      return known?.eventId === eventId ? fresh(known, clockMs(), now().getTime()) : undefined;
    },
    get: ({ eventId, performanceId }) => {
      const entry = entryOf(eventId, performanceId);
      const ready = fresh(entry, clockMs(), now().getTime());
      if (ready) return Promise.resolve(ready);
      // Without a cache, a request must not be answered by a read that started before it arrived.
      if (maxAgeMs === 0) return build(performanceId, entry);
      if (!entry.building) {
        entry.building = build(performanceId, entry).finally(() => {
          entry.building = undefined;
        });
      }
      return entry.building;
    },
  };
}
