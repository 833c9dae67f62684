import { describe, expect, it } from "vitest";
import { answeredMessage } from "../../adapters/slack/answered.js";
import {
  BLANK_LABEL,
  escapeMrkdwn,
  renderReply,
  SLACK_LIMITS,
  type SlackBlock,
  splitText,
} from "../../adapters/slack/blocks.js";
import { parseSlashCommand } from "../../adapters/slack/commands.js";
import { cleanUserText, conversationKey, mentionsBot } from "../../adapters/slack/parse.js";
import type { Block, Choice } from "../../src/index.js";
import { reply } from "../helpers/reply.js";

const answers = (n: number, label = (i: number) => `Option ${i}`): Choice[] =>
  Array.from({ length: n }, (_, i) => ({ id: `flow:q:o${i}`, label: label(i), role: "answer" as const }));
const nav: Choice[] = [
  { id: "flow:q:back", label: "Back", role: "nav" },
  { id: "flow:q:skip", label: "Skip", role: "nav" },
  { id: "flow:restart", label: "Start over", role: "nav" },
  { id: "flow:cancel", label: "Cancel", role: "nav" },
];

interface LooseText {
  text: string;
}
interface LooseElement {
  type: string;
  action_id: string;
  text: LooseText;
  value: string;
  options?: Array<{ text: LooseText; value: string }>;
}
interface LooseBlock {
  type: string;
  text: LooseText;
  elements: LooseElement[];
}

/** Every text object and element in a message, to check limits everywhere. */
function walk(blocks: SlackBlock[]) {
  const json = JSON.parse(JSON.stringify(blocks)) as LooseBlock[];
  const sections: string[] = [];
  const headers: string[] = [];
  const buttons: Array<{ text: string; value: string; action_id: string }> = [];
  const options: Array<{ text: string; value: string }> = [];
  const actionIds: string[] = [];
  const mrkdwn: string[] = [];
  for (const b of json) {
    if (b.type === "section") sections.push(b.text.text);
    if (b.type === "header") headers.push(b.text.text);
    if (b.type === "context")
      for (const e of b.elements) if (e.type === "mrkdwn") mrkdwn.push((e as unknown as LooseText).text);
    if (b.type === "section") mrkdwn.push(b.text.text);
    if (b.type === "actions") {
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
      for (const e of b.elements) {
        actionIds.push(e.action_id);
        if (e.type === "button") buttons.push({ text: e.text.text, value: e.value, action_id: e.action_id });
        for (const o of e.options ?? []) options.push({ text: o.text.text, value: o.value });
      }
    }
  }
  return { sections, headers, buttons, options, actionIds, mrkdwn };
}

