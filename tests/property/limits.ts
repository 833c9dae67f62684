/**
 * Platform limit checkers shared by the property tests. The limits are Slack's and Discord's
 * documented ones, written out here independently of the renderers' own constants.
 */
import type { SlackMessage } from "../../adapters/slack/blocks.js";
import { stringsIn } from "./arbitraries.js";

/**
 * Slack's documented limits, written out independently of the renderer's own SLACK_LIMITS
 * (https://docs.slack.dev/reference/block-kit/blocks, .../block-elements, .../composition-objects,
 * https://docs.slack.dev/reference/methods/chat.postMessage).
 */
export const SLACK = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  /** chat.postMessage truncates `text` beyond 40,000 characters. */
  fallbackText: 40_000,
} as const;

/** Sequences that notify people when Slack parses them in mrkdwn or message text. */
const PINGS = ["<!channel", "<!here", "<!everyone", "<@U", "<@W", "<!subteam", "<!group"];

interface TextObject {
  type: "plain_text" | "mrkdwn";
  text: string;
}
interface Option {
  text: TextObject;
  value: string;
}
interface Element {
  type: string;
  action_id?: string;
  text?: TextObject;
  value?: string;
  options?: Option[];
  placeholder?: TextObject;
}
interface AnyBlock {
  type: string;
  text?: TextObject;
  elements?: Element[];
}

/**
 * Every Block Kit limit violation in a message, as readable strings (an empty list is a pass).
 * `allowedMention` is the one mention a caller deliberately writes (answeredMessage's clicker).
 * `strict` adds Slack's rules beyond sizes: text objects are at least 1 character, and a menu's
 * option values are unique ("a unique string value", composition-objects/option-object).
 */
