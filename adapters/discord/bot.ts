import { once } from "node:events";
import {
  type APIEmbed,
  type AutocompleteInteraction,
  type ButtonInteraction,
  ChannelType,
  type ChatInputCommandInteraction,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  type Interaction,
  type InteractionEditReplyOptions,
  type Message,
  type MessageCreateOptions,
  MessageFlags,
  type MessageMentionOptions,
  Options,
  Partials,
  Status,
  type StringSelectMenuInteraction,
  ThreadAutoArchiveDuration,
} from "discord.js";
import { choiceInput, type TurnInput, textInput } from "../../src/engine/input.js";
import type { Reply } from "../../src/reply/model.js";
import type { PlatformDeps } from "../platform.js";
import { COMMAND_NAME, COMPARE_OPTIONS, SUBCOMMANDS } from "./commands.js";
import {
  answeredMessage,
  type DiscordMessage,
  renderNotice,
  renderReply,
  SELECT_PREFIX,
  truncate,
} from "./render.js";

/** Nothing the bot posts may ping anyone, even when it echoes a user's @everyone or a role. */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

export const APOLOGY = "Sorry, something went wrong while I was answering. Please try again in a moment.";
const RECOMMEND_INTRO = "Let's find the right fit. I'll ask a few questions in the thread below.";

/** Interactions must be acknowledged within 3 s; past this much work we defer and edit later. */
const DEFAULT_ACK_DEADLINE_MS = 2000;
const MAX_TRACKED_PROMPTS = 1000;

export interface DiscordBotOptions {
  /** Milliseconds of work before an interaction is deferred (tests shorten it). */
  ackDeadlineMs?: number;
  /** How long start() waits for the gateway to become ready. */
  readyTimeoutMs?: number;
}

export interface DiscordBot {
  client: Client;
  start(): Promise<void>;
  stop(): Promise<void>;
  isReady(): boolean;
}

/** The conversation key of a Discord channel or thread (one conversation per thread). */
export const conversationKey = (channelId: string) => `discord:${channelId}`;

