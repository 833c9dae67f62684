import { readDecision } from "./decision-schema.js";
import {
  DEFAULT_DECISION_OPTIONS,
  type Decision,
  type DecisionStore,
  type DecisionStoreOptions,
  type DecisionSummary,
  lifetimeOf,
  type StoredDecision,
  summaryOf,
} from "./decision-types.js";

interface Entry {
  json: string;
  version: number;
  expiresAt: number;
  channelKey: string;
  summary: DecisionSummary | null;
}

/** Decisions in process memory, for tests and throwaway runs; kept as JSON so nothing is shared. */
export class MemoryDecisionStore implements DecisionStore {
  readonly kind = "memory";
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: DecisionStoreOptions = DEFAULT_DECISION_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  async load(id: string): Promise<StoredDecision | null> {
    const e = this.live(id);
    const decision = e ? readDecision(e.json) : null;
    return e && decision ? { decision, version: e.version } : null;
  }

  async save(decision: Decision, expectedVersion: number): Promise<number | null> {
    // Check and write with no await in between, so two concurrent saves cannot both win.
    if ((this.live(decision.id)?.version ?? 0) !== expectedVersion) return null;
    const version = expectedVersion + 1;
    this.entries.set(decision.id, {
      json: JSON.stringify(decision),
      version,
      expiresAt: this.now() + lifetimeOf(decision, this.options) * 1000,
      channelKey: decision.channelKey,
      summary: decision.status === "closed" ? summaryOf(decision) : null,
    });
    return version;
  }

  async byThread(threadKey: string): Promise<string | null> {
    for (const id of [...this.entries.keys()]) {
      const e = this.live(id);
      if (e && readDecision(e.json)?.threadKey === threadKey) return id;
    }
    return null;
  }

  async recent(channelKey: string, limit: number): Promise<DecisionSummary[]> {
    const out: DecisionSummary[] = [];
    for (const id of [...this.entries.keys()]) {
      const e = this.live(id);
      if (e?.summary && e.channelKey === channelKey) out.push(e.summary);
    }
    return out.sort((a, b) => b.closedAt - a.closedAt).slice(0, limit);
  }

  async close(): Promise<void> {}

  private live(id: string): Entry | undefined {
    const e = this.entries.get(id);
    if (e && e.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return e;
  }
}
