/**
 * Memoizes async lookups for a short time so a page load (orgs, projects, clusters for every
 * project) does not cost Atlas one request per keystroke. A failed lookup is kept for
 * `failureTtlMs` (0: not at all), so a broken organization is not asked again on every request.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { expiresAt: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly failureTtlMs = 0,
    /** Beyond this many keys, expired entries go, then the oldest: memory stays bounded. */
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const value = load();
    const entry = { expiresAt: this.now() + this.ttlMs, value };
    this.entries.delete(key); // re-inserted last: Map order is insertion order, oldest first
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.prune();
    value.catch(() => {
      if (this.entries.get(key) !== entry) return;
      if (this.failureTtlMs > 0) entry.expiresAt = this.now() + this.failureTtlMs;
      else this.entries.delete(key);
    });
    return value;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }

  /** Entries kept (expired ones included until they are asked for again). */
  get size(): number {
    return this.entries.size;
  }
}