/** Wires discord.js events to the conversation service; holds no knowledge of any technology. */
export function createDiscordBot(deps: PlatformDeps, options: DiscordBotOptions = {}): DiscordBot {
  const { config, conversations, knowledge, log } = deps;
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
    // discord.js would otherwise hold the last 200 messages of every channel, its own replies too.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    allowedMentions: NO_PINGS,
    rest: config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {},
  });

  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  let started = false;

  /** The last message per conversation still showing question components, cleared once answered by text. */
  const prompts = new Map<string, { messageId: string; clear: () => Promise<unknown> }>();

  const track = (work: () => Promise<void>) => {
    if (stopping) return;
    const p = work().catch((err) => log.error({ err }, "discord handler failed"));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  const turn = (key: string, input: TurnInput, eventId: string, user: string) =>
    conversations.turn({ platform: "discord", key, input, eventId, userId: `discord:${user}` });

  const rememberPrompt = (key: string, reply: Reply, sent: { id: string }, clear: () => Promise<unknown>) => {
    if (!hasChoices(reply)) return;
    prompts.delete(key);
    prompts.set(key, { messageId: sent.id, clear });
    if (prompts.size > MAX_TRACKED_PROMPTS) {
      const oldest = prompts.keys().next().value;
      if (oldest !== undefined) prompts.delete(oldest);
    }
  };

  /**
   * Best effort: when a new question (or result) supersedes an earlier one that was answered some
   * other way (typed), the earlier message loses its buttons. Side answers leave it alone.
   */
  const retirePrompt = async (key: string, exceptMessageId?: string) => {
    const prompt = prompts.get(key);
    if (!prompt || prompt.messageId === exceptMessageId) return;
    prompts.delete(key);
    await prompt.clear().catch((err) => log.debug({ err }, "could not clear old question components"));
  };

  // ---------------------------------------------------------------- messages

  async function onMessage(message: Message): Promise<void> {
    const me = client.user;
    if (!me || message.author.bot || message.author.id === me.id || message.webhookId || message.system)
      return;
    const isDm = message.channel.type === ChannelType.DM || !message.inGuild();
    const botRole = message.inGuild() ? message.guild.roles.botRoleFor(me) : null;
    const mentioned =
      message.mentions.users.has(me.id) || (botRole !== null && message.mentions.roles.has(botRole.id));
    const key = conversationKey(message.channelId);
    if (!isDm && !mentioned) {
      if (!message.channel.isThread()) return;
      if (!(await conversations.isActive(key))) return;
    }
    if (!message.channel.isSendable()) return;
    const channel = message.channel;
    const send = (payload: DiscordMessage) => {
      const body: MessageCreateOptions = { ...payload, allowedMentions: NO_PINGS };
      return mentioned && !isDm ? message.reply({ ...body, failIfNotExists: false }) : channel.send(body);
    };
    try {
      const text = stripMentions(message.content, me.id, botRole?.id).trim();
      const outcome = await turn(
        key,
        textInput(text || "help"),
        `discord:msg:${message.id}`,
        message.author.id,
      );
      if (outcome.status !== "answered") return;
      if (hasChoices(outcome.reply)) await retirePrompt(key);
      const sent = await send(renderReply(outcome.reply));
      rememberPrompt(key, outcome.reply, sent, () => sent.edit({ components: [] }));
    } catch (err) {
      log.error({ err, channelId: message.channelId, messageId: message.id }, "discord message not answered");
      await send(renderNotice(APOLOGY)).catch((e) => log.error({ err: e }, "discord apology not sent"));
    }
  }

  // ---------------------------------------------------------------- interactions

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return autocomplete(interaction);
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
      return guard(interaction, () => command(interaction));
    }
    if (interaction.isButton() || interaction.isStringSelectMenu()) {
      return guard(interaction, () => component(interaction));
    }
  }

  async function guard(
    interaction: ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (err) {
      log.error({ err, interactionId: interaction.id }, "discord interaction not answered");
      const apology = {
        ...renderNotice(APOLOGY),
        flags: MessageFlags.Ephemeral as const,
        allowedMentions: NO_PINGS,
      };
      try {
        if (interaction.deferred || interaction.replied) await interaction.followUp(apology);
        else await interaction.reply(apology);
      } catch (e) {
        log.error({ err: e }, "discord apology not sent");
      }
    }
  }

  /**
   * Runs `work`, acknowledging within the interaction window: answered directly when it is fast,
   * deferred (and later edited) when it is not.
   */
  async function withDeadline<T>(defer: () => Promise<unknown>, work: () => Promise<T>) {
    let deferral: Promise<unknown> | null = null;
    const timer = setTimeout(() => {
      deferral = defer();
      deferral.catch(() => {});
    }, ackDeadlineMs);
    try {
      const result = await work();
      return { result, deferral: deferral as Promise<unknown> | null };
    } finally {
      clearTimeout(timer);
    }
  }

  async function command(interaction: ChatInputCommandInteraction): Promise<void> {
    const sub = interaction.options.getSubcommand();
    const eventId = `discord:int:${interaction.id}`;
    const key = conversationKey(interaction.channelId);
    switch (sub) {
      case SUBCOMMANDS.ask:
        return answerCommand(
          interaction,
          key,
          interaction.options.getString("question", true),
          eventId,
          false,
        );
      case SUBCOMMANDS.compare: {
        const first = interaction.options.getString(COMPARE_OPTIONS.first, true);
        const second = interaction.options.getString(COMPARE_OPTIONS.second, true);
        const aspect = interaction.options.getString(COMPARE_OPTIONS.aspect);
        const text = `compare ${first} and ${second}${aspect ? ` ${aspect}` : ""}`;
        return answerCommand(interaction, key, text, eventId, false);
      }
      case SUBCOMMANDS.recommend: {
        const description = interaction.options.getString("description")?.trim();
        return recommend(interaction, description ? `recommend ${description}` : "recommend", eventId);
      }
      case SUBCOMMANDS.help:
        // Only the user sees it, so it must not make the channel's conversation "active".
        return answerCommand(interaction, `discord:help:${interaction.user.id}`, "help", eventId, true);
      default:
        await interaction.reply({
          ...renderNotice("I don't know that command."),
          flags: MessageFlags.Ephemeral,
        });
    }
  }

  async function answerCommand(
    interaction: ChatInputCommandInteraction,
    key: string,
    text: string,
    eventId: string,
    ephemeral: boolean,
  ): Promise<void> {
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    const { result: outcome, deferral } = await withDeadline(
      () => interaction.deferReply(flags ? { flags } : {}),
      () => turn(key, textInput(text), eventId, interaction.user.id),
    );
    if (outcome.status === "duplicate") return;
    if (outcome.status === "limited") {
      // Over the rate limit: the one polite notice was already given; acknowledge quietly.
      if (deferral) await deferral.then(() => interaction.deleteReply()).catch(() => {});
      else await interaction.reply({ content: "…", flags: MessageFlags.Ephemeral }).catch(() => {});
      return;
    }
    const payload = renderReply(outcome.reply);
    if (!ephemeral && hasChoices(outcome.reply)) await retirePrompt(key);
    if (deferral) {
      await deferral;
      const sent = await interaction.editReply({ ...payload, allowedMentions: NO_PINGS });
      if (!ephemeral)
        rememberPrompt(key, outcome.reply, sent, () => interaction.editReply({ components: [] }));
    } else {
      const response = await interaction.reply({
        ...payload,
        flags,
        allowedMentions: NO_PINGS,
        withResponse: true,
      });
      const sent = response.resource?.message;
      if (sent && !ephemeral)
        rememberPrompt(key, outcome.reply, sent, () => interaction.editReply({ components: [] }));
    }
  }

  /** Opens a thread from the bot's reply and runs the guided flow there (in place where threads cannot be). */
  async function recommend(
    interaction: ChatInputCommandInteraction,
    text: string,
    eventId: string,
  ): Promise<void> {
    const channel = interaction.channel;
    if (
      !interaction.inGuild() ||
      !channel ||
      (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)
    ) {
      return answerCommand(interaction, conversationKey(interaction.channelId), text, eventId, false);
    }
    const response = await interaction.reply({
      ...renderNotice(RECOMMEND_INTRO),
      allowedMentions: NO_PINGS,
      withResponse: true,
    });
    const starterId = response.resource?.message?.id ?? response.interaction.responseMessageId;
    let threadId: string;
    let post: (payload: DiscordMessage) => Promise<Message>;
    try {
      if (!starterId) throw new Error("interaction response carried no message id");
      const name = truncate(`Recommendation for ${interaction.user.displayName}`, 100);
      const thread = await channel.threads.create({
        startMessage: starterId,
        name,
        autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      });
      threadId = thread.id;
      post = (payload) => thread.send({ ...payload, allowedMentions: NO_PINGS });
    } catch (err) {
      // No permission to create threads (or an old channel type): run the flow right here.
      log.warn(
        { err, channelId: interaction.channelId },
        "could not open a thread; recommending in the channel",
      );
      threadId = interaction.channelId;
      post = (payload) => interaction.followUp({ ...payload, allowedMentions: NO_PINGS });
    }
    const key = conversationKey(threadId);
    const outcome = await turn(key, textInput(text), eventId, interaction.user.id);
    if (outcome.status !== "answered") return;
    const sent = await post(renderReply(outcome.reply));
    rememberPrompt(key, outcome.reply, sent, () => sent.edit({ components: [] }));
  }

  async function component(interaction: ButtonInteraction | StringSelectMenuInteraction): Promise<void> {
    const choiceId = interaction.isStringSelectMenu() ? interaction.values[0] : interaction.customId;
    if (!choiceId || (interaction.isButton() && interaction.customId.startsWith(SELECT_PREFIX))) return;
    const key = conversationKey(interaction.channelId);
    const { result: outcome, deferral } = await withDeadline(
      () => interaction.deferUpdate(),
      () => turn(key, choiceInput(choiceId), `discord:int:${interaction.id}`, interaction.user.id),
    );
    if (outcome.status !== "answered") {
      // A redelivery or a user over the rate limit: acknowledge the click silently.
      if (!deferral && !interaction.deferred && !interaction.replied)
        await interaction.deferUpdate().catch(() => {});
      return;
    }
    const reply = outcome.reply;
    if (reply.visibility === "asker") {
      // The click did not move the flow on (answered first elsewhere, stale, store down): tell only
      // the clicker, leave the question and its buttons alone.
      const note = {
        ...renderReply(reply),
        flags: MessageFlags.Ephemeral as const,
        allowedMentions: NO_PINGS,
      };
      if (deferral) {
        await deferral;
        await interaction.followUp(note);
      } else await interaction.reply(note);
      return;
    }
    const original = {
      content: interaction.message.content,
      embeds: interaction.message.embeds.map((e) => e.toJSON() as APIEmbed),
    };
    const answered = answeredMessage(original, chosenLabel(interaction, choiceId));
    if (deferral) {
      await deferral;
      await interaction.editReply(answered as InteractionEditReplyOptions);
    } else await interaction.update(answered);
    await retirePrompt(key, interaction.message.id);
    const sent = await interaction.followUp({ ...renderReply(reply), allowedMentions: NO_PINGS });
    rememberPrompt(key, reply, sent, () => interaction.editReply({ message: sent.id, components: [] }));
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    try {
      const focused = interaction.options.getFocused(true);
      const dataset = knowledge.dataset;
      const items =
        focused.name === COMPARE_OPTIONS.aspect
          ? dataset.aspects.map((a) => ({ name: a.label, value: a.label, terms: [a.label, a.id] }))
          : dataset.technologies.map((t) => ({
              name: t.name,
              value: t.name,
              terms: [t.name, t.id, ...t.aliases],
            }));
      await interaction.respond(suggest(items, String(focused.value)));
    } catch (err) {
      log.error({ err, interactionId: interaction.id }, "discord autocomplete failed");
      if (!interaction.responded) await interaction.respond([]).catch(() => {});
    }
  }

  // ---------------------------------------------------------------- lifecycle

  client.on(Events.MessageCreate, (message) => track(() => onMessage(message)));
  client.on(Events.InteractionCreate, (interaction) => track(() => onInteraction(interaction)));
  client.on(Events.Error, (err) => log.error({ err }, "discord client error"));
  client.on(Events.ShardError, (err, shardId) => log.warn({ err, shardId }, "discord gateway error"));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, "discord gateway reconnecting"));
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info({ shardId, replayed }, "discord gateway resumed"),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.error({ code: event.code, shardId }, "discord gateway disconnected for good"),
  );
  client.on(Events.Warn, (message) => log.warn({ message }, "discord warning"));

  return {
    client,
    async start() {
      if (started) return;
      if (!config.DISCORD_TOKEN) throw new Error("DISCORD_TOKEN is required to start the Discord bot");
      started = true;
      const ready = once(client, Events.ClientReady, {
        signal: AbortSignal.timeout(options.readyTimeoutMs ?? 60_000),
      });
      ready.catch(() => {});
      await client.login(config.DISCORD_TOKEN);
      await ready;
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "discord bot connected");
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
    isReady() {
      return !stopping && client.isReady() && client.ws.shards.every((s) => s.status === Status.Ready);
    },
  };
}

