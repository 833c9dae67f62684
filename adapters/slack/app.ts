/**
 * The Slack adapter: Bolt's listeners parse events into turns for the dispatcher; SlackOutbound
 * posts the replies. HTTP mode serves /slack/events (and the operations routes) on PORT through
 * server.ts; Socket Mode connects out with SLACK_APP_TOKEN.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel, type webApi } from "@slack/bolt";
import type { AdapterDeps, PlatformAdapter } from "../../src/index.js";
import { SlackOutbound } from "./adapter.js";
import { ACTION_PREFIX } from "./blocks.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackEnv } from "./config.js";
import { registerDecisions } from "./decision-app.js";
import { SlackDecisions } from "./decision-outbound.js";
import { isDecisionCommand, parseDecisionClick, parseDecisionCommand } from "./decision-parse.js";
import { registerFeedback } from "./feedback.js";
import { notAlsoAMention, onlyPeople } from "./middleware.js";
import {
  parseClick,
  parseCommand,
  parseMention,
  parseMessage,
  type SlackInbound,
  type SlackPlace,
  type SlackRef,
} from "./parse.js";
import { createSlackServer, type ServerTimeouts } from "./server.js";

/** The slash command the manifest registers. */
export const SLASH_COMMAND = "/stackwise";

/** Knobs of the Slack adapter that tests and benchmarks turn. */
export interface SlackAppOptions {
  /** Listening port; defaults to PORT. 0 picks a free port. */
  port?: number;
  /** HTTP server timeouts (tests shorten them). */
  timeouts?: ServerTimeouts;
}

/** The Slack platform: the contract's methods plus what operations and tests look at. */
export interface SlackApp extends PlatformAdapter<SlackPlace, SlackRef> {
  readonly app: App;
  readonly mode: "http" | "socket";
  /** Verifies the token (auth.test), then listens (HTTP; `host` narrows the interface) or connects. */
  start(port?: number, host?: string): Promise<void>;
  /** The port listened on (HTTP mode, once started). */
  readonly port: number | undefined;
  readonly server: Server | undefined;
}

