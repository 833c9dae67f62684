/**
 * A small in-process record of recent event ids: the dedupe fallback while the shared store is
 * unreachable, and a shortcut for a redelivery to this same process. Bounded in size and age
 * (insertion order is age order, so the oldest entries go first).
 */
export class RecentEvents {
  private readonly seen = new Map<string, number>();

  constructor(
    /** Entries kept at most; the oldest are dropped beyond it. */
    private readonly maxEntries = 10_000,
    /** How long an id is remembered, in ms (platform retries come within minutes). */
    private readonly ttlMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `id` is offered (it is then remembered), false for a repeat. */
  add(id: string): boolean {
    const at = this.now();
    const previous = this.seen.get(id);
    if (previous !== undefined && at - previous < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, at);
    this.trim(at);
    return true;
  }

  /** True when `id` was offered lately (without offering it). */
  has(id: string): boolean {
    const at = this.seen.get(id);
    return at !== undefined && this.now() - at < this.ttlMs;
  }

  get size(): number {
    return this.seen.size;
  }

  private trim(at: number): void {
    for (const [id, when] of this.seen) {
      if (this.seen.size <= this.maxEntries && at - when < this.ttlMs) break;
      this.seen.delete(id);
    }
  }
}
