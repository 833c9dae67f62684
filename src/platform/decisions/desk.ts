/**
 * The decision desk (issue 13): what the dispatcher runs for a team-decision event, for every
 * platform. It starts decisions, opens the private form, saves submissions with the store's
 * version check (retried until saved), closes decisions and posts their records, and keeps each
 * card up to date through CardRefresher. Adapters only translate: they parse the platform's
 * events into `DecisionInbound`s and draw the replies.
 */
import type { Knowledge } from "../../engine/knowledge.js";
import { initialState } from "../../engine/state.js";
import { aggregate, commonAnswers } from "../../engine/team/aggregate.js";
import type { Reply } from "../../reply/model.js";
import { notice } from "../../reply/notice.js";
import type { Logger } from "../../runtime/logger.js";
import type { Decision, DecisionStore, StoredDecision } from "../../runtime/store/decision-types.js";
import type { ConversationStore } from "../../runtime/store/types.js";
import type { MessageRef, PlatformAdapter } from "../contract.js";
import { close, MAX_PARTICIPANTS, newDecision, type SubmitOutcome, submit } from "./decision.js";
import { CardRefresher } from "./refresh.js";
import { ballots, cardReply, decodeAnswers, formReply, listReply, recordReply } from "./render.js";
import { cleanTopic } from "./topic.js";

/** What a person asked of a decision. */
export type DecisionRequest =
  /** `decide [anonymous] <topic>`, or the message action on a message (its text is the topic). */
  | { kind: "start"; topic: string; anonymous: boolean }
  /** "Add my answers" on the card; `code`: a half-filled form to show again (FormBlock.state). */
  | { kind: "answer"; id: string; code?: string }
  /**
   * The form submitted: question id -> option id (a missing question is "not sure"), or the
   * form's state code.
   */
  | { kind: "submit"; id: string; answers?: Record<string, string>; code?: string }
  /** "Close" on the card. */
  | { kind: "close"; id: string }
  /** `/stackwise decisions`: the channel's recent records. */
  | { kind: "list" }
  /** "what did we decide?" in a decision's thread. */
  | { kind: "recall" };

/** One decision event, parsed by an adapter. */
export interface DecisionInbound<P> {
  /** The delivery id (claimed once: a retried delivery is handled once). */
  eventId: string;
  retryNum?: number;
  /** Namespaced user id ("slack:T1:U1"), as in Inbound. */
  userId: string;
  /** The platform's own user id. */
  user: string;
  /** The person's display name as the platform gave it (shown on the card). */
  name: string;
  /** Where to answer (privately or publicly). */
  place: P;
  /** The adapter's key of the channel: the card's place and the records' list. */
  channelKey: string;
  request: DecisionRequest;
}

/** What the desk runs on: the dataset, the decision store, the conversation store, a logger. */
export interface DecisionDeskOptions {
  knowledge: Knowledge;
  store: DecisionStore;
  /**
   * The conversation store: the card's thread becomes a conversation whose last recommendation
   * is the team's result, so follow-ups there ("why not …?", "what would change it?") are
   * answered with it as context. Without it, the thread answers mentions only.
   */
  conversations?: ConversationStore;
  log: Logger;
  /** Least time between two edits of one card (default 1,000 ms). */
  cardIntervalMs?: number;
  /** Records listed by `decisions` (default 10). */
  listLimit?: number;
  now?: () => number;
}

// biome-ignore lint/suspicious/noExplicitAny: one desk serves adapters of any place type.
type AnyAdapter = PlatformAdapter<any, any>;
/** A platform call through the dispatcher (retried while the platform says it is rate limited). */
export type PlatformCall = <T>(a: AnyAdapter, fn: () => Promise<T>) => Promise<T>;

/** The private answers the desk gives about a decision (closed, full, not yours to close, thanks). */
export const CLOSED_TEXT = "This decision is closed. Its record is in the card's thread.";
export const FULL_TEXT = `This decision already has ${MAX_PARTICIPANTS} participants, the most one decision takes. Start another one for a bigger group.`;
export const NOT_YOURS_TEXT =
  "Only the person who started this decision, or an admin, can close it. You can still add or change your answers.";
export const THANKS_TEXT =
  "Thanks, your answers are in. Answering again replaces them until the decision is closed.";
const DEFAULT_TOPIC = "Untitled decision";

/** True for a message asking a decision's thread what was decided ("what did we decide?"). */
export function asksForRecord(text: string): boolean {
  return /\bwhat (?:did|have) we (?:decide|decided|pick|picked|choose|chose|chosen)\b/i.test(text);
}

/** The decision desk; one per process, shared by every adapter. */
export class DecisionDesk {
  private readonly k: Knowledge;
  private readonly store: DecisionStore;
  private readonly now: () => number;
  private readonly cards: CardRefresher<AnyAdapter>;
  private call: PlatformCall = (_a, fn) => fn();