/** Builds the Slack adapter; nothing listens until start(). */
export function createSlackApp(deps: AdapterDeps, env: SlackEnv, options: SlackAppOptions = {}): SlackApp {
  const log = deps.log.child({ platform: "slack" });
  const token = env.SLACK_BOT_TOKEN;
  if (!token) throw new Error("SLACK_BOT_TOKEN is required to run the Slack app");
  const socketMode = Boolean(env.SLACK_APP_TOKEN);
  const clientOptions: webApi.WebClientOptions = {
    // Fail an answer after a few attempts rather than holding it for Bolt's default 30 minutes.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    timeout: 10_000,
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL.replace(/\/?$/, "/") } : {}),
  };
  const logger = boltLogger(log);
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: env.SLACK_SIGNING_SECRET ?? "",
        // server.ts verifies every request (both ways in time) before handing it to the receiver.
        signatureVerification: false,
        logger,
        logLevel: LogLevel.INFO,
      });
  const app = new App({
    token,
    logger,
    logLevel: LogLevel.INFO,
    clientOptions,
    deferInitialization: true,
    // Conversations live in the turn service's store: Bolt's own conversation store is not used.
    convoStore: false,
    ...(socketMode ? { socketMode: true, appToken: env.SLACK_APP_TOKEN } : { receiver }),
  });
  const out = new SlackOutbound(app);
  const decisions = new SlackDecisions(app);

  let ready = false;
  let stopping = false;
  let server: Server | undefined;
  const defaultPort = options.port ?? deps.config.PORT;

  const dispatch = async (inbound: SlackInbound | null, what: string) => {
    if (stopping) return;
    if (!inbound) {
      deps.sink.report("malformed_event", new Error(`unreadable Slack ${what}`), "ignored a Slack payload");
      return;
    }
    await deps.dispatcher.dispatch(adapter, inbound);
  };
  const decide = async (inbound: Parameters<typeof deps.dispatcher.decide>[1] | null, what: string) => {
    if (stopping) return;
    if (inbound) await deps.dispatcher.decide(adapter, inbound);
    else
      deps.sink.report("malformed_event", new Error(`unreadable Slack ${what}`), "ignored a Slack payload");
  };
  registerDecisions(app, decide);

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    if (isDecisionCommand(command.text)) return decide(parseDecisionCommand(command, respond), "command");
    await dispatch(parseCommand(command, respond), "command");
  });
  app.event("app_mention", onlyPeople, async ({ event, body, context }) => {
    const meta = {
      team: body.team_id ?? context.teamId ?? "",
      eventId: body.event_id,
      retryNum: context.retryNum,
      botUserId: context.botUserId,
    };
    await dispatch(parseMention(event, meta), "app_mention");
  });
  app.event("message", onlyPeople, notAlsoAMention, async ({ event, body, context }) => {
    const meta = {
      team: body.team_id ?? context.teamId ?? "",
      eventId: body.event_id,
      retryNum: context.retryNum,
      botUserId: context.botUserId,
    };
    const inbound = parseMessage(event, meta);
    // A channel message outside a thread is simply not for the bot.
    if (inbound) await dispatch(inbound, "message");
  });
  app.action(
    { type: "block_actions", action_id: new RegExp(`^${ACTION_PREFIX}`) },
    async ({ ack, body, action, respond, context }) => {
      await ack();
      const decision = parseDecisionClick(body, action, context.teamId);
      if (decision) return decide(decision, "block_actions");
      await dispatch(parseClick(body, action, respond, context.teamId), "block_actions");
    },
  );
  registerFeedback(
    app,
    async (inbound) => {
      if (!stopping) await deps.dispatcher.feedback(adapter, inbound);
    },
    deps.sink,
  );
  app.error(async (err) => {
    deps.sink.report("unhandled", err, "unhandled Slack error", { platform: "slack" });
  });

  const adapter: SlackApp = {
    name: "slack",
    app,
    mode: socketMode ? "socket" : "http",
    keyOf: (place) => out.keyOf(place),
    placeOf: (key) => out.placeOf(key),
    post: (place, reply, intro) => out.post(place, reply, intro),
    postPrivate: (place, reply) => out.postPrivate(place, reply),
    edit: (place, message, edit) => out.edit(place, message, edit),
    openThread: (place, intro) => out.openThread(place, intro),
    acknowledge: () => out.acknowledge(),
    classify: (err) => out.classify(err),
    replace: (channelKey, ts, reply) => decisions.replace(channelKey, ts, reply),
    openForm: (place, reply) => decisions.openForm(place, reply),
    mayClose: (place) => decisions.mayClose(place),
    linkTo: (channelKey, ts) => decisions.linkTo(channelKey, ts),
    async start(port = defaultPort, host?: string) {
      stopping = false;
      try {
        await app.init();
      } catch (err) {
        const code = out.classify(err)?.code ?? (err as Error).message;
        throw new Error(`Slack rejected the bot token (auth.test: ${code})`);
      }
      if (receiver) {
        const http = createSlackServer({
          receiver,
          signingSecret: env.SLACK_SIGNING_SECRET ?? "",
          log,
          sink: deps.sink,
          ...(deps.routes ? { routes: deps.routes } : {}),
          ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        });
        await new Promise<void>((resolve, reject) => {
          http.once("error", reject);
          http.listen(port, host, () => {
            http.off("error", reject);
            resolve();
          });
        });
        server = http;
      } else await app.start();
      ready = true;
      log.info({ mode: adapter.mode, port: adapter.port }, "slack adapter started");
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      ready = false;
      const http = server;
      server = undefined;
      const closed = http ? new Promise<void>((resolve) => http.close(() => resolve())) : app.stop();
      http?.closeIdleConnections();
      // Answers in flight still post through the Web API; the receiver takes nothing new.
      await deps.dispatcher.drain(deps.config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
      http?.closeAllConnections();
      await Promise.resolve(closed).catch((err: unknown) =>
        log.warn({ err }, "stopping the Slack receiver failed"),
      );
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
  return adapter;
}
