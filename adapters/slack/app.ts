import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type BlockAction, type CustomRoute, LogLevel, type webApi } from "@slack/bolt";
import { choiceInput, type TurnInput, textInput } from "../../src/engine/input.js";
import type { PlatformDeps } from "../platform.js";
import {
  ACTION_PREFIX,
  answeredMessage,
  contextBlock,
  decodeSlackEntities,
  escapeMrkdwn,
  plainMessage,
  renderReply,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackMessage,
  truncate,
} from "./blocks.js";
import { boltLogger } from "./bolt-logger.js";
import { parseSlashCommand } from "./commands.js";

export const SLASH_COMMAND = "/stackwise";

const APOLOGY = "Sorry, something went wrong while I was answering. Please try again in a moment.";
const CANNOT_POST =
  "I can't post in this conversation. Invite me with `/invite @Stackwise`, or send me a direct message.";

/** Web API errors that mean "the bot may not post here" (as opposed to a failure worth an apology). */
const NOT_ALLOWED_HERE = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_non_threadable_channel",
  "restricted_action_thread_only_channel",
  "access_denied",
  "team_access_not_granted",
]);

/** Refusals of a slash command that only its user needs to see (not worth a channel message). */
const PRIVATE_REFUSALS = new Set(["rate-limited", "too-long"]);

/** Message subtypes that are still a person writing something new (everything else is ignored). */
const USER_SUBTYPES = new Set([undefined, "thread_broadcast", "file_share"]);

export interface SlackAppOptions {
  /** Extra HTTP routes served next to /slack/events (health, metrics). */
  customRoutes?: CustomRoute[];
  /** Listening port; defaults to config.PORT. 0 picks a free port. */
  port?: number;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: "http" | "socket";
  /**
   * Verifies the token (auth.test), then starts listening (HTTP; `host` narrows the interface)
   * or connecting (Socket Mode).
   */
  start(port?: number, host?: string): Promise<void>;
  /** Stops taking requests and waits (up to a few seconds) for answers in flight. */
  stop(): Promise<void>;
  isReady(): boolean;
  /** The port actually listened on (HTTP mode, once started). */
  readonly port: number | undefined;
  /** The HTTP server (HTTP mode, once started), e.g. to attach more routes. */
  readonly server: Server | undefined;
}

/** Where the bot answers: a channel, and a thread in it (none = top level of a DM). */
interface Place {
  channel: string;
  threadTs: string | undefined;
  key: string;
}

/** The fields of a message event the adapter reads. */
interface IncomingMessage {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  edited?: unknown;
}

/** One conversation per thread; a DM's top level is one conversation too. */
export function conversationKey(team: string, channel: string, threadTs?: string): string {
  return threadTs ? `slack:${team}:${channel}:${threadTs}` : `slack:${team}:${channel}`;
}

/** Direct-message conversation ids start with D. */
export const isDmChannel = (channel: string) => channel.startsWith("D");

/** The user's words for the engine: bot mentions removed, Slack's entity encoding undone. */
export function cleanUserText(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId ? text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), " ") : text;
  return decodeSlackEntities(withoutBot).replace(/\s+/g, " ").trim();
}

export function mentionsBot(text: string, botUserId: string | undefined): boolean {
  return Boolean(botUserId) && text.includes(`<@${botUserId}`);
}

