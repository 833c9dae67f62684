/**
 * The turn pipeline, written once for every platform (after vercel/chat's `thread.ts`): an
 * adapter parses an event into an `Inbound` and calls `dispatch()`, which
 *   1. ignores text that is empty after the adapter cleaned it (an image, a sticker);
 *   2. ignores thread replies in conversations the bot is not part of (`onlyIfActive`);
 *   3. claims the event id (dedupe, with an in-process fallback while the store is down);
 *      a duplicate never reaches the platform at all;
 *   4. runs the turn (rate limit, size limit, state) through the turn service;
 *   5. delivers: replies for the asker alone go private; a click that moved the flow marks its
 *      question answered, then the next question is posted; a click on a question no longer
 *      pending posts the pending one again, publicly, when it was never shown (a failed post, a
 *      crash after the save), else tells the clicker privately; a new question retires the
 *      previous one's buttons (cosmetic: a failure there never stops the post);
 *   6. on any failure: records it in the error sink and apologises to the asker;
 *   7. feedback (issue 14): each reply is recorded for the review before it is posted, and an
 *      answer goes out with vote buttons (Reply.feedback, apart from its choices); votes and
 *      notes come back through feedback(), are claimed once and thanked privately.
 * Turns of one conversation run one at a time in this process (across processes the store's
 * version check keeps them apart). It also tracks what is in flight, for a graceful stop.
 */
import type { Feedback } from "../feedback/feedback.js";
import { hasChoices, type Reply } from "../reply/model.js";
import { notice } from "../reply/notice.js";
import type { Conversations, TurnOutcome } from "../runtime/conversations.js";
import type { ErrorSink } from "../runtime/errors.js";
import type { Logger } from "../runtime/logger.js";
import type { Inbound, MessageRef, PlatformAdapter } from "./contract.js";
import { asksForRecord, type DecisionDesk, type DecisionInbound } from "./decisions/desk.js";
import { FEEDBACK_FAILED, type FeedbackInbound, thanks } from "./feedback-turns.js";
import { Prompts } from "./prompts.js";

/** Said to the asker alone when a turn fails. */
export const APOLOGY = "Sorry, something went wrong while I was answering. Please try again in a moment.";

/** What became of an event: for tests and logs. */
export type DispatchResult = "answered" | "ignored" | "duplicate" | "limited" | "failed";

/** What the dispatcher runs on. */
export interface DispatcherOptions {
  conversations: Conversations;
  sink: ErrorSink;
  log: Logger;
  /** Waits before retrying a rate-limited platform call, in ms; one retry per entry. */
  backoffMs?: readonly number[];
  /**
   * How long a click on an old question waits, when this process did not post the pending one,
   * for another instance that may be posting it right now (default 1,500 ms).
   */
  staleGraceMs?: number;
  /** Team decisions (issue 13); without it decision events are ignored. */
  decisions?: DecisionDesk;
  /** Answer records, vote buttons and notes (issue 14); absent: no feedback buttons. */
  feedback?: Feedback;
}

// biome-ignore lint/suspicious/noExplicitAny: adapters of any place and message type share one dispatcher.
type AnyAdapter = PlatformAdapter<any, any>;
type Answered = Extract<TurnOutcome, { status: "answered" }>;

/** The one turn pipeline; adapters call dispatch() for every event they parse. */
export class Dispatcher {
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly prompts = new Prompts();
  private readonly aspects = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly conversations: Conversations;
  private readonly backoffMs: readonly number[];

  constructor(private readonly options: DispatcherOptions) {
    this.conversations = options.conversations;
    this.backoffMs = options.backoffMs ?? [250, 500, 1000];
    options.decisions?.useCall((a, fn) => this.call(a, fn));
  }

