/**
 * A local stand-in for Discord: REST under /api/v10 and a gateway speaking the real protocol
 * (HELLO, IDENTIFY/READY, GUILD_CREATE, heartbeats, sequence numbers, RESUME/RESUMED), on one
 * 127.0.0.1 port. It lets the real discord.js client run against it and records what it sends.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every shape are recorded as they came.
export type Json = any;

export interface RestCall {
  method: string;
  /** Path after /api/v10, e.g. "/channels/1/messages". */
  path: string;
  query: URLSearchParams;
  body: Json;
  /** performance.now() when the request was complete. */
  at: number;
  status?: number;
  /** The JSON the fake answered with (the message the bot created, for instance). */
  response?: Json;
}

export interface GatewayOp {
  op: number;
  d: Json;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
  payload: Json;
}

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/**
 * A fresh, distinct snowflake (BigInt arithmetic: Number would collapse neighbouring ids), made
 * `ageMs` ago: Discord ids carry their creation time.
 */
export function snowflake(ageMs = 0): string {
  increment = (increment + 1n) & 0x3fffffn;
  return (((BigInt(Date.now() - ageMs) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** When a snowflake was made (ms since the epoch). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/**
 * An interaction must get its first response within 3 s of its creation, and only one:
 * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
export const INTERACTION_WINDOW_MS = 3000;

/** Every permission bit a member could need in tests. */
const ALL_PERMISSIONS = "2251799813685247";

export interface DiscordFakeOptions {
  heartbeatIntervalMs?: number;
  /** Dispatch MESSAGE_CREATE for messages the bot posts, as Discord does (default true). */
  echoOwnMessages?: boolean;
}

export class DiscordFake {
  readonly applicationId = snowflake();
  readonly botUser = {
    id: this.applicationId,
    username: "Stackwise",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  readonly human = {
    id: snowflake(),
    username: "alice",
    discriminator: "0",
    global_name: "Alice",
    avatar: null,
  };
  readonly otherBot = {
    id: snowflake(),
    username: "OtherBot",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  readonly guildId = snowflake();
  readonly botRoleId = snowflake();
  readonly textChannelId = snowflake();
  readonly dmChannelId = snowflake();
  /** A public thread under the text channel that exists from the start (the bot has not spoken there). */
  readonly threadChannelId = snowflake();

  readonly calls: RestCall[] = [];
  readonly received: GatewayOp[] = [];
  readonly interactions = new Map<string, DispatchedInteraction>();
  private failures: {
    predicate: (call: RestCall) => boolean;
    status: number;
    headers?: Record<string, string>;
  }[] = [];
  /**
   * Message edits allowed per channel in `windowMs` before PATCH answers 429 with retry_after,
   * as Discord's per-route bucket does (5 per 5 s for a channel's messages).
   */
  editLimit = { limit: 5, windowMs: 5000 };
  /** Edits refused with 429 so far. */
  rateLimited = 0;
  private readonly editTimes = new Map<string, number[]>();
  /** Interactions that got their one response. */
  private readonly acknowledged = new Set<string>();

  private readonly events = new EventEmitter();
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private port = 0;
  private socket: WebSocket | null = null;
  private authenticated = false;
  private sessionId: string | null = null;
  private seq = 0;
  /** Every dispatch of the session, for RESUME replays. */
  private log: { s: number; t: string; d: Json }[] = [];
  private readonly messages = new Map<string, Json>();
  private readonly channels = new Map<string, Json>();
  /** Interaction token -> id of the message "@original" refers to. */
  private readonly originals = new Map<string, string>();
  private readonly heartbeatIntervalMs: number;
  private readonly echoOwnMessages: boolean;

  constructor(options: DiscordFakeOptions = {}) {
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.echoOwnMessages = options.echoOwnMessages ?? true;
    this.events.setMaxListeners(0);
    this.channels.set(this.textChannelId, {
      id: this.textChannelId,
      type: 0,
      guild_id: this.guildId,
      name: "general",
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
    });
    this.channels.set(this.threadChannelId, {
      id: this.threadChannelId,
      type: 11,
      guild_id: this.guildId,
      parent_id: this.textChannelId,
      owner_id: this.human.id,
      name: "a thread",
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    });
    this.channels.set(this.dmChannelId, {
      id: this.dmChannelId,
      type: 1,
      recipients: [this.human],
      last_message_id: null,
    });
    this.http = createServer((req, res) => {
      this.handleHttp(req, res).catch((err) => {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ message: String(err), code: 0 }));
      });
    });
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on("connection", (ws) => this.onConnection(ws));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.http.listen(0, "127.0.0.1", resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** For `rest.api` / DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Index to pass as `since` so a wait only considers later calls. */
  mark(): number {
    return this.calls.length;
  }

  waitForCall(
    predicate: (call: RestCall) => boolean,
    options: { timeout?: number; since?: number } = {},
  ): Promise<RestCall> {
    return this.waitFor(this.calls, "call", predicate, options);
  }

  waitForOp(op: number, options: { timeout?: number; since?: number } = {}): Promise<GatewayOp> {
    return this.waitFor(this.received, "op", (o) => o.op === op, options);
  }

  private waitFor<T>(
    list: T[],
    event: string,
    predicate: (item: T) => boolean,
    { timeout = 5000, since = 0 }: { timeout?: number; since?: number },
  ): Promise<T> {
    const found = list.slice(since).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onItem = (item: T) => {
        if (!predicate(item)) return;
        clearTimeout(timer);
        this.events.off(event, onItem);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.events.off(event, onItem);
        reject(new Error(`timed out after ${timeout} ms waiting for a matching ${event}`));
      }, timeout);
      this.events.on(event, onItem);
    });
  }

  /**
   * The next REST call matching `predicate` fails with `status` (400: Discord's "Invalid Form
   * Body"; 429: a rate limit, sent with the given headers, e.g. none at all instead of Retry-After).
   */
  failNext(predicate: (call: RestCall) => boolean, status = 400, headers?: Record<string, string>): void {
    this.failures.push({ predicate, status, ...(headers ? { headers } : {}) });
  }

  /** A human user of the guild (an extra member, for tests with many askers). */
  user(n: number): Json {
    return {
      id: snowflake(),
      username: `user${n}`,
      discriminator: "0",
      global_name: `User ${n}`,
      avatar: null,
    };
  }

  /** The message an interaction's response created (or updated), as users see it now. */
  responseTo(interaction: DispatchedInteraction): Json {
    return this.original(interaction.token);
  }

  /** The message an interaction's response created (its "@original"), as the fake stores it. */
  original(token: string): Json {
    const id = this.originals.get(token);
    return id ? this.messages.get(id) : undefined;
  }

  /** A message as the fake stores it (the bot's own, as posted). */
  message(id: string): Json {
    return this.messages.get(id);
  }

  // ------------------------------------------------------------------ gateway

  private onConnection(ws: WebSocket): void {
    this.socket?.terminate();
    this.socket = ws;
    this.authenticated = false;
    ws.on("message", (raw) => this.onGatewayMessage(ws, String(raw)));
    ws.on("close", () => {
      if (this.socket === ws) {
        this.socket = null;
        this.authenticated = false;
      }
    });
    this.send(ws, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
  }

  private onGatewayMessage(ws: WebSocket, raw: string): void {
    const payload = JSON.parse(raw) as GatewayOp;
    this.received.push(payload);
    this.events.emit("op", payload);
    switch (payload.op) {
      case 1:
        this.send(ws, { op: 11, d: null, s: null, t: null });
        break;
      case 2:
        this.identify();
        break;
      case 6:
        this.resume(ws, payload.d);
        break;
      default:
        break;
    }
  }

  private identify(): void {
    this.sessionId = snowflake();
    this.seq = 0;
    this.log = [];
    this.authenticated = true;
    this.dispatch("READY", {
      v: 10,
      user: this.botUser,
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    this.dispatch("GUILD_CREATE", this.guildPayload());
  }

  private resume(ws: WebSocket, d: { session_id: string; seq: number }): void {
    if (!this.sessionId || d.session_id !== this.sessionId) {
      this.send(ws, { op: 9, d: false, s: null, t: null });
      return;
    }
    this.authenticated = true;
    for (const event of this.log) if (event.s > d.seq) this.send(ws, { op: 0, ...event });
    this.dispatch("RESUMED", null);
  }

  private send(ws: WebSocket, payload: Json): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  /** Sends a dispatch now, or keeps it for the RESUME replay while the bot is disconnected. */
  dispatch(t: string, d: Json): number {
    const s = ++this.seq;
    this.log.push({ s, t, d });
    if (this.socket && this.authenticated) this.send(this.socket, { op: 0, s, t, d });
    return s;
  }

  /** Drops the gateway connection from the server side: a close code (4000 = unknown error) or an abrupt cut. */
  disconnect(how: { code: number } | "terminate" = { code: 4000 }): void {
    const ws = this.socket;
    this.socket = null;
    this.authenticated = false;
    if (!ws) return;
    if (how === "terminate") ws.terminate();
    else ws.close(how.code, "fake gateway closed the connection");
  }

  private guildPayload(): Json {
    const now = new Date().toISOString();
    return {
      id: this.guildId,
      name: "Test Guild",
      icon: null,
      owner_id: this.human.id,
      unavailable: false,
      large: false,
      member_count: 2,
      joined_at: now,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      preferred_locale: "en-US",
      system_channel_id: null,
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        {
          id: this.guildId,
          name: "@everyone",
          permissions: "1071698660929",
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
        {
          id: this.botRoleId,
          name: "Stackwise",
          permissions: "326417591360",
          position: 1,
          color: 0,
          hoist: false,
          managed: true,
          mentionable: false,
          flags: 0,
          tags: { bot_id: this.botUser.id },
        },
      ],
      channels: [...this.channels.values()].filter((c) => c.guild_id === this.guildId && c.type !== 11),
      threads: [...this.channels.values()].filter((c) => c.guild_id === this.guildId && c.type === 11),
      members: [
        { user: this.botUser, roles: [this.botRoleId], joined_at: now, deaf: false, mute: false, flags: 0 },
        { user: this.human, roles: [], joined_at: now, deaf: false, mute: false, flags: 0 },
      ],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ------------------------------------------------------------------ dispatch helpers

  /** A user's message arriving over the gateway. Mentions of the bot (`<@id>`) are filled in from the content. */
  messageCreate(options: {
    content: string;
    channelId?: string;
    author?: Json;
    /** 0 guild text, 1 DM, 11 public thread; defaults from the channel. */
    channelType?: number;
    /** A given id, to deliver the same message twice (as to two instances). */
    id?: string;
    /** Mentions the bot whatever the content says (Discord sends mentions even without content). */
    mentionsBot?: boolean;
  }): Json {
    const channelId = options.channelId ?? this.textChannelId;
    const channel = this.channels.get(channelId);
    const channelType = options.channelType ?? channel?.type ?? 0;
    const author = options.author ?? this.human;
    const inGuild = channelType !== 1;
    const users = [this.botUser, this.human, this.otherBot].filter(
      (u) => new RegExp(`<@!?${u.id}>`).test(options.content) || (u === this.botUser && options.mentionsBot),
    );
    const message = {
      ...this.messageObject({ channelId, author, content: options.content, id: options.id }),
      mentions: users,
      mention_roles: options.content.includes(`<@&${this.botRoleId}>`) ? [this.botRoleId] : [],
      mention_everyone: /@(everyone|here)/.test(options.content),
      channel_type: channelType,
      ...(inGuild
        ? {
            guild_id: this.guildId,
            member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false },
          }
        : {}),
    };
    this.dispatch("MESSAGE_CREATE", message);
    return message;
  }

  private interactionBase(type: number, channelId: string, user: Json = this.human, ageMs = 0): Json {
    const id = snowflake(ageMs);
    const token = `token-${id}`;
    const channel = this.channels.get(channelId) ?? { id: channelId, type: 0, guild_id: this.guildId };
    const dm = channel.type === 1;
    return {
      id,
      token,
      application_id: this.applicationId,
      type,
      version: 1,
      app_permissions: ALL_PERMISSIONS,
      locale: "en-US",
      entitlements: [],
      attachment_size_limit: 10485760,
      channel,
      channel_id: channelId,
      ...(dm
        ? { user, context: 1, authorizing_integration_owners: { "0": this.guildId } }
        : {
            guild_id: this.guildId,
            guild_locale: "en-US",
            context: 0,
            authorizing_integration_owners: { "0": this.guildId },
            member: {
              user,
              roles: [],
              permissions: ALL_PERMISSIONS,
              joined_at: new Date().toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
              nick: null,
              avatar: null,
              premium_since: null,
              pending: false,
            },
          }),
    };
  }

  /** An interaction payload as `build` leaves it (fields removed or broken), dispatched as is. */
  rawInteraction(type: number, build: (payload: Json) => void): DispatchedInteraction {
    const payload = this.interactionBase(type, this.textChannelId);
    build(payload);
    return this.sendInteraction(payload);
  }

  /** The same INTERACTION_CREATE again (same id and token), as a duplicate delivery. */
  redeliver(interaction: DispatchedInteraction): void {
    this.dispatch("INTERACTION_CREATE", interaction.payload);
  }

  private sendInteraction(payload: Json, messageId?: string): DispatchedInteraction {
    const interaction = { id: payload.id, token: payload.token, payload };
    this.interactions.set(payload.token, interaction);
    if (messageId) this.originals.set(payload.token, messageId);
    this.dispatch("INTERACTION_CREATE", payload);
    return interaction;
  }

  /** `/stackwise <subcommand> option:value...` (type 2, chat input), by `user` (default: the human). */
  slashCommand(
    subcommand: string,
    options: Record<string, string> = {},
    channelId = this.textChannelId,
    user: Json = this.human,
  ) {
    const payload = this.interactionBase(2, channelId, user);
    payload.data = {
      id: snowflake(),
      name: "stackwise",
      type: 1,
      ...(payload.guild_id ? { guild_id: this.guildId } : {}),
      options: [
        {
          type: 1,
          name: subcommand,
          options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value })),
        },
      ],
    };
    return this.sendInteraction(payload);
  }

  /**
   * A message command (type 2 interaction, command type 3) run on `target`, a message in the
   * text channel: https://discord.com/developers/docs/interactions/application-commands#message-commands
   */
  messageCommand(name: string, target: Json, user: Json = this.human) {
    const payload = this.interactionBase(2, target.channel_id ?? this.textChannelId, user);
    payload.data = {
      id: snowflake(),
      name,
      type: 3,
      guild_id: this.guildId,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    };
    return this.sendInteraction(payload);
  }

  /** Autocomplete (type 4) while the user types into `focused` of a subcommand. */
  autocomplete(subcommand: string, focused: string, typed: string, others: Record<string, string> = {}) {
    const payload = this.interactionBase(4, this.textChannelId);
    payload.data = {
      id: snowflake(),
      name: "stackwise",
      type: 1,
      guild_id: this.guildId,
      options: [
        {
          type: 1,
          name: subcommand,
          options: [
            ...Object.entries(others).map(([name, value]) => ({ type: 3, name, value })),
            { type: 3, name: focused, value: typed, focused: true },
          ],
        },
      ],
    };
    return this.sendInteraction(payload);
  }

  /**
   * A click on a button (component_type 2) or a choice in a string select (3) of a message the bot
   * sent. `ageMs`: the click was made that long ago (it reaches the bot late).
   */
  component(
    message: Json,
    customId: string,
    values?: string[],
    options: { ageMs?: number; user?: Json; permissions?: string } = {},
  ) {
    const payload = this.interactionBase(
      3,
      message.channel_id,
      options.user ?? this.human,
      options.ageMs ?? 0,
    );
    if (options.permissions !== undefined && payload.member) payload.member.permissions = options.permissions;
    payload.message = message;
    payload.data = values
      ? { custom_id: customId, component_type: 3, values }
      : { custom_id: customId, component_type: 2 };
    return this.sendInteraction(payload, message.id);
  }

  /**
   * Submits a modal the bot showed from a button of `message` (type 5, MODAL_SUBMIT): `fields`
   * fills its text inputs by custom id, each inside a Label, as Discord sends them
   * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-modal-submit-data-structure).
   */
  modalSubmit(message: Json, customId: string, fields: Record<string, string>, user: Json = this.human) {
    const payload = this.interactionBase(5, message.channel_id, user);
    payload.message = message;
    payload.data = {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value], i) => ({
        type: 18,
        id: i * 2 + 1,
        component: { type: 4, id: i * 2 + 2, custom_id: id, value },
      })),
    };
    return this.sendInteraction(payload, message.id);
  }

  // ------------------------------------------------------------------ REST

  private messageObject(o: {
    channelId: string;
    author: Json;
    content?: string;
    embeds?: Json[];
    components?: Json[];
    id?: string;
  }): Json {
    const channel = this.channels.get(o.channelId);
    return {
      id: o.id ?? snowflake(),
      type: 0,
      channel_id: o.channelId,
      ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
      author: o.author,
      content: o.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: o.embeds ?? [],
      components: o.components ?? [],
      pinned: false,
      flags: 0,
    };
  }

  /** Stores a message the bot created and, like Discord, echoes it over the gateway. */
  private created(message: Json): Json {
    this.messages.set(message.id, message);
    if (this.echoOwnMessages && message.flags !== 64) {
      const channel = this.channels.get(message.channel_id);
      this.dispatch("MESSAGE_CREATE", { ...message, channel_type: channel?.type ?? 0 });
    }
    return message;
  }

  private edited(id: string, data: Json, fallbackChannel?: string): Json {
    const old =
      this.messages.get(id) ??
      this.messageObject({ id, channelId: fallbackChannel ?? "0", author: this.botUser });
    const next = { ...old, edited_timestamp: new Date().toISOString() };
    for (const key of ["content", "embeds", "components", "flags"])
      if (data && key in data) next[key] = data[key];
    this.messages.set(id, next);
    return next;
  }

  private bodyMessage(channelId: string, body: Json, extra: Json = {}): Json {
    const message = this.messageObject({
      channelId,
      author: this.botUser,
      content: body?.content,
      embeds: body?.embeds,
      components: body?.components,
    });
    if (body?.message_reference) {
      message.type = 19;
      message.message_reference = { ...body.message_reference, channel_id: channelId };
    }
    if (body?.flags) message.flags = body.flags;
    return { ...message, ...extra };
  }

  /** An interaction's webhook (follow-ups, edits of the response) exists once it was acknowledged. */
  private webhookLive(token: string): boolean {
    const interaction = this.interactions.get(token);
    return interaction !== undefined && this.acknowledged.has(interaction.id);
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    let body: Json = null;
    if (raw && String(req.headers["content-type"] ?? "").includes("json")) body = JSON.parse(raw);
    else if (raw) body = raw;
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, "");
    const call: RestCall = { method, path, query: url.searchParams, body, at: performance.now() };
    const record = (status: number, data?: Json) => {
      call.status = status;
      call.response = data;
      this.calls.push(call);
      this.events.emit("call", call);
    };
    const json = (status: number, data: Json) => {
      record(status, data);
      res.statusCode = status;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(data));
    };
    const empty = () => {
      record(204);
      // Discord's 204: no body and no content-type (an empty JSON body would break the client's parse).
      res.statusCode = 204;
      res.end();
    };
    const failure = this.failures.findIndex((f) => f.predicate(call));
    if (failure >= 0) {
      const { status, headers } = this.failures[failure] as {
        status: number;
        headers?: Record<string, string>;
      };
      this.failures.splice(failure, 1);
      for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
      if (status === 429)
        return json(429, { message: "You are being rate limited.", retry_after: 0, global: false });
      return json(status, { message: "Invalid Form Body", code: 50035, errors: {} });
    }
    const route = (verb: string | null, pattern: RegExp) =>
      verb === null || verb === method ? path.match(pattern) : null;
    let m: RegExpMatchArray | null;

    if (method === "GET" && path === "/gateway/bot") {
      return json(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (method === "GET" && path === "/gateway") return json(200, { url: this.gatewayUrl });
    if (method === "GET" && path === "/users/@me") return json(200, this.botUser);
    if (method === "GET" && path === "/applications/@me") {
      return json(200, { id: this.applicationId, name: "Stackwise", flags: 0, bot: this.botUser });
    }
    m = route("PUT", /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (m) {
      const list = Array.isArray(body) ? body : [];
      return json(
        200,
        list.map((c: Json) => ({
          ...c,
          id: snowflake(),
          application_id: m?.[1],
          guild_id: m?.[2],
          version: snowflake(),
        })),
      );
    }
    m = route("POST", /^\/channels\/(\d+)\/messages$/);
    if (m) {
      return json(200, this.created(this.bodyMessage(m[1] as string, body)));
    }
    m = route("PATCH", /^\/channels\/(\d+)\/messages\/(\d+)$/);
    if (m) {
      const now = Date.now();
      const channel = m[1] as string;
      const recent = (this.editTimes.get(channel) ?? []).filter((t) => t > now - this.editLimit.windowMs);
      if (recent.length >= this.editLimit.limit) {
        this.rateLimited++;
        const wait = ((recent[0] as number) + this.editLimit.windowMs - now) / 1000;
        res.setHeader("retry-after", String(Math.max(1, Math.ceil(wait))));
        res.setHeader("x-ratelimit-scope", "user");
        return json(429, {
          message: "You are being rate limited.",
          retry_after: Math.max(0.001, wait),
          global: false,
        });
      }
      this.editTimes.set(channel, [...recent, now]);
      return json(200, this.edited(m[2] as string, body, m[1]));
    }
    m = route("POST", /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/);
    if (m) {
      const parentId = m[1] as string;
      const thread = {
        id: m[2],
        type: 11,
        guild_id: this.guildId,
        parent_id: parentId,
        owner_id: this.botUser.id,
        name: body?.name ?? "thread",
        last_message_id: null,
        message_count: 0,
        member_count: 1,
        rate_limit_per_user: 0,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: body?.auto_archive_duration ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
          create_timestamp: new Date().toISOString(),
        },
        total_message_sent: 0,
      };
      this.channels.set(thread.id as string, thread);
      this.dispatch("THREAD_CREATE", { ...thread, newly_created: true });
      return json(201, thread);
    }
    m = route("POST", /^\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (m) {
      const token = decodeURIComponent(m[2] as string);
      const interactionId = m[1] as string;
      // Discord refuses a first response past the 3-second window, and any second one.
      if (this.acknowledged.has(interactionId)) {
        return json(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      }
      if (Date.now() - snowflakeTime(interactionId) > INTERACTION_WINDOW_MS) {
        return json(404, { message: "Unknown interaction", code: 10062 });
      }
      this.acknowledged.add(interactionId);
      const interaction = this.interactions.get(token);
      const channelId = interaction?.payload.channel_id ?? this.textChannelId;
      let message: Json = null;
      if (body?.type === 4 || body?.type === 5) {
        message = this.created(
          this.bodyMessage(channelId, body.type === 5 ? { flags: body.data?.flags } : body.data, {
            interaction_metadata: {
              id: m[1],
              type: interaction?.payload.type ?? 2,
              user: this.human,
              authorizing_integration_owners: { "0": this.guildId },
            },
          }),
        );
        this.originals.set(token, message.id);
      } else if (body?.type === 7) {
        const id = this.originals.get(token);
        if (id) message = this.edited(id, body.data);
      }
      if (url.searchParams.get("with_response") === "true") {
        return json(200, {
          interaction: {
            id: m[1],
            type: interaction?.payload.type ?? 2,
            response_message_id: message?.id,
            response_message_loading: body?.type === 5,
            response_message_ephemeral: Boolean((message?.flags ?? 0) & 64),
          },
          resource: { type: body?.type, ...(message ? { message } : {}) },
        });
      }
      return empty();
    }
    m = route(null, /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/);
    if (m) {
      const token = decodeURIComponent(m[2] as string);
      if (!this.webhookLive(token)) return json(404, { message: "Unknown Webhook", code: 10015 });
      const id = m[3] === "@original" ? this.originals.get(token) : m[3];
      if (!id) return json(404, { message: "Unknown Message", code: 10008 });
      if (method === "PATCH") return json(200, this.edited(id, body));
      if (method === "GET") return json(200, this.messages.get(id));
      if (method === "DELETE") {
        this.messages.delete(id);
        return empty();
      }
    }
    m = route("POST", /^\/webhooks\/(\d+)\/([^/]+)$/);
    if (m) {
      const token = decodeURIComponent(m[2] as string);
      if (!this.webhookLive(token)) return json(404, { message: "Unknown Webhook", code: 10015 });
      const channelId = this.interactions.get(token)?.payload.channel_id ?? this.textChannelId;
      return json(200, this.created(this.bodyMessage(channelId, body, { webhook_id: this.applicationId })));
    }
    return json(404, { message: "404: Not Found", code: 0 });
  }
}

/** Everything a user would read in a message body: content, embed texts, button and option labels. */
export function visibleText(body: Json): string {
  if (!body) return "";
  const data = body.data ?? body;
  const parts: string[] = [];
  if (data.content) parts.push(data.content);
  for (const e of data.embeds ?? []) {
    parts.push(e.title ?? "", e.description ?? "");
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
    if (e.footer?.text) parts.push(e.footer.text);
  }
  for (const row of data.components ?? []) {
    for (const c of row.components ?? []) {
      if (c.label) parts.push(c.label);
      for (const o of c.options ?? []) parts.push(o.label);
    }
  }
  return parts.filter(Boolean).join("\n");
}