  constructor(private readonly options: DecisionDeskOptions) {
    this.k = options.knowledge;
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.cards = new CardRefresher<AnyAdapter>(
      options.cardIntervalMs ?? 1000,
      (a, id) => this.editCard(a, id),
      (err, id) => options.log.warn({ err, decision: id }, "could not edit a decision card"),
    );
  }

  /** How platform calls are made (the dispatcher passes its rate-limit-aware call). */
  useCall(call: PlatformCall): void {
    this.call = call;
  }

  /** Resolves once every card edit asked for has been made. */
  settled(): Promise<void> {
    return this.cards.idle();
  }

  /**
   * Handles one event; false when it was not for the desk after all (a "what did we decide?" in
   * a thread that holds no decision). Throws what the platform or the store threw.
   */
  async handle<P, M extends MessageRef>(a: PlatformAdapter<P, M>, inb: DecisionInbound<P>): Promise<boolean> {
    const r = inb.request;
    switch (r.kind) {
      case "start":
        await this.start(a, inb, r.topic, r.anonymous);
        return true;
      case "answer":
        await this.answer(a, inb, r.id, r.code);
        return true;
      case "submit":
        await this.submit(
          a,
          inb,
          r.id,
          r.code !== undefined ? decodeAnswers(this.k, r.code) : (r.answers ?? {}),
        );
        return true;
      case "close":
        await this.close(a, inb, r.id);
        return true;
      case "list":
        await this.list(a, inb);
        return true;
      case "recall":
        return this.recall(a, inb);
    }
  }