  /**
   * A team-decision event (issue 13): claimed once like any event (a retried delivery is
   * handled once), then run by the decision desk; a failure is recorded and apologised for.
   * "ignored" when there is no desk, or for a "what did we decide?" where no decision lives.
   */
  async decide<P, M extends MessageRef>(
    adapter: PlatformAdapter<P, M>,
    inb: DecisionInbound<P>,
  ): Promise<DispatchResult> {
    const desk = this.options.decisions;
    if (!desk) return "ignored";
    const asInbound = inb as unknown as Inbound<P, M>;
    const run = (async (): Promise<DispatchResult> => {
      try {
        if (!(await this.conversations.claim(inb.eventId, inb.retryNum))) return "duplicate";
        adapter.claimed?.(inb.place);
        return (await desk.handle(adapter, inb)) ? "answered" : "ignored";
      } catch (err) {
        // Told how to let the bot in when the platform refused it the channel, else an apology.
        await this.refuse(adapter, inb.place, asInbound, err);
        return "failed";
      }
    })();
    this.inflight.add(run);
    try {
      return await run;
    } finally {
      this.inflight.delete(run);
    }
  }

  /** Runs one event through the pipeline. Never rejects: failures go to the sink. */
  async dispatch<P, M extends MessageRef>(
    adapter: PlatformAdapter<P, M>,
    inbound: Inbound<P, M>,
  ): Promise<DispatchResult> {
    const run = this.run(adapter, inbound);
    this.inflight.add(run);
    try {
      return await run;
    } finally {
      this.inflight.delete(run);
    }
  }

