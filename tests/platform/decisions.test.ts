/**
 * The decision desk behind the dispatcher (issue 13), on the in-memory adapter: limits,
 * permissions, closed decisions, saves retried until they land, coalesced card edits.
 */
import { describe, expect, it } from "vitest";
import type { DecisionInbound, DecisionRequest } from "../../src/platform/decisions/desk.js";
import { CLOSED_TEXT, FULL_TEXT, NOT_YOURS_TEXT } from "../../src/platform/decisions/desk.js";
import type { Reply } from "../../src/reply/model.js";
import { toPlainText } from "../../src/reply/plain-text.js";
import { MemoryDecisionStore } from "../../src/runtime/store/decision-memory.js";
import type { Decision } from "../../src/runtime/store/decision-types.js";
import { MockAdapter, type MockPlace } from "../fakes/mock-adapter.js";
import { testDeps } from "../helpers/deps.js";

/** The mock adapter with the contract's team-decision methods. */
class DecidingAdapter extends MockAdapter {
  readonly replaced: Array<{ id: string; reply: Reply }> = [];
  readonly forms: Reply[] = [];
  readonly admins = new Set<string>();
  async replace(_channelKey: string, id: string, reply: Reply): Promise<void> {
    this.replaced.push({ id, reply });
  }
  async openForm(_place: MockPlace, reply: Reply): Promise<void> {
    this.forms.push(reply);
  }
  async mayClose(place: MockPlace): Promise<boolean> {
    return this.admins.has(place.user);
  }
}

/** A memory store that, for its first `conflicts` saves, lets another writer save first. */
class ContendedStore extends MemoryDecisionStore {
  refused = 0;
  constructor(private conflicts: number) {
    super();
  }
  override async save(decision: Decision, expected: number): Promise<number | null> {
    if (expected > 0 && this.conflicts > 0) {
      this.conflicts -= 1;
      this.refused += 1;
      const current = await this.load(decision.id);
      if (current)
        await super.save(
          { ...current.decision, applied: [...current.decision.applied, "other"] },
          current.version,
        );
      return null;
    }
    return super.save(decision, expected);
  }
}

let seq = 0;
const event = (user: string, request: DecisionRequest): DecisionInbound<MockPlace> => ({
  eventId: `e${++seq}`,
  userId: `mock:${user}`,
  user,
  name: user.toLowerCase(),
  place: { channel: "C1", user },
  channelKey: "mock:C1",
  request,
});

function setup(options: { store?: MemoryDecisionStore; cardIntervalMs?: number } = {}) {
  const store = options.store ?? new MemoryDecisionStore();
  const { dispatcher, decisions } = testDeps({
    decisionStore: store,
    cardIntervalMs: options.cardIntervalMs ?? 0,
  });
  const a = new DecidingAdapter();
  const start = async (user = "U1") => {
    await dispatcher.decide(a, event(user, { kind: "start", topic: "Pick one", anonymous: false }));
    const card = a.posted.at(-1);
    const choice = card?.reply.blocks.find((b) => b.kind === "choices");
    const id =
      choice?.kind === "choices" ? /^decision:(\w+):/.exec(choice.choices[0]?.id ?? "")?.[1] : undefined;
    if (!id) throw new Error("no card");
    return id;
  };
  const lastPrivate = () => toPlainText(a.privates.at(-1)?.reply as Reply);
  return { a, dispatcher, decisions, store, start, lastPrivate };
}

const TPUS = { workload: "scientific-autodiff", hardware: "google-tpus" };

