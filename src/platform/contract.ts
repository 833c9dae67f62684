/**
 * The one contract every chat platform implements (modelled on vercel/chat's `Adapter`): an
 * adapter parses the platform's events into `Inbound` turns and hands them to `dispatch()`; the
 * dispatcher runs the turn and calls back into the adapter to post, edit and post privately.
 * Adapters only translate. Everything a turn needs beyond translation (dedupe, limits, who sees
 * what, stale clicks, retiring buttons, apologies) is the dispatcher's.
 */
import type { TurnInput } from "../engine/input.js";
import type { Reply } from "../reply/model.js";

/** A message the bot posted (or was clicked on), as the adapter needs it to edit it later. */
export interface MessageRef {
  /** Platform message id (Slack `ts`, Discord snowflake), unique within the adapter. */
  readonly id: string;
}

/**
 * Who did what, in words an adapter renders in its own syntax (a Slack mention, a Discord
 * thread starter): `{ user: "U1", says: "asked", text: "jax vs tf" }` → "@alice asked: jax vs tf".
 * `text` is the user's own words, decoded; renderers show it literally, never as markup.
 */
export interface Intro {
  /** The platform's own user id (not namespaced), or undefined when unknown. */
  user: string | undefined;
  /** A short verb phrase: "asked", "asked for a recommendation", "chose". */
  says: string;
  text: string;
}

/** A click on a question: the message it was on and the label the user saw. */
export interface Clicked<M extends MessageRef> {
  message: M;
  label: string;
}

/**
 * One inbound event, parsed. `P` is the adapter's place (channel, thread, and any one-shot
 * handle such as a Discord interaction or a Slack response_url); `M` its message reference.
 */
export interface Inbound<P, M extends MessageRef> {
  /**
   * The platform's delivery id, unique per event (Slack `event_id`, "slack-action:…",
   * "discord:int:<id>"): claimed once for dedupe, and carried on the turn's log line.
   */
  eventId: string;
  /** Redelivery number (Slack `x-slack-retry-num`); absent or 0 for a first delivery. */
  retryNum?: number;
  /** Who typed or clicked, namespaced by platform ("slack:T1:U1", "discord:42"): rate limits. */
  userId: string;
  place: P;
  /**
   * Typed text (decoded from the platform's escaping, bot mentions removed) or a click. Text
   * that is empty after that (an image, a sticker) is ignored: adapters turn a bare mention of
   * the bot into "help" themselves.
   */
  input: TurnInput;
  /** For a click: the clicked message, marked answered when the click moves the flow on. */
  clicked?: Clicked<M>;
  /** Answer only the asker, whatever the reply says (a help command that promises privacy). */
  private?: boolean;
  /**
   * Answer only in a conversation the bot already takes part in (a thread reply that does not
   * mention the bot); otherwise the event is ignored.
   */
  onlyIfActive?: boolean;
  /**
   * Where the conversation starts. "thread": the adapter opens a new thread (its root shows
   * `intro`) and the turn runs there. "answer": the answer itself is posted as a new root message
   * (showing `intro`) and its thread is the conversation. Absent: the conversation of `place`.
   */
  opens?: "thread" | "answer";
  intro?: Intro;
}

/** How a message is edited: its buttons go; the chosen answer shows on it when given. */
export interface MessageEdit {
  chosen?: string;
}

/** What `post` returns: the message, and the place of the conversation it belongs to (or roots). */
export interface Posted<P, M extends MessageRef> {
  message: M;
  thread: P;
}

/**
 * A platform call that failed, as the dispatcher acts on it.
 * - not-allowed: the bot may not post there (not a member, missing permission); `hint` tells
 *   the asker how to fix it.
 * - gone: the message or interaction can no longer be answered or edited (an ephemeral message,
 *   an expired interaction token); the dispatcher carries on without it.
 * - rate-limited: retried after a backoff.
 * - other: logged and counted; the asker gets an apology.
 * Errors that are not the platform's (bugs) are not classified at all: `classify` returns null.
 */
export interface PlatformFailure {
  kind: "not-allowed" | "gone" | "rate-limited" | "other";
  /** The platform's own error code ("not_in_channel", "10062"), for logs and metrics. */
  code?: string;
  hint?: string;
}

/**
 * A platform connection. Implementations live in adapters/ and import only src/index.ts.
 * Every method that talks to the platform may throw; the dispatcher asks `classify` what the
 * error means.
 */
export interface PlatformAdapter<P = unknown, M extends MessageRef = MessageRef> {
  /** "slack", "discord": metrics labels, log fields, /readyz checks. */
  readonly name: string;
  /** The conversation key of a place: one conversation per thread (see each adapter). */
  keyOf(place: P): string;
  /** The place a key names, or null for a key of another platform or a malformed one. */
  placeOf(key: string): P | null;
  /** Posts a reply where `place` says, `intro` above it (a new root message shows who asked). */
  post(place: P, reply: Reply, intro?: Intro): Promise<Posted<P, M>>;
  /**
   * Shows a reply to the asker alone where the platform allows it (Slack ephemeral or
   * response_url, a Discord ephemeral interaction reply); elsewhere it is posted in place.
   */
  postPrivate(place: P, reply: Reply): Promise<void>;
  /** Edits a message the bot posted. */
  edit(place: P, message: M, edit: MessageEdit): Promise<void>;
  /** Opens a thread whose root shows `intro`; returns the thread's place (or `place` itself where threads cannot be). */
  openThread(place: P, intro: Intro): Promise<P>;
  /** Acknowledges an event that gets no reply (a user over the rate limit), where the platform needs one. */
  acknowledge(place: P): Promise<void>;
  /** Called once the event is claimed (never for a duplicate): the adapter may start its acknowledgement clock. */
  claimed?(place: P): void;
  /**
   * What a thrown error means, narrowed by the platform library's error classes; null when it is
   * not a platform error at all (a bug of ours).
   */
  classify(err: unknown): PlatformFailure | null;
  /**
   * Team decisions (issue 13), optional. Replaces the content of a message the bot posted with
   * `reply` (the decision card, edited in place: Slack chat.update, a Discord message edit).
   * `channelKey` is `keyOf` of the place the message was posted in.
   */
  replace?(channelKey: string, messageId: string, reply: Reply): Promise<void>;
  /** Shows a reply holding a form block to the person in `place` alone (a Slack modal, Discord ephemeral menus). */
  openForm?(place: P, reply: Reply): Promise<void>;
  /** Opens a thread on a message just posted (Discord); absent where a post roots one itself (Slack). */
  threadOn?(place: P, message: M, name: string): Promise<P>;
  /** True when the person in `place` may close a decision someone else started (a workspace admin, Manage Threads). */
  mayClose?(place: P): Promise<boolean>;
  /** A link to a message, for lists of records; null when the adapter cannot make one. */
  linkTo?(channelKey: string, messageId: string): Promise<string | null>;
  start(): Promise<void>;
  /** Stops taking events, lets the turns in flight finish (bounded), then disconnects. */
  stop(): Promise<void>;
  /** Connected and able to answer. */
  isReady(): boolean;
  /** The HTTP port it listens on, for an adapter that runs a server (Slack's HTTP mode). */
  readonly port?: number | undefined;
}
