/**
 * Card edits coalesced per decision: under a burst of submissions the card is edited at most once
 * per `intervalMs` (counted from the end of one edit to the start of the next) (Slack asks for no more than about one update a second per message; Discord's
 * message-edit bucket is 5 per 5 s per channel), and every edit renders the latest saved state,
 * so an edit can never show an older count than one before it.
 */
export class CardRefresher<A> {
  private readonly cards = new Map<
    string,
    { adapter: A; last: number; dirty: boolean; timer?: NodeJS.Timeout; running?: Promise<void> }
  >();
  private waiters: Array<() => void> = [];

  /**
   * @param intervalMs least time between two edits of one card, in ms
   * @param edit loads the decision and edits its card; errors go to `failed`
   */
  constructor(
    private readonly intervalMs: number,
    private readonly edit: (adapter: A, id: string) => Promise<void>,
    private readonly failed: (err: unknown, id: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The card of decision `id` needs an edit: now if none ran lately, else once the interval has passed. */
  request(adapter: A, id: string): void {
    this.prune();
    let card = this.cards.get(id);
    if (!card) {
      card = { adapter, last: Number.NEGATIVE_INFINITY, dirty: false };
      this.cards.set(id, card);
    }
    card.adapter = adapter;
    if (card.running) {
      card.dirty = true;
      return;
    }
    if (card.timer) return; // the pending edit will load the latest state
    const wait = card.last + this.intervalMs - this.now();
    if (wait <= 0) this.run(id);
    else
      card.timer = setTimeout(() => {
        if (card) card.timer = undefined;
        this.run(id);
      }, wait);
  }

  /** Resolves once no edit is pending or running (tests, a graceful stop). */
  idle(): Promise<void> {
    if (this.busy() === false) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private run(id: string): void {
    const card = this.cards.get(id);
    if (!card) return;
    card.dirty = false;
    card.running = this.edit(card.adapter, id)
      .catch((err: unknown) => this.failed(err, id))
      .finally(() => {
        // Counted from when the edit finished: a slow request then cannot arrive at the
        // platform less than an interval before the next one.
        card.last = this.now();
        card.running = undefined;
        if (card.dirty) {
          card.dirty = false;
          this.request(card.adapter, id);
        }
        if (!this.busy()) for (const wake of this.waiters.splice(0)) wake();
      });
  }

  private busy(): boolean {
    for (const c of this.cards.values()) if (c.running || c.timer || c.dirty) return true;
    return false;
  }

  /** Forgets cards not edited for a minute, so the map stays as small as the decisions in play. */
  private prune(): void {
    if (this.cards.size < 100) return;
    const old = this.now() - 60_000;
    for (const [id, c] of this.cards) if (!c.running && !c.timer && c.last < old) this.cards.delete(id);
  }
}