describe("the decision desk (issue 13)", () => {
  it("takes 50 participants and tells the 51st why not; a member already in may still change answers", async () => {
    const { a, dispatcher, start, store, lastPrivate } = setup();
    const id = await start();
    for (let i = 0; i < 50; i++)
      await dispatcher.decide(a, event(`U${i}`, { kind: "submit", id, answers: TPUS }));
    expect((await store.load(id))?.decision.members).toHaveLength(50);
    await dispatcher.decide(a, event("U99", { kind: "answer", id }));
    expect(lastPrivate()).toBe(FULL_TEXT);
    await dispatcher.decide(a, event("U99", { kind: "submit", id, answers: TPUS }));
    expect(lastPrivate()).toBe(FULL_TEXT);
    await dispatcher.decide(a, event("U7", { kind: "submit", id, answers: { workload: "research" } }));
    const d = (await store.load(id))?.decision;
    expect(d?.members).toHaveLength(50);
    expect(d?.members.find((m) => m.user === "U7")?.answers.workload).toBe("research");
  });

  it("saves a submission whatever the number of writers that saved first (no give-up after two tries)", async () => {
    const store = new ContendedStore(0);
    const { a, dispatcher, start } = setup({ store });
    const id = await start();
    (store as unknown as { conflicts: number }).conflicts = 6;
    await dispatcher.decide(a, event("U2", { kind: "submit", id, answers: TPUS }));
    expect(store.refused).toBe(6);
    const d = (await store.load(id))?.decision;
    expect(d?.members.map((m) => m.user)).toEqual(["U2"]);
    expect(d?.applied.filter((x) => x === "other")).toHaveLength(6);
  });

  it("only the starter or someone the platform calls an admin closes; a closed decision says so privately", async () => {
    const { a, dispatcher, start, store, lastPrivate } = setup();
    const id = await start("U1");
    await dispatcher.decide(a, event("U2", { kind: "close", id }));
    expect(lastPrivate()).toBe(NOT_YOURS_TEXT);
    expect((await store.load(id))?.decision.status).toBe("open");
    a.admins.add("U3");
    await dispatcher.decide(a, event("U3", { kind: "close", id }));
    expect((await store.load(id))?.decision).toMatchObject({ status: "closed", closedBy: "U3" });
    // The record went to the card's thread.
    const record = a.posted.at(-1);
    expect(record?.reply.title).toBe("Decision record: Pick one");
    expect(record?.place.thread).toBe(a.posted[0]?.id);
    for (const request of [
      { kind: "answer", id },
      { kind: "close", id },
      { kind: "submit", id, answers: TPUS },
    ] as DecisionRequest[]) {
      await dispatcher.decide(a, event("U4", request));
      expect(lastPrivate()).toBe(CLOSED_TEXT);
    }
  });

  it("a delivery retried with the same id counts once", async () => {
    const { a, dispatcher, start, store } = setup();
    const id = await start();
    const once = event("U2", { kind: "submit", id, answers: TPUS });
    expect(await dispatcher.decide(a, once)).toBe("answered");
    expect(await dispatcher.decide(a, { ...once, retryNum: 1 })).toBe("duplicate");
    expect((await store.load(id))?.decision.applied).toEqual([once.eventId]);
  });

  it("coalesces card edits under a burst and ends on the latest state", async () => {
    const { a, dispatcher, decisions, start } = setup({ cardIntervalMs: 1000 });
    const id = await start();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        dispatcher.decide(a, event(`U${i}`, { kind: "submit", id, answers: TPUS })),
      ),
    );
    await decisions.settled();
    // One edit right away, one for everything that came while it was made or waited.
    expect(a.replaced.length).toBeLessThanOrEqual(3);
    expect(toPlainText(a.replaced.at(-1)?.reply as Reply)).toContain("30 members have answered");
  });

  it("'what did we decide?' where no decision lives goes on to the engine", async () => {
    const { a, dispatcher } = setup();
    const result = await dispatcher.dispatch(a, {
      eventId: "t1",
      userId: "mock:U1",
      place: { channel: "C9", user: "U1" },
      input: { kind: "text", text: "what did we decide?" },
    });
    expect(result).toBe("answered");
    expect(a.posted.at(-1)?.reply.intent).not.toMatch(/^decision/);
  });
});
