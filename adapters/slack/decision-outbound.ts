/**
 * Slack's side of team decisions (issue 13): the card edited in place (chat.update), the form as
 * a modal (views.open with the click's trigger_id, https://docs.slack.dev/reference/methods/views.open),
 * who may close a decision someone else started (users.info: a workspace admin or owner; needs
 * the users:read scope), and links to cards (the workspace URL from auth.test).
 */
import type { App } from "@slack/bolt";
import { type FormBlock, formOf, type Reply } from "../../src/index.js";
import { renderReply, SLACK_LIMITS, type SlackBlock } from "./blocks.js";
import { DECISION_VIEW } from "./decision-parse.js";
import { truncate } from "./mrkdwn.js";
import type { SlackPlace } from "./parse.js";

/** Modal limits (https://docs.slack.dev/reference/views/modal-views): title and button texts. */
const MODAL = { title: 24, button: 24, label: 2000, blocks: 100 } as const;
const NOT_SURE = { value: "skip", label: "Not sure" };

/** A form block as a modal view: one optional static select per field, "Not sure" offered first. */
export function formModal(form: FormBlock, topic: string, meta: string): Record<string, unknown> {
  const option = (value: string, label: string) => ({
    text: { type: "plain_text" as const, text: truncate(label, SLACK_LIMITS.optionText), emoji: true },
    value,
  });
  const blocks: SlackBlock[] = [
    // plain_text: the topic is shown verbatim, never parsed for mentions.
    { type: "context", elements: [{ type: "plain_text", text: truncate(topic, 2000), emoji: true }] },
    ...form.fields.map((f): SlackBlock => {
      const options = [
        option(NOT_SURE.value, NOT_SURE.label),
        ...f.options.map((o) => option(o.id, o.label)),
      ];
      const initial = options.find((o) => o.value === f.initial);
      return {
        type: "input",
        block_id: f.id,
        optional: true,
        label: { type: "plain_text", text: truncate(f.label, MODAL.label), emoji: true },
        element: {
          type: "static_select",
          action_id: "answer",
          placeholder: { type: "plain_text", text: NOT_SURE.label, emoji: true },
          options: options.slice(0, SLACK_LIMITS.selectOptions),
          ...(initial ? { initial_option: initial } : {}),
        },
      };
    }),
  ];
  return {
    type: "modal",
    callback_id: DECISION_VIEW,
    private_metadata: meta,
    title: { type: "plain_text", text: truncate("Team decision", MODAL.title) },
    submit: { type: "plain_text", text: truncate(form.submitLabel, MODAL.button) },
    close: { type: "plain_text", text: "Cancel" },
    blocks: blocks.slice(0, MODAL.blocks),
  };
}

/** The Web API calls of team decisions. */
export class SlackDecisions {
  private workspaceUrl: Promise<string | null> | undefined;

  constructor(private readonly app: App) {}

  /** Edits the card: its blocks rebuilt from `reply` (buttons gone once it is closed). */
  async replace(channelKey: string, ts: string, reply: Reply): Promise<void> {
    const channel = channelKey.split(":")[2] ?? "";
    const message = renderReply(reply);
    await this.app.client.chat.update({
      channel,
      ts,
      text: message.text,
      blocks: JSON.stringify(message.blocks) as unknown as SlackBlock[],
    });
  }

  /** Opens the form as a modal; the submission comes back as a view_submission. */
  async openForm(place: SlackPlace, reply: Reply): Promise<void> {
    const form = formOf(reply);
    if (!form || !place.triggerId) throw new Error("a decision form needs a form block and a trigger_id");
    const id = form.id.replace(/^decision:/, "");
    const meta = JSON.stringify({
      id,
      team: place.team,
      channel: place.channel,
      thread: place.threadTs ?? "",
    });
    const topic = (reply.title ?? "").replace(/^Team decision: /, "");
    await this.app.client.views.open({
      trigger_id: place.triggerId,
      view: formModal(form, topic, meta) as never,
    });
  }

  /** A workspace admin or owner may close anyone's decision. */
  async mayClose(place: SlackPlace): Promise<boolean> {
    if (!place.user) return false;
    const info = await this.app.client.users.info({ user: place.user });
    return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
  }

  /** https://<workspace>.slack.com/archives/<channel>/p<ts without the dot>. */
  async linkTo(channelKey: string, ts: string): Promise<string | null> {
    this.workspaceUrl ??= this.app.client.auth
      .test()
      .then((r) => r.url ?? null)
      .catch(() => null);
    const url = await this.workspaceUrl;
    const channel = channelKey.split(":")[2];
    return url && channel ? `${url.replace(/\/?$/, "/")}archives/${channel}/p${ts.replace(".", "")}` : null;
  }
}
