import type {
  Intro,
  MessageEdit,
  MessageRef,
  PlatformAdapter,
  PlatformFailure,
  Posted,
} from "../../src/platform/contract.js";
import type { Reply } from "../../src/reply/model.js";

/** Where the mock posts: a channel and a thread in it (none: the channel's top level). */
export interface MockPlace {
  channel: string;
  thread?: string;
  user: string;
}

export interface MockMessage extends MessageRef {
  place: MockPlace;
  reply: Reply;
  intro?: Intro;
  edits: MessageEdit[];
}

/** A failure the mock throws: `failure` is what classify() says about it. */
export class MockPlatformError extends Error {
  constructor(readonly failure: PlatformFailure) {
    super(`mock platform error: ${failure.kind}`);
  }
}

type Op = "post" | "postPrivate" | "edit" | "openThread" | "acknowledge";

/**
 * An in-memory implementation of the adapter contract (after vercel/chat's mock-adapter.ts), for
 * unit tests of the dispatcher: it records what a user would see and fails on request.
 */
export class MockAdapter implements PlatformAdapter<MockPlace, MockMessage> {
  readonly name = "mock";
  readonly posted: MockMessage[] = [];
  readonly privates: Array<{ place: MockPlace; reply: Reply }> = [];
  readonly acknowledged: MockPlace[] = [];
  readonly calls: Op[] = [];
  private failures: Array<{ op: Op; failure: PlatformFailure | "bug" }> = [];
  private seq = 0;

  keyOf(place: MockPlace): string {
    return place.thread ? `mock:${place.channel}:${place.thread}` : `mock:${place.channel}`;
  }

  placeOf(key: string): MockPlace | null {
    const [platform, channel, thread] = key.split(":");
    if (platform !== "mock" || !channel) return null;
    return { channel, user: "", ...(thread ? { thread } : {}) };
  }

  /** The next call of `op` throws (a platform failure, or a plain bug). */
  failNext(op: Op, failure: PlatformFailure | "bug"): void {
    this.failures.push({ op, failure });
  }

  private check(op: Op): void {
    this.calls.push(op);
    const at = this.failures.findIndex((f) => f.op === op);
    if (at < 0) return;
    const [taken] = this.failures.splice(at, 1);
    if (!taken) return;
    throw taken.failure === "bug" ? new TypeError("a bug") : new MockPlatformError(taken.failure);
  }

  async post(place: MockPlace, reply: Reply, intro?: Intro): Promise<Posted<MockPlace, MockMessage>> {
    this.check("post");
    const message: MockMessage = {
      id: `m${++this.seq}`,
      place,
      reply,
      edits: [],
      ...(intro ? { intro } : {}),
    };
    this.posted.push(message);
    const thread = place.thread ? place : { ...place, thread: message.id };
    return { message, thread };
  }

  async postPrivate(place: MockPlace, reply: Reply): Promise<void> {
    this.check("postPrivate");
    this.privates.push({ place, reply });
  }

  async edit(_place: MockPlace, message: MockMessage, edit: MessageEdit): Promise<void> {
    this.check("edit");
    message.edits.push(edit);
  }

  async openThread(place: MockPlace, intro: Intro): Promise<MockPlace> {
    this.check("openThread");
    const root = await this.post(place, { ...EMPTY, blocks: [] }, intro);
    return { ...place, thread: root.message.id };
  }

  async acknowledge(place: MockPlace): Promise<void> {
    this.check("acknowledge");
    this.acknowledged.push(place);
  }

  classify(err: unknown): PlatformFailure | null {
    return err instanceof MockPlatformError ? err.failure : null;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  isReady(): boolean {
    return true;
  }

  /** Messages in a thread (or a channel's top level), oldest first. */
  in(place: MockPlace): MockMessage[] {
    return this.posted.filter((m) => m.place.channel === place.channel && m.place.thread === place.thread);
  }
}

const EMPTY: Reply = {
  intent: "intro",
  title: null,
  visibility: "public",
  technologies: [],
  aspect: null,
  pick: null,
  blocks: [],
  sources: [],
};