/** Builds the Bolt app wired to the conversation service; nothing listens until start(). */
export function createSlackApp(deps: PlatformDeps, options: SlackAppOptions = {}): SlackApp {
  const { config, conversations } = deps;
  const log = deps.log.child({ platform: "slack" });
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error("SLACK_BOT_TOKEN is required to run the Slack app");
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) {
    throw new Error(
      "SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }
  const clientOptions: webApi.WebClientOptions = {
    // Fail an answer after a few attempts rather than holding it for Bolt's default 30 minutes.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    timeout: 10_000,
  };
  if (config.SLACK_API_URL) {
    clientOptions.slackApiUrl = config.SLACK_API_URL.endsWith("/")
      ? config.SLACK_API_URL
      : `${config.SLACK_API_URL}/`;
  }
  const defaultPort = options.port ?? config.PORT;
  const app = new App({
    token,
    logger: boltLogger(log),
    logLevel: LogLevel.INFO,
    clientOptions,
    deferInitialization: true,
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN, signingSecret: config.SLACK_SIGNING_SECRET }
      : { signingSecret: config.SLACK_SIGNING_SECRET }),
    ...(options.customRoutes ? { customRoutes: options.customRoutes, port: defaultPort } : {}),
  });

  let ready = false;
  let stopping = false;
  let server: Server | undefined;
  const inflight = new Set<Promise<unknown>>();

  /** Runs a handler body, tracked for a graceful stop; errors are logged and apologised for. */
  const guarded = async (what: string, place: Place | undefined, body: () => Promise<void>) => {
    const run = body().catch(async (err: unknown) => {
      log.error({ err, what }, "slack handler failed");
      if (!place) return;
      try {
        await post(place, plainMessage(APOLOGY));
      } catch (postErr) {
        log.error({ err: postErr, what }, "could not post the apology");
      }
    });
    inflight.add(run);
    try {
      await run;
    } finally {
      inflight.delete(run);
    }
  };

  const post = async (place: Place, message: SlackMessage) =>
    app.client.chat.postMessage({
      channel: place.channel,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });

  const update = async (channel: string, ts: string, message: SlackMessage) =>
    app.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });

  /** Shown to one user only (in the thread when there is one); posted in the thread if that fails. */
  const tellUser = async (place: Place, user: string | undefined, message: SlackMessage) => {
    if (user) {
      try {
        await app.client.chat.postEphemeral({
          channel: place.channel,
          user,
          ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
        });
        return;
      } catch (err) {
        log.debug({ err }, "chat.postEphemeral failed; posting in the thread");
      }
    }
    await post(place, message);
  };

  /**
   * One turn, answered in place. Returns false when nothing is posted: a duplicate delivery, or a
   * user over the rate limit who was already told so.
   */
  const answer = async (
    place: Place,
    input: TurnInput,
    who: { eventId?: string; userId?: string },
  ): Promise<boolean> => {
    const outcome = await conversations.turn({ platform: "slack", key: place.key, input, ...who });
    if (outcome.status !== "answered") return false;
    await post(place, renderReply(outcome.reply));
    return true;
  };

  // ---- /stackwise -------------------------------------------------------------------------
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const request = parseSlashCommand(command.text ?? "");
    const team = command.team_id;
    const channel = command.channel_id;
    const user = command.user_id;
    const userId = slackUserId(team, user);
    const say = (text: string) =>
      respond({ response_type: "ephemeral", text: escapeMrkdwn(text) }).catch((err: unknown) =>
        log.error({ err }, "could not respond to the slash command"),
      );

    if (request.kind === "help") {
      await guarded("command:help", undefined, async () => {
        const outcome = await conversations.turn({
          platform: "slack",
          key: `slack:${team}:${channel}:ephemeral:${user}`,
          input: textInput(request.engineText),
          userId,
        });
        if (outcome.status !== "answered") return;
        const message = renderReply(outcome.reply);
        try {
          await app.client.chat.postEphemeral({
            channel,
            user,
            text: message.text,
            blocks: message.blocks,
          });
        } catch (err) {
          // Not a member of this conversation: the response URL works everywhere.
          log.debug({ err }, "chat.postEphemeral failed; using the response URL");
          await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
        }
      });
      return;
    }

    if (request.kind === "ask") {
      // One message in the channel: the answer, for the team to see, saying who asked what. It is
      // the root of the conversation's thread: follow-ups go there.
      const intro = `${mention(user)} asked: ${escapeMrkdwn(request.question)}`;
      await guarded("command:ask", undefined, async () => {
        await conversations.open(
          { platform: "slack", input: textInput(request.engineText), userId },
          async (reply) => {
            if (PRIVATE_REFUSALS.has(reply.intent)) {
              const message = renderReply(reply);
              await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
              return null;
            }
            let posted: Awaited<ReturnType<typeof post>>;
            try {
              posted = await post({ channel, threadTs: undefined, key: "" }, renderReply(reply, { intro }));
            } catch (err) {
              log.warn({ err }, "could not post the slash command's answer");
              await say(notAllowedHere(err) ? CANNOT_POST : APOLOGY);
              return null;
            }
            if (!posted.ts) {
              log.warn("chat.postMessage returned no ts; follow-ups in its thread start afresh");
              return null;
            }
            return conversationKey(team, channel, posted.ts);
          },
        );
      });
      return;
    }

    // A recommendation: a message in the channel announcing it, and the questions in its thread.
    const intro = `${mention(user)} asked for a recommendation${request.description ? `: ${escapeMrkdwn(request.description)}` : ""}`;
    let rootTs: string;
    try {
      const root = await post({ channel, threadTs: undefined, key: "" }, plainIntro(intro));
      if (!root.ts) throw new Error("chat.postMessage returned no ts");
      rootTs = root.ts;
    } catch (err) {
      log.warn({ err }, "could not post the slash command's message");
      await say(notAllowedHere(err) ? CANNOT_POST : APOLOGY);
      return;
    }
    const place: Place = { channel, threadTs: rootTs, key: conversationKey(team, channel, rootTs) };
    await guarded("command:recommend", place, async () => {
      await answer(place, textInput(request.engineText), { userId });
    });
  });

  // ---- @Stackwise in a channel ------------------------------------------------------------
  app.event("app_mention", async ({ event, body, context }) => {
    if (event.bot_id || event.subtype === "bot_message" || event.edited) return;
    const team = body.team_id ?? context.teamId ?? "";
    const threadTs = event.thread_ts ?? event.ts;
    const place: Place = {
      channel: event.channel,
      threadTs,
      key: conversationKey(team, event.channel, threadTs),
    };
    const text = cleanUserText(event.text ?? "", context.botUserId) || "help";
    const userId = event.user ? slackUserId(team, event.user) : undefined;
    await guarded("app_mention", place, async () => {
      await answer(place, textInput(text), { eventId: body.event_id, userId });
    });
  });

  // ---- messages: DMs, and threads the bot takes part in -----------------------------------
  app.event("message", async ({ event, body, context }) => {
    const message = event as unknown as IncomingMessage;
    if (!USER_SUBTYPES.has(message.subtype) || message.bot_id || !message.user || message.edited) return;
    const raw = message.text ?? "";
    const team = body.team_id ?? context.teamId ?? "";
    const dm = message.channel_type === "im";
    // Outside DMs a mention also arrives as app_mention: answer it there, once.
    if (!dm && mentionsBot(raw, context.botUserId)) return;
    let place: Place;
    if (dm) {
      place = {
        channel: message.channel,
        threadTs: message.thread_ts,
        key: conversationKey(team, message.channel, message.thread_ts),
      };
    } else {
      if (!message.thread_ts) return;
      place = {
        channel: message.channel,
        threadTs: message.thread_ts,
        key: conversationKey(team, message.channel, message.thread_ts),
      };
      if (!(await conversations.isActive(place.key))) return;
    }
    const text = cleanUserText(raw, context.botUserId);
    if (!text) return;
    const userId = slackUserId(team, message.user);
    await guarded("message", place, async () => {
      await answer(place, textInput(text), { eventId: body.event_id, userId });
    });
  });

  // ---- a click on a choice ----------------------------------------------------------------
  app.action<BlockAction>(
    { type: "block_actions", action_id: new RegExp(`^${ACTION_PREFIX}`) },
    async (args) => {
      const { ack, body, action } = args;
      await ack();
      const chosen = readChoice(action);
      const channel = body.channel?.id ?? body.container?.channel_id;
      const messageTs: string | undefined = body.container?.message_ts ?? body.message?.ts;
      if (!chosen || !channel || !messageTs) {
        log.warn({ actionType: action.type }, "ignored an action without a choice, channel or message");
        return;
      }
      const team = body.team?.id ?? args.context.teamId ?? "";
      const threadTs: string | undefined = body.message?.thread_ts;
      // A question at a DM's top level belongs to the DM conversation; anywhere else, to its thread.
      const rootTs = threadTs ?? (isDmChannel(channel) ? undefined : messageTs);
      const place: Place = { channel, threadTs: rootTs, key: conversationKey(team, channel, rootTs) };
      const user: string | undefined = body.user?.id;
      await guarded("block_action", place, async () => {
        const outcome = await conversations.turn({
          platform: "slack",
          key: place.key,
          input: choiceInput(chosen.id),
          eventId: `slack-action:${channel}:${messageTs}:${"action_ts" in action ? action.action_ts : ""}`,
          ...(user ? { userId: slackUserId(team, user) } : {}),
        });
        if (outcome.status !== "answered") return;
        const reply = renderReply(outcome.reply);
        if (outcome.reply.visibility === "asker") {
          await tellUser(place, user, reply);
          return;
        }
        const blocks = (body.message?.blocks ?? []) as SlackBlock[];
        await update(channel, messageTs, answeredMessage(blocks, chosen.label, user));
        await post(place, reply);
      });
    },
  );

  app.error(async (err) => {
    log.error({ err }, "unhandled Slack error");
  });

  return {
    app,
    mode: socketMode ? "socket" : "http",
    async start(port = defaultPort, host?: string) {
      stopping = false;
      try {
        await app.init();
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
        throw new Error(`Slack rejected the bot token (auth.test: ${code})`);
      }
      const started = (await (host && !socketMode ? app.start({ port, host }) : app.start(port))) as unknown;
      if (!socketMode) server = started as Server;
      ready = true;
      log.info({ mode: socketMode ? "socket" : "http", port: this.port }, "slack adapter started");
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      ready = false;
      try {
        await app.stop();
      } catch (err) {
        log.warn({ err }, "stopping the Slack receiver failed");
      }
      server = undefined;
      const pending = Promise.allSettled([...inflight]);
      await Promise.race([pending, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
    isReady: () => ready,
    get port() {
      const address = server?.address();
      return address && typeof address === "object" ? (address as AddressInfo).port : undefined;
    },
    get server() {
      return server;
    },
  };
}

/** Who did something, as Slack's per-workspace user id, namespaced for rate limits: "slack:T1:U1". */
export function slackUserId(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** A mention of the user who ran a command (ids from the signed payload; anything odd is not echoed). */
function mention(user: string): string {
  return /^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : "Someone";
}

function notAllowedHere(err: unknown): boolean {
  const code = (err as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === "string" && NOT_ALLOWED_HERE.has(code);
}

/** The message a recommendation command posts first: who asked for what. */
function plainIntro(intro: string): SlackMessage {
  return { text: truncate(intro, SLACK_LIMITS.fallbackText), blocks: [contextBlock(intro)] };
}

/** The choice id and its label from a button or menu action. */
function readChoice(action: BlockAction["actions"][number]): { id: string; label: string } | null {
  if (action.type === "button" && typeof action.value === "string") {
    return { id: action.value, label: action.text?.text ?? action.value };
  }
  if (action.type === "static_select" && action.selected_option) {
    return { id: action.selected_option.value, label: action.selected_option.text.text };
  }
  return null;
}