export function slackViolations(
  message: SlackMessage,
  { allowedMention, strict = true }: { allowedMention?: string; strict?: boolean } = {},
): string[] {
  const bad: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) bad.push(what);
  };
  const blocks = message.blocks as unknown as AnyBlock[];
  check(blocks.length <= SLACK.blocks, `${blocks.length} blocks`);
  check(message.text.length <= SLACK.fallbackText, `fallback text ${message.text.length} chars`);

  const mrkdwn: string[] = [message.text];
  const textObject = (t: TextObject | undefined, max: number, where: string) => {
    if (!t) return bad.push(`${where}: missing text object`);
    check(t.type === "plain_text" || t.type === "mrkdwn", `${where}: text type ${t.type}`);
    check(t.text.length <= max, `${where}: ${t.text.length} chars > ${max}`);
    if (strict) check(t.text.length >= 1, `${where}: empty text`);
    if (t.type === "mrkdwn") mrkdwn.push(t.text);
  };
  const actionIds = new Set<string>();
  blocks.forEach((b, i) => {
    const where = `blocks[${i}] (${b.type})`;
    switch (b.type) {
      case "header":
        check(b.text?.type === "plain_text", `${where}: header must be plain_text`);
        textObject(b.text, SLACK.headerText, where);
        break;
      case "section":
        textObject(b.text, SLACK.sectionText, where);
        break;
      case "context": {
        const elements = b.elements ?? [];
        check(
          elements.length >= 1 && elements.length <= SLACK.contextElements,
          `${where}: ${elements.length} elements`,
        );
        elements.forEach((e, j) => {
          textObject(e as unknown as TextObject, SLACK.contextText, `${where}.elements[${j}]`);
        });
        break;
      }
      case "actions": {
        const elements = b.elements ?? [];
        check(
          elements.length >= 1 && elements.length <= SLACK.actionsElements,
          `${where}: ${elements.length} elements`,
        );
        elements.forEach((e, j) => {
          const at = `${where}.elements[${j}] (${e.type})`;
          const id = e.action_id ?? "";
          check(id.length >= 1 && id.length <= SLACK.actionId, `${at}: action_id length ${id.length}`);
          check(!actionIds.has(id), `${at}: duplicate action_id ${id}`);
          actionIds.add(id);
          if (e.type === "button") {
            check(e.text?.type === "plain_text", `${at}: button text must be plain_text`);
            textObject(e.text, SLACK.buttonText, at);
            check(
              (e.value ?? "").length <= SLACK.buttonValue,
              `${at}: value ${(e.value ?? "").length} chars`,
            );
          } else if (e.type === "static_select") {
            const options = e.options ?? [];
            check(
              options.length >= 1 && options.length <= SLACK.selectOptions,
              `${at}: ${options.length} options`,
            );
            textObject(e.placeholder, SLACK.placeholder, `${at}.placeholder`);
            options.forEach((o, n) => {
              check(o.text.type === "plain_text", `${at}.options[${n}]: text must be plain_text`);
              textObject(o.text, SLACK.optionText, `${at}.options[${n}]`);
              check(o.value.length <= SLACK.optionValue, `${at}.options[${n}]: value ${o.value.length}`);
            });
            const values = new Set(options.map((o) => o.value));
            if (strict) check(values.size === options.length, `${at}: duplicate option values`);
          } else bad.push(`${at}: unexpected element type`);
        });
        break;
      }
      default:
        bad.push(`${where}: unexpected block type`);
    }
  });

  // No user-controlled text can ping: mrkdwn and the fallback carry no raw "<" or ">" at all (the
  // renderer never writes links or mentions of its own), and every "&" starts an entity.
  for (const text of mrkdwn) {
    const raw = allowedMention ? text.split(allowedMention).join("") : text;
    check(!/[<>]/.test(raw), `unescaped < or > in mrkdwn: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  // And nothing anywhere in the payload (values and plain_text aside: Slack never parses those) pings.
  for (const { path, value } of stringsIn(message.blocks)) {
    if (/\.value$/.test(path) || /\.action_id$/.test(path)) continue;
    const shown = allowedMention ? value.split(allowedMention).join("") : value;
    const plain = isPlainTextPath(message, path);
    for (const ping of PINGS) if (!plain) check(!shown.includes(ping), `${path} contains ${ping}`);
  }
  return bad;
}

/** True when the string at `path` is the text of a plain_text object (never parsed for mentions). */
function isPlainTextPath(message: SlackMessage, path: string): boolean {
  if (!path.endsWith(".text")) return false;
  const parentPath = path.slice(0, -".text".length).replace(/^\$/, "");
  let node: unknown = message.blocks;
  for (const [, key, index] of parentPath.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    node = (node as Record<string, unknown>)[(key ?? index) as string];
  }
  return (node as { type?: string } | undefined)?.type === "plain_text";
}

/** "&" only as the start of the three entities escapeMrkdwn writes (a cut never leaves "&am"). */
export function brokenEntities(message: SlackMessage): string[] {
  const out: string[] = [];
  const blocks = message.blocks as unknown as AnyBlock[];
  const mrkdwnTexts = blocks.flatMap((b) => [
    ...(b.text?.type === "mrkdwn" ? [b.text.text] : []),
    ...(b.type === "context"
      ? (b.elements ?? [])
          .map((e) => e as unknown as TextObject)
          // plain_text is shown verbatim: its "&" is a literal ampersand, never an entity.
          .filter((e) => e.type === "mrkdwn")
          .map((e) => e.text)
      : []),
  ]);
  for (const text of [message.text, ...mrkdwnTexts]) {
    const m = /&(?!amp;|lt;|gt;)/.exec(text);
    if (m) out.push(JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 20)));
  }
  return out;
}

/**
 * Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * https://discord.com/developers/docs/components/reference), written out independently of DISCORD_LIMITS.
 */
export const DISCORD = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  placeholder: 150,
} as const;

/** A Discord message body as the renderer returns it or as it reaches the API (JSON). */
interface DiscordBody {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
    author?: { name: string };
  }[];
  components?: {
    type: number;
    components: {
      type: number;
      custom_id?: string;
      label?: string;
      placeholder?: string;
      options?: { label: string; value: string }[];
    }[];
  }[];
}

const ACTION_ROW = 1;
const BUTTON = 2;
const STRING_SELECT = 3;

/**
 * Every Discord limit violation in a message body. `strict` adds what Discord rejects beyond sizes:
 * empty or whitespace-only field names and values, empty labels, duplicate option values.
 */
export function discordViolations(message: unknown, { strict = true }: { strict?: boolean } = {}): string[] {
  const m = message as DiscordBody;
  const bad: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) bad.push(what);
  };
  const nonBlank = (s: string) => s.trim().length > 0;
  check((m.content ?? "").length <= DISCORD.content, `content ${(m.content ?? "").length} chars`);
  const embeds = m.embeds ?? [];
  check(embeds.length <= DISCORD.embeds, `${embeds.length} embeds`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds[${i}]`;
    const title = e.title ?? "";
    const description = e.description ?? "";
    const fields = e.fields ?? [];
    const footer = e.footer?.text ?? "";
    const author = e.author?.name ?? "";
    check(title.length <= DISCORD.title, `${at}.title ${title.length} chars`);
    check(description.length <= DISCORD.description, `${at}.description ${description.length} chars`);
    check(fields.length <= DISCORD.fields, `${at}: ${fields.length} fields`);
    check(footer.length <= DISCORD.footer, `${at}.footer ${footer.length} chars`);
    check(author.length <= DISCORD.author, `${at}.author ${author.length} chars`);
    total += title.length + description.length + footer.length + author.length;
    fields.forEach((f, j) => {
      check(f.name.length <= DISCORD.fieldName, `${at}.fields[${j}].name ${f.name.length} chars`);
      check(f.value.length <= DISCORD.fieldValue, `${at}.fields[${j}].value ${f.value.length} chars`);
      if (strict) check(nonBlank(f.name) && nonBlank(f.value), `${at}.fields[${j}]: blank name or value`);
      total += f.name.length + f.value.length;
    });
    if (strict) check(nonBlank(title + description) || fields.length > 0, `${at}: empty embed`);
  });
  check(total <= DISCORD.embedTotal, `embeds total ${total} chars`);

  const rows = m.components ?? [];
  check(rows.length <= DISCORD.actionRows, `${rows.length} action rows`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const at = `components[${i}]`;
    check(row.type === ACTION_ROW, `${at}: not an action row`);
    const buttons = row.components.filter((c) => c.type === BUTTON);
    const selects = row.components.filter((c) => c.type === STRING_SELECT);
    check(row.components.length >= 1, `${at}: empty row`);
    check(buttons.length <= DISCORD.buttonsPerRow, `${at}: ${buttons.length} buttons`);
    check(selects.length === 0 || row.components.length === 1, `${at}: a select shares its row`);
    row.components.forEach((c, j) => {
      const where = `${at}.components[${j}]`;
      const id = c.custom_id ?? "";
      check(id.length >= 1 && id.length <= DISCORD.customId, `${where}: custom_id length ${id.length}`);
      check(!ids.has(id), `${where}: duplicate custom_id ${JSON.stringify(id)}`);
      ids.add(id);
      if (c.type === BUTTON) {
        const label = c.label ?? "";
        check(label.length <= DISCORD.buttonLabel, `${where}: label ${label.length} chars`);
        if (strict) check(nonBlank(label), `${where}: blank label`);
      } else if (c.type === STRING_SELECT) {
        const options = c.options ?? [];
        check(
          options.length >= 1 && options.length <= DISCORD.selectOptions,
          `${where}: ${options.length} options`,
        );
        check((c.placeholder ?? "").length <= DISCORD.placeholder, `${where}: placeholder too long`);
        options.forEach((o, n) => {
          check(
            o.label.length <= DISCORD.optionLabel,
            `${where}.options[${n}]: label ${o.label.length} chars`,
          );
          check(
            o.value.length <= DISCORD.optionValue,
            `${where}.options[${n}]: value ${o.value.length} chars`,
          );
          if (strict)
            check(nonBlank(o.label) && o.value.length > 0, `${where}.options[${n}]: blank label or value`);
        });
        if (strict)
          check(new Set(options.map((o) => o.value)).size === options.length, `${where}: duplicate values`);
      } else bad.push(`${where}: unexpected component type ${c.type}`);
    });
  });
  return bad;
}