  /**
   * A vote or a "What was wrong?" note: claimed once, recorded, and thanked privately (the
   * answer itself is never reposted). Never rejects: failures go to the sink and get an apology.
   */
  async feedback<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    inb: FeedbackInbound<P>,
  ): Promise<DispatchResult> {
    const run = this.runFeedback(a, inb);
    this.inflight.add(run);
    try {
      return await run;
    } finally {
      this.inflight.delete(run);
    }
  }

  /** Events being handled now. */
  get inFlight(): number {
    return this.inflight.size;
  }

  /** Resolves true once nothing is in flight, or false after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = async (): Promise<true> => {
      while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
      return true;
    };
    try {
      return await Promise.race([settled(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Aspect ids answered about in this process, most asked first (for autocomplete). */
  askedAspects(): string[] {
    return [...this.aspects].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  private async run<P, M extends MessageRef>(a: PlatformAdapter<P, M>, inb: Inbound<P, M>) {
    if (inb.input.kind === "text" && inb.input.text.trim() === "") return "ignored";
    let place = inb.place;
    // "what did we decide?" in a decision's thread is the decision desk's (issue 13).
    if (this.options.decisions && inb.input.kind === "text" && asksForRecord(inb.input.text)) {
      const recalled = await this.decide(a, {
        eventId: `recall:${inb.eventId}`,
        userId: inb.userId,
        user: inb.userId,
        name: "",
        place,
        channelKey: a.keyOf(place),
        request: { kind: "recall" },
      });
      if (recalled !== "ignored") return recalled;
    }
    try {
      if (inb.onlyIfActive && !(await this.conversations.isActive(a.keyOf(place)))) return "ignored";
      if (!(await this.conversations.claim(inb.eventId, inb.retryNum))) {
        this.options.log.debug({ platform: a.name, eventId: inb.eventId }, "duplicate delivery ignored");
        return "duplicate";
      }
      a.claimed?.(place);
      if (inb.opens === "answer") return await this.openWithAnswer(a, inb);
      if (inb.opens === "thread" && inb.intro) {
        const intro = inb.intro;
        try {
          place = await this.call(a, () => a.openThread(place, intro));
        } catch (err) {
          await this.refuse(a, place, inb, err);
          return "failed";
        }
      }
      const key = a.keyOf(place);
      const thread = place;
      return await this.inOrder(key, async () => {
        const outcome = await this.conversations.turn({
          platform: a.name,
          key,
          input: inb.input,
          eventId: inb.eventId,
          claimed: true,
          userId: inb.userId,
        });
        if (outcome.status === "duplicate") return "duplicate";
        if (outcome.status === "limited") {
          await a.acknowledge(thread);
          return "limited";
        }
        await this.deliver(a, thread, inb, outcome);
        return "answered";
      });
    } catch (err) {
      this.failed(a, err, inb, "turn not answered");
      await this.apologise(a, place, inb);
      return "failed";
    }
  }

  private async runFeedback<P, M extends MessageRef>(a: PlatformAdapter<P, M>, inb: FeedbackInbound<P>) {
    const feedback = this.options.feedback;
    if (!feedback) return "ignored";
    if (!(await this.conversations.claim(inb.eventId))) return "duplicate";
    a.claimed?.(inb.place);
    const { action } = inb;
    let reply: Reply;
    try {
      const event = { answerId: action.answerId, userId: inb.userId };
      const result =
        action.kind === "vote"
          ? await feedback.vote({ ...event, vote: action.vote })
          : await feedback.note({ ...event, text: action.text });
      reply = thanks(action, result, feedback.keepsText);
    } catch (err) {
      this.options.sink.report("store", err, "feedback not recorded", {
        platform: a.name,
        eventId: inb.eventId,
      });
      reply = notice("error", FEEDBACK_FAILED);
    }
    try {
      await this.call(a, () => a.postPrivate(inb.place, reply));
    } catch (err) {
      this.failed(a, err, inb, "feedback thanks not sent");
      return "failed";
    }
    return "answered";
  }

  /** Records the reply for the review; a public answer comes back with its vote buttons. */
  private async withFeedback<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    inb: Inbound<P, M>,
    reply: Reply,
    shown: "public" | "private",
    given: string[] | undefined,
  ): Promise<Reply> {
    const feedback = this.options.feedback;
    if (!feedback) return reply;
    const typed = inb.input.kind === "text" ? inb.intro?.text || inb.input.text : null;
    return feedback.onReply({ platform: a.name, reply, typed, shown, ...(given ? { given } : {}) });
  }

  private async deliver<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    place: P,
    inb: Inbound<P, M>,
    outcome: Answered,
  ): Promise<void> {
    const { reply } = outcome;
    if (reply.aspect) this.aspects.set(reply.aspect, (this.aspects.get(reply.aspect) ?? 0) + 1);
    const clicked = inb.clicked;
    if (outcome.stale) {
      const { question, id } = outcome.stale;
      // The pending question may never have been shown (a failed post, a crash after the save):
      // then the click posts it, for everyone in the thread, and it counts as shown from then on.
      // Posts are marked shown once they land; when this process did not post it, another
      // instance may be posting it this very moment (two clicks at once): give it time first.
      const shown = `shown:${id}`;
      if (question && !this.conversations.onceHere(shown)) await sleep(this.options.staleGraceMs ?? 1500);
      if (question && (await this.conversations.once(shown))) {
        if (clicked) await this.cosmetic(a, inb, () => a.edit(place, clicked.message, {}));
        await this.postPublic(a, place, question, true, clicked?.message.id);
        return;
      }
      await this.call(a, () => a.postPrivate(place, reply));
      return;
    }
    if (inb.private || reply.visibility === "asker") {
      await this.withFeedback(a, inb, reply, "private", outcome.given);
      await this.call(a, () => a.postPrivate(place, reply));
      return;
    }
    if (clicked && outcome.moved) {
      // Marking the question answered is cosmetic: the next question is posted whatever happens.
      await this.cosmetic(a, inb, () => a.edit(place, clicked.message, { chosen: clicked.label }));
    }
    const shown = await this.withFeedback(a, inb, reply, "public", outcome.given);
    await this.postPublic(a, place, shown, Boolean(outcome.moved), clicked?.message.id);
    // Shown: a later click on an older question gets a private notice, not this one again.
    if (hasChoices(reply) && outcome.version !== undefined) {
      await this.conversations.once(`shown:${a.keyOf(place)}@${outcome.version}`);
    }
  }

  /** Runs `work` after every earlier turn of the same conversation in this process. */
  private async inOrder<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  /** Posts in place; a new question (or a move of the flow) retires the previous question's buttons. */
  private async postPublic<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    place: P,
    reply: Reply,
    moved: boolean,
    clickedId: string | undefined,
  ): Promise<void> {
    const posted = await this.call(a, () => a.post(place, reply));
    const key = a.keyOf(place);
    if (moved || hasChoices(reply)) {
      const old = this.prompts.take(key, [clickedId, posted.message.id]);
      if (old)
        await this.cosmetic(old.adapter, undefined, () => old.adapter.edit(old.place, old.message, {}));
    }
    if (hasChoices(reply))
      this.prompts.remember(key, { adapter: a, place: posted.thread, message: posted.message });
  }

  /** A slash command whose answer becomes the root of its own thread (Slack). */
  private async openWithAnswer<P, M extends MessageRef>(a: PlatformAdapter<P, M>, inb: Inbound<P, M>) {
    const place = inb.place;
    let failure: { err: unknown } | undefined;
    const outcome = await this.conversations.open(
      { platform: a.name, input: inb.input, eventId: inb.eventId, claimed: true, userId: inb.userId },
      async (reply, given) => {
        if (inb.private || reply.visibility === "asker") {
          await this.withFeedback(a, inb, reply, "private", given);
          await this.call(a, () => a.postPrivate(place, reply));
          return null;
        }
        try {
          const shown = await this.withFeedback(a, inb, reply, "public", given);
          const posted = await this.call(a, () => a.post(place, shown, inb.intro));
          const key = a.keyOf(posted.thread);
          if (hasChoices(reply))
            this.prompts.remember(key, { adapter: a, place: posted.thread, message: posted.message });
          return key;
        } catch (err) {
          failure = { err };
          return null;
        }
      },
    );
    if (outcome.status === "limited") await a.acknowledge(place);
    if (failure) await this.refuse(a, place, inb, failure.err);
    return failure ? "failed" : outcome.status;
  }

  /** The platform refused a post: tell the asker how to fix it when the adapter knows, else apologise. */
  private async refuse<P, M extends MessageRef>(
    a: PlatformAdapter<P, M>,
    place: P,
    inb: Inbound<P, M>,
    err: unknown,
  ) {
    const failure = this.failed(a, err, inb, "could not post");
    if (failure?.kind === "not-allowed" && failure.hint) {
      await this.call(a, () => a.postPrivate(place, notice("cannot-post", failure.hint as string))).catch(
        (e) => this.failed(a, e, inb, "could not tell the asker the bot may not post here"),
      );
      return;
    }
    await this.apologise(a, place, inb);
  }

  private async apologise<P, M extends MessageRef>(a: PlatformAdapter<P, M>, place: P, inb: Inbound<P, M>) {
    try {
      await this.call(a, () => a.postPrivate(place, notice("error", APOLOGY)));
    } catch (err) {
      this.failed(a, err, inb, "apology not sent");
    }
  }

  /** A platform call, retried after a backoff while the platform says it is rate limited. */
  private async call<T>(a: AnyAdapter, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const wait = this.backoffMs[attempt];
        if (a.classify(err)?.kind !== "rate-limited" || wait === undefined) throw err;
        this.options.sink.platform(a.name, "rate-limited", err, "rate limited; retrying", { wait }, "warn");
        await sleep(wait);
      }
    }
  }

  /** Best effort (retiring buttons): a failure is recorded as a warning and the turn goes on. */
  private async cosmetic(
    a: AnyAdapter,
    inb: Inbound<unknown, MessageRef> | undefined,
    fn: () => Promise<void>,
  ) {
    try {
      await this.call(a, fn);
    } catch (err) {
      const failure = a.classify(err);
      const fields = { eventId: inb?.eventId, code: failure?.code };
      if (failure)
        this.options.sink.platform(
          a.name,
          failure.kind,
          err,
          "could not retire a question's buttons",
          fields,
          "warn",
        );
      else
        this.options.sink.report("turn", err, "could not retire a question's buttons", {
          platform: a.name,
          ...fields,
        });
    }
  }

  private failed(a: AnyAdapter, err: unknown, inb: { eventId: string }, message: string) {
    const failure = a.classify(err);
    const fields = { platform: a.name, eventId: inb.eventId, code: failure?.code };
    if (failure) this.options.sink.platform(a.name, failure.kind, err, message, fields);
    else this.options.sink.report("turn", err, message, fields);
    return failure;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
