import { createHmac, randomUUID } from "node:crypto";
import type { FakeEphemeral, FakeMessage, FakeView } from "./slack-web-api.js";

/** `v0=` + hex HMAC-SHA256(secret, `v0:${timestamp}:${rawBody}`), as Slack signs requests. */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SendOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Sign with this secret instead (a wrong one makes a bad signature). */
  secret?: string;
  /** Sends x-slack-retry-num / x-slack-retry-reason like a redelivery. */
  retryNum?: number;
}

/** Posts a signed request to the app, the way Slack delivers commands, events and interactions. */
export class SlackSender {
  constructor(
    private readonly baseUrl: string,
    private readonly signingSecret: string,
    /** Where response_url points (e.g. the fake Web API, so responses are recorded). */
    private readonly responseUrlBase = `${baseUrl}/`,
    readonly team = "T1",
  ) {}

  /** A fresh response_url under the fake Web API, so what is posted to it is recorded. */
  responseUrl(): string {
    return `${this.responseUrlBase}response/${randomUUID()}`;
  }

  async send(rawBody: string, contentType: string, options: SendOptions = {}): Promise<Response> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(options.secret ?? this.signingSecret, timestamp, rawBody),
    };
    if (options.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(options.retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    return fetch(`${this.baseUrl}/slack/events`, { method: "POST", headers, body: rawBody });
  }

  /** A slash command, form-encoded. */
  command(
    text: string,
    fields: { user?: string; channel?: string; command?: string } = {},
    options?: SendOptions,
  ): Promise<Response> {
    const body = new URLSearchParams({
      token: "legacy-verification-token",
      team_id: this.team,
      team_domain: "test",
      channel_id: fields.channel ?? "C1",
      channel_name: "general",
      user_id: fields.user ?? "U1",
      user_name: "alice",
      command: fields.command ?? "/stackwise",
      text,
      api_app_id: "A1",
      is_enterprise_install: "false",
      response_url: `${this.responseUrlBase}response/${randomUUID()}`,
      trigger_id: `trigger-${randomUUID()}`,
    }).toString();
    return this.send(body, "application/x-www-form-urlencoded", options);
  }

  /** An Events API callback wrapping `event`; pass the same eventId again to simulate a retry. */
  event(
    event: Record<string, unknown>,
    eventId = `Ev${randomUUID()}`,
    options?: SendOptions,
  ): Promise<Response> {
    const body = JSON.stringify({
      token: "legacy-verification-token",
      team_id: this.team,
      api_app_id: "A1",
      event: { event_ts: event.ts, ...event },
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.team, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    });
    return this.send(body, "application/json", options);
  }

  /** An interaction payload (form field `payload`). */
  interaction(payload: Record<string, unknown>, options?: SendOptions): Promise<Response> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.send(body, "application/x-www-form-urlencoded", options);
  }

  /**
   * A message shortcut on `message` (payload type message_action,
   * https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload).
   */
  shortcut(
    callbackId: string,
    message: { channel: string; ts: string; text: string; user?: string },
    user = "U1",
  ): Promise<Response> {
    return this.interaction({
      type: "message_action",
      callback_id: callbackId,
      trigger_id: `trigger-${randomUUID()}`,
      action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
      team: { id: this.team, domain: "test" },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: this.team },
      channel: { id: message.channel, name: "general" },
      message: { type: "message", user: message.user ?? "U9", ts: message.ts, text: message.text },
      response_url: `${this.responseUrlBase}response/${randomUUID()}`,
      token: "legacy-verification-token",
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  /**
  /**
   * Submits a modal the bot opened (a view_submission payload,
   * https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload): `values`
   * fills its inputs as { block_id: { action_id: value } }.
   */
  viewSubmission(
    opened: { id: string; view: Record<string, unknown> },
    values: Record<string, Record<string, string | null>>,
    user = "U1",
  ): Promise<Response> {
    const state: Record<string, Record<string, { type: string; value: string | null }>> = {};
    for (const [block, actions] of Object.entries(values)) {
      state[block] = Object.fromEntries(
        Object.entries(actions).map(([action, value]) => [action, { type: "plain_text_input", value }]),
      );
    }
    return this.interaction({
      type: "view_submission",
      team: { id: this.team, domain: "test" },
      user: { id: user, username: "alice", name: "alice", team_id: this.team },
      api_app_id: "A1",
      token: "legacy-verification-token",
      trigger_id: `trigger-${randomUUID()}`,
      view: {
        ...opened.view,
        id: opened.id,
        team_id: this.team,
        state: { values: state },
        hash: `hash-${randomUUID()}`,
        app_id: "A1",
        bot_id: "BBOT",
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  /**
   * Submits a modal the bot opened, choosing `answers` (block_id -> option value) in its
   * selects; fields not named stay unselected. The payload is view_submission's
   * (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload): the view
   * as opened, with its id, hash and state.values.
   */
  submitView(
    opened: FakeView,
    user: string,
    answers: Record<string, string>,
    options?: SendOptions,
  ): Promise<Response> {
    const blocks = (opened.view.blocks ?? []) as Array<Record<string, unknown>>;
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of blocks) {
      if (block.type !== "input") continue;
      const element = block.element as Element;
      const chosen = answers[String(block.block_id)];
      const option = element.options?.find((o) => o.value === chosen) ?? null;
      if (chosen && !option)
        throw new Error(`no option ${chosen} in the modal's ${String(block.block_id)} select`);
      values[String(block.block_id)] = {
        [element.action_id]: { type: element.type, selected_option: option },
      };
    }
    return this.interaction(
      {
        type: "view_submission",
        team: { id: this.team, domain: "test" },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: this.team },
        api_app_id: "A1",
        token: "legacy-verification-token",
        trigger_id: `trigger-${randomUUID()}`,
        view: { ...opened.view, id: opened.id, hash: opened.hash, team_id: this.team, state: { values } },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      },
      options,
    );
  }

  /**
   * Clicks an element of a message the bot actually posted: a button, or an option of a menu,
   * whose label or value (choice id) matches. Builds the block_actions payload Slack would send.
   */
  click(message: FakeMessage, label: string | RegExp, user = "U1"): Promise<Response> {
    const found = findElement(message, label);
    if (!found)
      throw new Error(`no button or menu option labelled ${String(label)} in message ${message.ts}`);
    const { block, element, option } = found;
    const action: Record<string, unknown> = {
      type: element.type,
      action_id: element.action_id,
      block_id: block.block_id ?? "b0",
      action_ts: `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
    };
    if (option) {
      action.selected_option = option;
      action.placeholder = element.placeholder;
    } else {
      action.value = element.value;
      action.text = element.text;
      if (element.style) action.style = element.style;
    }
    return this.interaction({
      type: "block_actions",
      user: { id: user, username: "alice", name: "alice", team_id: this.team },
      api_app_id: "A1",
      token: "legacy-verification-token",
      container: {
        type: "message",
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      },
      trigger_id: `trigger-${randomUUID()}`,
      team: { id: this.team, domain: "test" },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: message.channel, name: message.channel.startsWith("D") ? "directmessage" : "general" },
      message: {
        type: "message",
        user: "UBOT",
        bot_id: "BBOT",
        text: message.text,
        ts: message.ts,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        blocks: message.blocks,
      },
      state: { values: {} },
      response_url: `${this.responseUrlBase}response/${randomUUID()}`,
      actions: [action],
    });
  }
}

/**
 * Clicks an element of an ephemeral message (shown to `user` alone): Slack's payload then says
 * `container.is_ephemeral` and carries no `message` (Slack keeps no copy of it).
 */
export function ephemeralClick(
  sender: SlackSender,
  ephemeral: FakeEphemeral,
  label: string | RegExp,
  user = "U1",
): Promise<Response> {
  const found = findElement({ ...ephemeral, threadTs: ephemeral.threadTs, updates: 0 }, label);
  if (!found) throw new Error(`no button labelled ${String(label)} in the ephemeral message`);
  const { block, element } = found;
  return sender.interaction({
    type: "block_actions",
    user: { id: user, username: "alice", name: "alice", team_id: sender.team },
    api_app_id: "A1",
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: ephemeral.ts,
      channel_id: ephemeral.channel,
      is_ephemeral: true,
      ...(ephemeral.threadTs ? { thread_ts: ephemeral.threadTs } : {}),
    },
    trigger_id: `trigger-${randomUUID()}`,
    team: { id: sender.team, domain: "test" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: ephemeral.channel, name: "general" },
    state: { values: {} },
    response_url: sender.responseUrl(),
    actions: [
      {
        type: element.type,
        action_id: element.action_id,
        block_id: block.block_id ?? "b0",
        action_ts: `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
        value: element.value,
        text: element.text,
      },
    ],
  });
}

interface Element {
  type: string;
  action_id: string;
  value?: string;
  text?: { type: string; text: string };
  style?: string;
  placeholder?: unknown;
  options?: Array<{ text: { type: string; text: string }; value: string }>;
}

/** Every clickable label in a message: button texts and menu option texts. */
export function clickableLabels(message: FakeMessage): string[] {
  const labels: string[] = [];
  for (const block of message.blocks) {
    if (block.type !== "actions") continue;
    for (const el of block.elements as Element[]) {
      if (el.type === "button" && el.text) labels.push(el.text.text);
      for (const o of el.options ?? []) labels.push(o.text.text);
    }
  }
  return labels;
}

/**
 * The choice ids (button values and option values) a message offers, in order. The feedback
 * buttons (block "stackwise_feedback") are not choices: see feedbackButtons().
 */
export function offeredChoices(message: FakeMessage): Array<{ label: string; id: string; kind: string }> {
  const out: Array<{ label: string; id: string; kind: string }> = [];
  for (const block of message.blocks) {
    if (block.type !== "actions" || block.block_id === "stackwise_feedback") continue;
    for (const el of block.elements as Element[]) {
      if (el.type === "button" && el.text && el.value)
        out.push({ label: el.text.text, id: el.value, kind: "button" });
      for (const o of el.options ?? []) out.push({ label: o.text.text, id: o.value, kind: "option" });
    }
  }
  return out;
}

type Option = NonNullable<Element["options"]>[number];

function findElement(
  message: FakeMessage,
  label: string | RegExp,
): { block: Record<string, unknown>; element: Element; option?: Option } | null {
  const matches = (text: string | undefined) =>
    text !== undefined && (typeof label === "string" ? text === label : label.test(text));
  for (const block of message.blocks) {
    if (block.type !== "actions") continue;
    for (const element of block.elements as Element[]) {
      if (element.type === "button" && (matches(element.text?.text) || matches(element.value))) {
        return { block, element };
      }
      const option = element.options?.find((o) => matches(o.text.text) || matches(o.value));
      if (option) return { block, element, option };
    }
  }
  return null;
}

/** The labels of a message's feedback buttons (block "stackwise_feedback"), in order. */
export function feedbackButtons(message: { blocks: Record<string, unknown>[] }): string[] {
  const block = message.blocks.find((b) => b.block_id === "stackwise_feedback");
  return ((block?.elements as Element[] | undefined) ?? []).map((e) => e.text?.text ?? "");
}
