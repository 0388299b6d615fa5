import type { Room } from './room.js';

const maxEvents = 1_000;

/**
 * Each Lambda container keeps every event's counters item for a short while, so the check path costs no
 * table read per poll: one read per event per container per `ttlMs`. Concurrent misses share one read.
 */
export class RoomCache {
  private readonly entries = new Map<string, { readonly expiresAt: number; readonly room: Promise<Room> }>();

  constructor(
    private readonly load: (eventId: string) => Promise<Room>,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get(eventId: string): Promise<Room> {
    const now = this.clock();
    const cached = this.entries.get(eventId);
    if (cached && cached.expiresAt > now) return cached.room;
    const room = this.load(eventId);
    this.entries.delete(eventId);
    if (this.entries.size >= maxEvents) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(eventId, { expiresAt: now + this.ttlMs, room });
    room.catch(() => {
      if (this.entries.get(eventId)?.room === room) this.entries.delete(eventId);
    });
    return room;
  }

  /** Forgets an event after this container changed its item (e.g. fixed the shard count). */
  forget(eventId: string): void {
    this.entries.delete(eventId);
  }
}