const hasChoices = (reply: Reply) => reply.blocks.some((b) => b.kind === "choices");

/** Removes mentions of the bot (user or its managed role) from typed text. */
export function stripMentions(content: string, botId: string, botRoleId?: string): string {
  // indexOf and slices rather than replaceAll or a regular expression: this runs on every message,
  // when the process is cold from waiting for it, and those paths cost more than the loop then.
  let text = cut(cut(content, `<@${botId}>`), `<@!${botId}>`);
  if (botRoleId) text = cut(text, `<@&${botRoleId}>`);
  const trimmed = text.trim();
  return singleSpaced(trimmed) ? trimmed : text.replace(/\s+/g, " ").trim();
}

/** `text` with every occurrence of `tag` replaced by a space. */
function cut(text: string, tag: string): string {
  let out = text;
  for (let at = out.indexOf(tag); at >= 0; at = out.indexOf(tag, at)) {
    out = `${out.slice(0, at)} ${out.slice(at + tag.length)}`;
  }
  return out;
}

/** Printable ASCII without double spaces: collapsing whitespace would change nothing. */
function singleSpaced(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126 || (c === 32 && text.charCodeAt(i + 1) === 32)) return false;
  }
  return true;
}

export interface Suggestion {
  name: string;
  value: string;
}