/**
 * Raw @everyone / @here (no zero-width break after the @) in the text a Discord message shows.
 * `labels: false` skips component labels; `code: false` skips fenced code blocks.
 */
export function discordPings(
  message: unknown,
  { labels = true, code = true }: { labels?: boolean; code?: boolean } = {},
): string[] {
  const m = message as DiscordBody;
  const texts: { where: string; text: string }[] = [{ where: "content", text: m.content ?? "" }];
  (m.embeds ?? []).forEach((e, i) => {
    texts.push({ where: `embeds[${i}].title`, text: e.title ?? "" });
    texts.push({ where: `embeds[${i}].description`, text: e.description ?? "" });
    texts.push({ where: `embeds[${i}].footer`, text: e.footer?.text ?? "" });
    (e.fields ?? []).forEach((f, j) => {
      texts.push({ where: `embeds[${i}].fields[${j}].name`, text: f.name });
      texts.push({ where: `embeds[${i}].fields[${j}].value`, text: f.value });
    });
  });
  if (labels)
    for (const row of m.components ?? [])
      for (const c of row.components) {
        texts.push({ where: "button label", text: c.label ?? "" });
        texts.push({ where: "select placeholder", text: c.placeholder ?? "" });
        for (const o of c.options ?? []) texts.push({ where: "option label", text: o.label });
      }
  const shown = (text: string) => (code ? text : text.replace(/```[\s\S]*?```/g, "```…```"));
  return texts
    .filter(({ text }) => /@(everyone|here)/.test(shown(text)))
    .map(({ where, text }) => `${where}: ${JSON.stringify(text.slice(0, 120))}`);
}
