// Owns the one shape of in-process cache this app keeps: a Map with a fixed maximum size that drops its oldest entry
// to make room. Used for what is safe to remember per instance (parsed question versions, verified session cookies,
// an attempt item's fixed facts, autosave rate windows), so that no cache can grow with traffic.

export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly maxSize: number) {
    if (!(Number.isInteger(maxSize) && maxSize > 0)) throw new RangeError("BoundedMap needs a positive whole size");
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /**
   * The value, moved to the newest place, so the least recently used entry is the one dropped first (an LRU);
   * plain `get` leaves the order alone (insertion order: oldest written goes first).
   */
  touch(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores the value as the newest entry (replacing an old one under the same key), dropping the oldest when full. */
  set(key: K, value: V): V {
    this.entries.delete(key);
    if (this.entries.size >= this.maxSize) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
    return value;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }
}