  private async start<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    inb: DecisionInbound<P>,
    rawTopic: string,
    anonymous: boolean,
  ) {
    const d = newDecision({
      platform: a.name,
      channelKey: inb.channelKey,
      topic: cleanTopic(rawTopic) || DEFAULT_TOPIC,
      startedBy: inb.user,
      starterName: inb.name,
      anonymous,
      now: this.now(),
    });
    await this.store.save(d, 0);
    const posted = await this.call(a, () => a.post(inb.place, cardReply(this.k, d)));
    const thread = a.threadOn
      ? await this.call(a, () =>
          (a.threadOn as NonNullable<typeof a.threadOn>)(posted.thread, posted.message, d.topic),
        )
      : posted.thread;
    await this.update(d.id, (x) => ({
      decision: { ...x, cardId: posted.message.id, threadKey: a.keyOf(thread) },
    }));
  }

  private async answer<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    inb: DecisionInbound<P>,
    id: string,
    code?: string,
  ) {
    const found = await this.store.load(id);
    const d = found?.decision;
    if (!d || d.status === "closed") return this.tell(a, inb, "decision-closed", CLOSED_TEXT);
    if (d.members.length >= MAX_PARTICIPANTS && !d.members.some((m) => m.user === inb.user))
      return this.tell(a, inb, "decision-full", FULL_TEXT);
    const form = formReply(this.k, d, inb.user, code !== undefined ? decodeAnswers(this.k, code) : undefined);
    if (a.openForm) await this.call(a, () => (a.openForm as NonNullable<typeof a.openForm>)(inb.place, form));
    else await this.call(a, () => a.postPrivate(inb.place, form));
  }

  private async submit<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    inb: DecisionInbound<P>,
    id: string,
    raw: Record<string, string>,
  ) {
    const answers = this.validAnswers(raw);
    let outcome = "closed" as SubmitOutcome;
    const saved = await this.update(id, (d) => {
      const result = submit(d, {
        user: inb.user,
        name: inb.name,
        answers,
        submissionId: inb.eventId,
        now: this.now(),
      });
      outcome = result.outcome;
      return result;
    });
    if (!saved || outcome === "closed") return this.tell(a, inb, "decision-closed", CLOSED_TEXT);
    if (outcome === "full") return this.tell(a, inb, "decision-full", FULL_TEXT);
    if (outcome === "duplicate") return;
    this.cards.request(a, id);
    await this.tell(a, inb, "decision-thanks", THANKS_TEXT);
  }

  private async close<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    inb: DecisionInbound<P>,
    id: string,
  ) {
    const found = await this.store.load(id);
    if (!found || found.decision.status === "closed")
      return this.tell(a, inb, "decision-closed", CLOSED_TEXT);
    const allowed =
      found.decision.startedBy === inb.user ||
      (a.mayClose
        ? await this.call(a, () => (a.mayClose as NonNullable<typeof a.mayClose>)(inb.place))
        : false);
    if (!allowed) return this.tell(a, inb, "decision-not-yours", NOT_YOURS_TEXT);
    let closedNow = false as boolean;
    const saved = await this.update(id, (d) => {
      closedNow = d.status === "open";
      return { decision: close(d, inb.user, this.now()) };
    });
    if (!saved || !closedNow) return;
    const d = saved.decision;
    const thread = d.threadKey ? a.placeOf(d.threadKey) : null;
    await this.call(a, () => a.post(thread ?? inb.place, recordReply(this.k, d)));
    this.cards.request(a, id);
  }

  private async list<P, M extends MessageRef>(a: PlatformAdapter<P, M>, inb: DecisionInbound<P>) {
    const records = await this.store.recent(inb.channelKey, this.options.listLimit ?? 10);
    const link = async (cardId: string | null) =>
      cardId && a.linkTo ? await a.linkTo(inb.channelKey, cardId).catch(() => null) : null;
    const withLinks = await Promise.all(
      records.map(async (summary) => ({ summary, link: await link(summary.cardId) })),
    );
    await this.call(a, () => a.postPrivate(inb.place, listReply(withLinks)));
  }

  private async recall<P, M extends MessageRef>(a: PlatformAdapter<P, M>, inb: DecisionInbound<P>) {
    const id = await this.store.byThread(a.keyOf(inb.place));
    const found = id ? await this.store.load(id) : null;
    if (!found) return false;
    const d = found.decision;
    const reply: Reply = d.status === "closed" ? recordReply(this.k, d) : cardReply(this.k, d);
    // An open decision is recalled without its buttons: they belong to the card alone.
    const shown = { ...reply, blocks: reply.blocks.filter((b) => b.kind !== "choices") };
    await this.call(a, () => a.post(inb.place, shown));
    return true;
  }

  /**
   * Loads the latest decision and edits its card to show it. Another instance may have saved
   * (and edited the card) meanwhile, and its edit may land before this older one: when the
   * version moved on while this edit was made, one more edit follows, so the card ends on the
   * latest state whatever order the edits land in.
   */
  private async editCard(a: AnyAdapter, id: string): Promise<void> {
    const found = await this.store.load(id);
    const d = found?.decision;
    if (!found || !d?.cardId || !a.replace) return;
    const cardId = d.cardId;
    await this.call(a, () =>
      (a.replace as NonNullable<typeof a.replace>)(d.channelKey, cardId, cardReply(this.k, d)),
    );
    const after = await this.store.load(id);
    if (after && after.version !== found.version) this.cards.request(a, id);
    await this.seedThread(d);
  }

  /**
   * Makes the card's thread a conversation that knows the team's result: its last
   * recommendation is the team's ranking over the team's common answers (commonAnswers), and the
   * top two are in focus. Saved with the conversation store's version check (retried, bounded:
   * it is context, and the next card edit seeds it again).
   */
  private async seedThread(d: Decision): Promise<void> {
    const store = this.options.conversations;
    if (!store || !d.threadKey) return;
    const members = ballots(d);
    const result = aggregate(this.k, members);
    if (!result.pick) return;
    const ranking = result.ranking.map((x) => ({ tech: x.tech, score: x.score }));
    const answers = commonAnswers(this.k, members);
    for (let attempt = 0; attempt < 50; attempt++) {
      const found = await store.load(d.threadKey);
      const state = found?.state ?? initialState();
      const top = ranking.slice(0, 2).map((x) => x.tech);
      const next = {
        ...state,
        focus: { ...state.focus, technologies: top, recent: top },
        lastRecommendation: { ranking, answers },
      };
      if ((await store.save(d.threadKey, next, found?.version ?? 0)) !== null) return;
    }
  }

  /**
   * Applies `change` to the latest saved decision and saves it with the version check; when
   * someone saved first it reloads and applies again, until the save lands (never given up
   * after a number of tries: each retry follows someone else's successful save). Null when the
   * decision is unknown or expired. A change that returns the same object saves nothing.
   */
  private async update(
    id: string,
    change: (d: Decision) => { decision: Decision },
  ): Promise<StoredDecision | null> {
    for (let attempt = 0; ; attempt++) {
      const found = await this.store.load(id);
      if (!found) return null;
      const { decision } = change(found.decision);
      if (decision === found.decision) return found;
      const version = await this.store.save(decision, found.version);
      if (version !== null) return { decision, version };
      // Someone else saved first: let them finish, with a little jitter so racers spread out.
      await new Promise((resolve) => setTimeout(resolve, Math.min(20, attempt) * Math.random()));
    }
  }

  /** The answers that name a flow question and one of its options; anything else is "not sure". */
  private validAnswers(raw: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const q of this.k.dataset.flow.questions) {
      const a = raw[q.id];
      out[q.id] = a && q.options.some((o) => o.id === a) ? a : "skip";
    }
    return out;
  }

  private async tell<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    inb: DecisionInbound<P>,
    intent: string,
    text: string,
  ) {
    await this.call(a, () => a.postPrivate(inb.place, notice(intent, text)));
  }
}
