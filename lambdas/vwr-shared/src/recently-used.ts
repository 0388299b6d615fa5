/**
 * A bounded memory of values by string key that forgets the least recently used first, kept in two
 * generations: a hit in the newer generation writes nothing, a hit in the older moves the entry to the
 * newer, and when the newer holds `capacity` entries the older is dropped. The `capacity` most recently
 * used entries are always kept, and at most twice as many.
 */
export class RecentlyUsed<V> {
  private recent = new Map<string, V>();
  private older = new Map<string, V>();

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError(`a memory holds at least one entry, not ${capacity}`);
  }

  get(key: string): V | undefined {
    const value = this.recent.get(key);
    if (value !== undefined) return value;
    const older = this.older.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: string, value: V): void {
    if (this.recent.size >= this.capacity && !this.recent.has(key)) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, value);
  }

  /** Entries held now, in both generations. */
  get size(): number {
    return this.recent.size + this.older.size;
  }
}
