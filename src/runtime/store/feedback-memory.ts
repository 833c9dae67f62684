import {
  type AnswerRecord,
  DEFAULT_FEEDBACK_OPTIONS,
  type FeedbackSnapshot,
  type FeedbackStore,
  type FeedbackStoreOptions,
  type ReviewText,
  type VoteRecord,
} from "./feedback-types.js";

interface Kept<T> {
  value: T;
  expiresAt: number;
}

/**
 * Feedback in process memory, for tests and throwaway runs. Records are copied in and out as
 * JSON so nothing is shared by reference; each map keeps at most `maxRecords` entries (oldest
 * dropped first, Map insertion order).
 */
export class MemoryFeedbackStore implements FeedbackStore {
  readonly kind = "memory";
  private readonly answers = new Map<string, Kept<string>>();
  private readonly votes = new Map<string, Kept<string>>();
  private readonly texts = new Map<string, Kept<string>>();
  private readonly options: FeedbackStoreOptions;

  constructor(
    options: Partial<FeedbackStoreOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_FEEDBACK_OPTIONS, ...options };
  }

  async recordAnswer(answer: AnswerRecord): Promise<void> {
    this.put(this.answers, answer.id, answer, this.options.feedbackTtlSeconds);
  }

  async answer(id: string): Promise<AnswerRecord | null> {
    return this.get<AnswerRecord>(this.answers, id);
  }

  async recordVote(vote: VoteRecord): Promise<void> {
    this.put(this.votes, `${vote.answerId}\n${vote.voter}`, vote, this.options.feedbackTtlSeconds);
  }

  async votesFor(answerId: string): Promise<VoteRecord[]> {
    return this.live<VoteRecord>(this.votes).filter((v) => v.answerId === answerId);
  }

  async recordText(text: ReviewText): Promise<void> {
    this.put(this.texts, `${text.answerId}\n${text.slot}`, text, this.options.reviewTextTtlSeconds);
  }

  async removeText(answerId: string, slot: string): Promise<void> {
    this.texts.delete(`${answerId}\n${slot}`);
  }

  async since(sinceMs: number): Promise<FeedbackSnapshot> {
    const after = <T extends { at: number }>(items: T[]) => items.filter((i) => i.at >= sinceMs);
    return {
      answers: after(this.live<AnswerRecord>(this.answers)),
      votes: after(this.live<VoteRecord>(this.votes)),
      texts: after(this.live<ReviewText>(this.texts)),
    };
  }

  /** Every stored JSON string, expired or not: for tests that read the store directly. */
  raw(): string[] {
    return [...this.answers.values(), ...this.votes.values(), ...this.texts.values()].map((k) => k.value);
  }

  async close(): Promise<void> {}

  private put(map: Map<string, Kept<string>>, key: string, value: unknown, ttlSeconds: number): void {
    map.delete(key);
    map.set(key, { value: JSON.stringify(value), expiresAt: this.now() + ttlSeconds * 1000 });
    for (const oldest of map.keys()) {
      if (map.size <= this.options.maxRecords) break;
      map.delete(oldest);
    }
  }

  private get<T>(map: Map<string, Kept<string>>, key: string): T | null {
    const kept = map.get(key);
    if (!kept) return null;
    if (kept.expiresAt <= this.now()) {
      map.delete(key);
      return null;
    }
    return JSON.parse(kept.value) as T;
  }

  private live<T>(map: Map<string, Kept<string>>): T[] {
    const now = this.now();
    const out: T[] = [];
    for (const [key, kept] of map) {
      if (kept.expiresAt <= now) map.delete(key);
      else out.push(JSON.parse(kept.value) as T);
    }
    return out;
  }
}
