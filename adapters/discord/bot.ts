/**
 * The Discord adapter: discord.js events parsed into turns for the dispatcher, replies through
 * DiscordOutbound. The gateway is screened for malformed dispatches before discord.js reads them.
 */
import { once } from "node:events";
import {
  type ButtonInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  Options,
  Partials,
  Status,
} from "discord.js";
import type { AdapterDeps, PlatformAdapter } from "../../src/index.js";
import { Ack } from "./ack.js";
import { autocomplete } from "./autocomplete.js";
import { COMMAND_NAME } from "./commands.js";
import type { DiscordEnv } from "./config.js";
import { DiscordDecisions } from "./decision-outbound.js";
import { parseDecisionInteraction } from "./decision-parse.js";
import { isFeedbackButton, NOTE_ID, noteModal, parseNote, parseVote } from "./feedback.js";
import { screenGateway } from "./guard.js";
import { DiscordOutbound, NO_PINGS } from "./outbound.js";
import {
  conversationKey,
  type DiscordInbound,
  type DiscordPlace,
  type DiscordRef,
  parseClick,
  parseCommand,
  parseMessage,
  placeOfKey,
} from "./parse.js";

/** Interactions must be acknowledged within 3 s; past this much work we defer and edit later. */
const DEFAULT_ACK_DEADLINE_MS = 2000;

/** Knobs of the Discord adapter that only tests and benchmarks turn. */
export interface DiscordBotOptions {
  /** Milliseconds of work before an interaction is deferred (tests shorten it). */
  ackDeadlineMs?: number;
  /** How long start() waits for the gateway to become ready. */
  readyTimeoutMs?: number;
}

/** The Discord platform: the contract's methods, plus the discord.js client for tests. */
export interface DiscordBot extends PlatformAdapter<DiscordPlace, DiscordRef> {
  readonly client: Client;
}

/** One warning per process: a mention with no text means the Message Content intent is missing. */
let warnedAboutIntent = false;