describe("Block Kit renderer", () => {
  it("renders headings, paragraphs, lists, tables and sources", () => {
    const message = renderReply(
      reply(
        [
          { kind: "heading", text: "PyTorch vs JAX" },
          { kind: "paragraph", text: "Both are fine." },
          { kind: "list", items: ["one", "two"] },
          {
            kind: "table",
            caption: "Memory",
            headers: ["", "PyTorch", "JAX"],
            rows: [["peak", "1 GB", "2 GB"]],
          },
        ],
        [
          { id: "a", title: "Licensing" },
          { id: "b", title: "Memory use" },
        ],
      ),
    );
    const types = message.blocks.map((b) => b.type);
    expect(types).toEqual(["header", "section", "section", "section", "section", "context"]);
    const { sections, mrkdwn } = walk(message.blocks);
    expect(sections[1]).toBe("• one\n• two");
    expect(sections[3]).toMatch(/^```\n[\s\S]*PyTorch[\s\S]*\n```$/);
    expect(mrkdwn.at(-1)).toBe("Sources: Licensing; Memory use");
    expect(message.text).toContain("Both are fine.");
    expect(message.text).toContain("Sources: Licensing; Memory use");
  });

  it("escapes &, < and > in every mrkdwn text and the fallback, so nothing pings or links", () => {
    const evil = "<!channel> <!here> <@U999> <http://x|y> & <#C1>";
    const message = renderReply(
      reply(
        [
          { kind: "paragraph", text: evil },
          { kind: "list", items: [evil] },
          { kind: "table", caption: evil, headers: ["a", "b"], rows: [[evil, "x"]] },
          { kind: "choices", prompt: evil, choices: [{ id: "flow:q:a", label: evil, role: "answer" }] },
        ],
        [{ id: "s", title: evil }],
      ),
      { user: "U1", says: "asked", text: evil },
    );
    const { mrkdwn } = walk(message.blocks);
    for (const text of [...mrkdwn, message.text]) {
      // The asker's mention is the one ping allowed; their words sit in a plain_text element.
      expect(text.replace("<@U1>", "")).not.toMatch(/<[!@#h]/);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(mrkdwn.join("\n")).toContain("&lt;!channel&gt;");
    expect(message.text).toContain("<@U1> asked: &lt;!channel&gt;");
    expect(escapeMrkdwn("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
  });

  it("keeps headers within 150 characters and sections within 3,000, splitting long text", () => {
    const long = `${"word ".repeat(1500)}end`;
    const message = renderReply(
      reply([
        { kind: "heading", text: "H".repeat(400) },
        { kind: "paragraph", text: long },
        { kind: "paragraph", text: "<".repeat(4000) },
        { kind: "list", items: Array.from({ length: 400 }, (_, i) => `item ${i} ${"x".repeat(20)}`) },
      ]),
    );
    const { headers, sections } = walk(message.blocks);
    expect(headers[0]?.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    // Nothing lost when splitting the paragraph.
    expect(sections[2]?.endsWith("end")).toBe(true);
    expect(sections.slice(0, 3).join(" ").split(/\s+/).length).toBe(1501);
    // An escape entity is never cut in half.
    for (const s of sections) expect(s).not.toMatch(/&(l|lt|g|gt|a|am|amp)?$/);
  });

  it("splits a long table into code blocks within the limit, header repeated", () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`row ${i}`, "x".repeat(40), "y".repeat(40)]);
    const message = renderReply(reply([{ kind: "table", headers: ["Name", "A", "B"], rows }]));
    const { sections } = walk(message.blocks);
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      expect(s.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(s.startsWith("```\nName")).toBe(true);
      expect(s.endsWith("\n```")).toBe(true);
    }
    expect(sections.join("\n")).toContain("row 199");
  });

  it("renders up to five answers as primary buttons, nav choices as plain buttons", () => {
    const message = renderReply(
      reply([{ kind: "choices", prompt: "Team size?", choices: [...answers(3), ...nav] }]),
    );
    const { buttons, actionIds } = walk(message.blocks);
    expect(buttons.map((b) => b.value)).toEqual([
      "flow:q:o0",
      "flow:q:o1",
      "flow:q:o2",
      "flow:q:back",
      "flow:q:skip",
      "flow:restart",
      "flow:cancel",
    ]);
    const json = JSON.stringify(message.blocks);
    expect(json.match(/"style":"primary"/g)).toHaveLength(3);
    expect(new Set(actionIds).size).toBe(actionIds.length);
    expect(message.blocks[0]).toMatchObject({ type: "section", text: { text: "*Team size?*" } });
  });

  it("uses a menu for more than five answers, keeping nav buttons", () => {
    const message = renderReply(
      reply([{ kind: "choices", prompt: "Domain?", choices: [...answers(7), ...nav] }]),
    );
    const { buttons, options } = walk(message.blocks);
    expect(options.map((o) => o.value)).toEqual(answers(7).map((a) => a.id));
    expect(buttons.map((b) => b.text)).toEqual(["Back", "Skip", "Start over", "Cancel"]);
    const select = JSON.stringify(message.blocks).match(/"type":"static_select"/g);
    expect(select).toHaveLength(1);
  });

  it("keeps button and option text within 75 characters, values within limits, ≤25 per actions block", () => {
    const many = answers(130, (i) => `${i} ${"label ".repeat(30)}`);
    const menu = renderReply(reply([{ kind: "choices", prompt: "Pick", choices: [...many, ...nav] }]));
    const m = walk(menu.blocks);
    expect(m.options).toHaveLength(130);
    for (const o of m.options) {
      expect(o.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
      expect(o.value.length).toBeLessThanOrEqual(SLACK_LIMITS.optionValue);
    }
    const longIds = Array.from({ length: 30 }, (_, i) => ({
      id: `flow:q:${"v".repeat(200)}${i}`,
      label: "L".repeat(100),
      role: "answer" as const,
    }));
    longIds.push({ id: "x".repeat(2500), label: "too long", role: "answer" });
    const buttons = renderReply(reply([{ kind: "choices", prompt: "Pick", choices: longIds }]));
    const b = walk(buttons.blocks);
    expect(b.buttons).toHaveLength(30);
    for (const btn of b.buttons) {
      expect(btn.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      expect(btn.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    }
    expect(new Set(b.actionIds).size).toBe(b.actionIds.length);
  });

  it("never exceeds 50 blocks, keeping the question and the sources", () => {
    const blocks: Block[] = Array.from(
      { length: 80 },
      (_, i) => ({ kind: "paragraph", text: `p${i}` }) as Block,
    );
    blocks.push({ kind: "choices", prompt: "Next?", choices: [...answers(2), ...nav] });
    const message = renderReply(reply(blocks, [{ id: "s", title: "Src" }]));
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(message.blocks.at(-1)?.type).toBe("context");
    expect(message.blocks.some((b) => b.type === "actions")).toBe(true);
  });

  it("an answered question loses its buttons and shows the choice, escaped", () => {
    const question = renderReply(
      reply([{ kind: "choices", prompt: "Team?", choices: [...answers(2), ...nav] }]),
    );
    const done = answeredMessage(question.blocks, "<!channel> small", "U1");
    expect(done.blocks.some((b) => b.type === "actions")).toBe(false);
    const json = JSON.stringify(done.blocks);
    expect(json).toContain("&lt;!channel&gt; small");
    expect(json).toContain("<@U1> chose");
    expect(done.text).toContain("Team?");
  });

  it("splitText never returns a piece over the limit", () => {
    for (const text of ["a".repeat(7000), `${"abc\n".repeat(2000)}`, `${"&amp;".repeat(1000)}`]) {
      const pieces = splitText(text, 3000);
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    }
  });
});

describe("Block Kit renderer: blank labels, duplicate values, emoji", () => {
  it("drops a blank heading and shows a placeholder for a blank button or option label", () => {
    const blank = reply([
      { kind: "heading", text: "" },
      { kind: "heading", text: " \n" },
      { kind: "choices", prompt: "Q", choices: [{ id: "a", label: "", role: "answer" }, nav[0] as Choice] },
    ]);
    const { headers, buttons } = walk(renderReply(blank).blocks);
    expect(headers).toEqual([]);
    expect(buttons.map((b) => b.text)).toEqual([BLANK_LABEL, "Back"]);

    const menu = reply([
      { kind: "choices", prompt: "Q", choices: answers(6, (i) => (i === 2 ? "\u3000 " : `Option ${i}`)) },
    ]);
    expect(walk(renderReply(menu).blocks).options.map((o) => o.text)[2]).toBe(BLANK_LABEL);
  });

  it("keeps the first of menu options with the same value", () => {
    const choices = [...answers(6), { id: "flow:q:o1", label: "Again", role: "answer" as const }];
    const { options } = walk(renderReply(reply([{ kind: "choices", prompt: "Q", choices }])).blocks);
    expect(options.map((o) => o.value)).toEqual(answers(6).map((c) => c.id));
    expect(options[1]?.text).toBe("Option 1");
  });

  it("never cuts an emoji in half when truncating or splitting", () => {
    for (let pad = 0; pad < 3; pad++) {
      const label = `${"a".repeat(pad)}${"😀".repeat(60)}`;
      const message = renderReply(
        reply([
          { kind: "heading", text: label.repeat(3) },
          { kind: "paragraph", text: `${"b".repeat(pad)}${"😀".repeat(4000)}` },
          { kind: "choices", prompt: "Q", choices: [{ id: "a", label, role: "answer" }] },
          { kind: "choices", prompt: "Q", choices: answers(6, () => label) },
        ]),
      );
      const { sections, headers, buttons, options } = walk(message.blocks);
      for (const text of [message.text, ...sections, ...headers, ...buttons.map((b) => b.text)])
        expect(text.isWellFormed()).toBe(true);
      for (const o of options) expect(o.text.isWellFormed()).toBe(true);
      expect(buttons[0]?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      expect(sections.join("").replace(/\s/g, "").length).toBeGreaterThanOrEqual(8000);
    }
    for (const piece of splitText(`x${"😀".repeat(2000)}`, 3000)) expect(piece.isWellFormed()).toBe(true);
  });
});

describe("slash command parsing", () => {
  it.each([
    ["", { kind: "help", engineText: "help" }],
    ["help", { kind: "help", engineText: "help" }],
    ["what license does JAX use?", { kind: "ask", engineText: "what license does JAX use?" }],
    ["ask what license does JAX use?", { kind: "ask", engineText: "what license does JAX use?" }],
    ["compare pytorch jax memory", { kind: "ask", engineText: "compare pytorch and jax memory" }],
    ["compare pytorch jax", { kind: "ask", engineText: "compare pytorch and jax" }],
    ["compare pytorch vs jax", { kind: "ask", engineText: "compare pytorch vs jax" }],
    ["recommend", { kind: "recommend", engineText: "recommend" }],
    ["Recommend  small team, vision", { kind: "recommend", engineText: "recommend small team, vision" }],
  ])("%j", (text, expected) => {
    expect(parseSlashCommand(text)).toMatchObject(expected);
  });
});

describe("user text", () => {
  it("drops the bot mention and undoes Slack's entity encoding", () => {
    expect(cleanUserText("<@UBOT> what about a &lt; b &amp;&amp; c?", "UBOT")).toBe("what about a < b && c?");
    // Anyone's mention, channel links and special mentions mean nothing to the engine; a link keeps
    // its label; emoji shortcodes become emoji (":+1:" is a reaction).
    expect(cleanUserText("<@UBOT|stackwise>   hi <@U2>", "UBOT")).toBe("hi");
    expect(cleanUserText("<!here> see <https://x.example|the docs> in <#C1|ml>", "UBOT")).toBe(
      "see the docs in",
    );
    expect(cleanUserText(":+1: thanks", "UBOT")).toBe("👍 thanks");
    expect(mentionsBot("hey <@UBOT>", "UBOT")).toBe(true);
    expect(mentionsBot("hey <@U2>", "UBOT")).toBe(false);
  });

  it("keys conversations by thread, and a DM's top level as one conversation", () => {
    expect(conversationKey("T1", "C1", "1.2")).toBe("slack:T1:C1:1.2");
    expect(conversationKey("T1", "D1")).toBe("slack:T1:D1");
  });
});