/** Autocomplete: items whose terms start with what was typed first, then those containing it; at most 25. */
export function suggest(
  items: { name: string; value: string; terms: string[] }[],
  typed: string,
): Suggestion[] {
  const q = typed.trim().toLowerCase();
  const ranked = items
    .map((item, index) => {
      const terms = item.terms.map((t) => t.toLowerCase());
      const rank = !q
        ? 0
        : terms.some((t) => t.startsWith(q))
          ? 0
          : terms.some((t) => t.includes(q))
            ? 1
            : -1;
      return { item, index, rank };
    })
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked
    .slice(0, 25)
    .map(({ item }) => ({ name: truncate(item.name, 100), value: truncate(item.value, 100) }));
}

/** The label of the button or option the user picked, as shown on the message. */
function chosenLabel(interaction: ButtonInteraction | StringSelectMenuInteraction, choiceId: string): string {
  for (const row of interaction.message.components) {
    const json = row.toJSON();
    if (json.type !== ComponentType.ActionRow) continue;
    for (const c of json.components) {
      if (c.type === ComponentType.Button && "custom_id" in c && c.custom_id === choiceId && c.label)
        return c.label;
      if (c.type === ComponentType.StringSelect && c.custom_id === interaction.customId) {
        const option = c.options.find((o) => o.value === choiceId);
        if (option) return option.label;
      }
    }
  }
  return choiceId;
}