/** Builds the Discord adapter; nothing connects until start(). */
export function createDiscordBot(
  deps: AdapterDeps,
  env: DiscordEnv,
  options: DiscordBotOptions = {},
): DiscordBot {
  const log = deps.log.child({ platform: "discord" });
  const ackDeadlineMs = options.ackDeadlineMs ?? DEFAULT_ACK_DEADLINE_MS;
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    partials: [Partials.Channel, Partials.Message],
    // The bot never looks a message up: it answers the one it was given and keeps what it sent.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    allowedMentions: NO_PINGS,
    rest: {
      ...(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}),
      // A 429 without Retry-After would be retried at once, in a loop: the dispatcher backs off instead.
      rejectOnRateLimit: (limit) => limit.retryAfter <= 0,
    },
  });
  const out = new DiscordOutbound(client);
  const decisions = new DiscordDecisions(client);
  let stopping = false;
  let started = false;

  const dispatch = async (inbound: DiscordInbound | null) => {
    if (inbound && !stopping) await deps.dispatcher.dispatch(bot, inbound);
  };
  const ack = (i: ConstructorParameters<typeof Ack>[0], privately: boolean) =>
    new Ack(i, privately, (err) =>
      deps.sink.platform("discord", "gone", err, "could not defer an interaction", {}, "warn"),
    );

  async function onMessage(message: Message): Promise<void> {
    const me = client.user;
    if (!me || message.author.bot || message.author.id === me.id || message.webhookId || message.system)
      return;
    const botRole = message.inGuild() ? message.guild.roles.botRoleFor(me) : null;
    if (!message.content.trim() && message.mentions.users.has(me.id) && !warnedAboutIntent) {
      warnedAboutIntent = true;
      log.warn("a mention arrived with no content: the Message Content intent is probably not enabled");
    }
    await dispatch(parseMessage(message, me.id, botRole?.id));
  }

  async function onInteraction(i: Interaction): Promise<void> {
    if (i.isAutocomplete()) {
      await autocomplete(i, deps.knowledge, () => deps.dispatcher.askedAspects()).catch((err: unknown) =>
        deps.sink.platform(
          "discord",
          out.classify(err)?.kind ?? "other",
          err,
          "autocomplete failed",
          {},
          "warn",
        ),
      );
      return;
    }
    const decision = stopping ? null : parseDecisionInteraction(i, COMMAND_NAME, ack);
    if (decision) return void (await deps.dispatcher.decide(bot, decision));
    if (i.isChatInputCommand() && i.commandName === COMMAND_NAME) {
      const privately = (i.options.getSubcommand(false) ?? "help") === "help";
      return dispatch(parseCommand(i, ack(i, privately)));
    }
    if (i.isButton() && isFeedbackButton(i.customId)) return onFeedbackButton(i);
    if (i.isModalSubmit()) {
      const note = parseNote(i, ack(i, true));
      if (note && !stopping) await deps.dispatcher.feedback(bot, note);
      return;
    }
    if (i.isButton() || i.isStringSelectMenu()) return dispatch(parseClick(i, ack(i, false)));
  }

  /** A vote goes to the dispatcher; "What was wrong?" opens the note modal (its one response). */
  async function onFeedbackButton(i: ButtonInteraction): Promise<void> {
    if (stopping) return;
    if (i.customId.startsWith(NOTE_ID)) {
      await i
        .showModal(noteModal(i.customId.slice(NOTE_ID.length)))
        .catch((err: unknown) =>
          deps.sink.platform(
            "discord",
            out.classify(err)?.kind ?? "other",
            err,
            "could not open the feedback modal",
            {},
            "warn",
          ),
        );
      return;
    }
    const vote = parseVote(i, ack(i, true));
    if (vote) await deps.dispatcher.feedback(bot, vote);
  }

  const guarded = (what: string, work: () => Promise<void>) =>
    work().catch((err: unknown) =>
      deps.sink.report("unhandled", err, `discord ${what} not handled`, { platform: "discord" }),
    );

  screenGateway(client, (type, problem) =>
    deps.sink.report(
      "malformed_event",
      new Error(`malformed ${type}: ${problem}`),
      "dropped a malformed Discord dispatch",
    ),
  );
  client.on(Events.MessageCreate, (message) => void guarded("message", () => onMessage(message)));
  client.on(Events.InteractionCreate, (i) => void guarded("interaction", () => onInteraction(i)));
  client.on(Events.Error, (err) =>
    deps.sink.report("unhandled", err, "discord client error", { platform: "discord" }),
  );
  client.on(Events.ShardError, (err, shardId) => log.warn({ err, shardId }, "discord gateway error"));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, "discord gateway reconnecting"));
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info({ shardId, replayed }, "discord gateway resumed"),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.error({ code: event.code, shardId }, "discord gateway disconnected for good"),
  );
  client.on(Events.Warn, (message) => log.warn({ message }, "discord warning"));

  const bot: DiscordBot = {
    name: "discord",
    client,
    keyOf: conversationKey,
    placeOf: placeOfKey,
    post: (place, reply) => out.post(place, reply),
    // A form's own answer (thanks, closed) replaces the form, so its buttons go with it.
    postPrivate: (place, reply) =>
      place.formUpdate ? decisions.closeForm(place, reply) : out.postPrivate(place, reply),
    edit: (place, message, edit) => out.edit(place, message, edit),
    openThread: (place, intro) => out.openThread(place, intro),
    acknowledge: (place) => out.acknowledge(place),
    claimed: (place) => place.ack?.start(ackDeadlineMs),
    classify: (err) => out.classify(err),
    replace: (channelKey, id, reply) => decisions.replace(channelKey, id, reply),
    openForm: (place, reply) => decisions.openForm(place, reply),
    threadOn: (place, message, name) => decisions.threadOn(place, message, name),
    mayClose: (place) => decisions.mayClose(place),
    linkTo: (channelKey, id) => decisions.linkTo(channelKey, id),
    async start() {
      if (started) return;
      if (!env.DISCORD_TOKEN) throw new Error("DISCORD_TOKEN is required to start the Discord bot");
      started = true;
      const ready = once(client, Events.ClientReady, {
        signal: AbortSignal.timeout(options.readyTimeoutMs ?? 60_000),
      });
      ready.catch(() => {});
      await client.login(env.DISCORD_TOKEN);
      await ready;
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "discord bot connected");
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      // Replies in flight still need REST: the client goes once they are done (bounded).
      await deps.dispatcher.drain(deps.config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
      await client.destroy();
    },
    isReady: () => !stopping && client.isReady() && client.ws.shards.every((s) => s.status === Status.Ready),
  };
  return bot;
}
