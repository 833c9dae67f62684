import { type APIStringSelectComponent, ComponentType } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  answeredMessage,
  BLANK_LABEL,
  DISCORD_LIMITS,
  type DiscordMessage,
  embedChars,
  escapeText,
  renderReply,
  SELECT_PREFIX,
  splitText,
} from "../../adapters/discord/render.js";
import type { Block, Choice } from "../../src/reply/model.js";
import { textTable } from "../../src/reply/plain-text.js";
import { reply } from "../helpers/reply.js";

const answers = (n: number, q = "q"): Choice[] =>
  Array.from({ length: n }, (_, i) => ({ id: `flow:${q}:opt-${i}`, label: `Option ${i}`, role: "answer" }));
const nav = (q = "q"): Choice[] => [
  { id: `flow:${q}:back`, label: "Back", role: "nav" },
  { id: `flow:${q}:skip`, label: "Skip", role: "nav" },
  { id: "flow:restart", label: "Start over", role: "nav" },
  { id: "flow:cancel", label: "Cancel", role: "nav" },
];

function expectWithinLimits(m: DiscordMessage) {
  expect((m.content ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(m.embeds.length).toBeGreaterThan(0);
  expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  expect(embedChars(m.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  for (const e of m.embeds) {
    expect((e.title ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect((e.description ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect((e.footer?.text ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.footerText);
  }
  expect(m.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
  const ids = new Set<string>();
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
    for (const c of row.components) {
      const id = "custom_id" in c ? c.custom_id : "";
      expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      expect(ids.has(id)).toBe(false);
      ids.add(id);
      if ("label" in c && c.label) expect(c.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
    }
  }
}

describe("renderReply", () => {
  it("titles the embed with the reply's title and puts paragraphs and lists in the description", () => {
    const m = renderReply(
      reply(
        [
          { kind: "paragraph", text: "JAX uses the Apache 2.0 licence." },
          { kind: "list", items: ["one", "two"] },
        ],
        [],
        "JAX licence",
      ),
    );
    expect(m.embeds).toHaveLength(1);
    expect(m.embeds[0]?.title).toBe("JAX licence");
    expect(m.embeds[0]?.description).toBe("JAX uses the Apache 2.0 licence.\n\n• one\n• two");
    expect(m.components).toEqual([]);
    expectWithinLimits(m);
  });

  it("escapes Discord markdown and breaks @everyone, but keeps figures intact", () => {
    expect(escapeText("*bold* _it_ `code` @everyone @here")).toBe(
      "\\*bold\\* \\_it\\_ \\`code\\` @\u200beveryone @\u200bhere",
    );
    expect(escapeText("1.2-2.5x faster")).toBe("1.2-2.5x faster");
    expect(escapeText("1. first")).toBe("1\\. first");
    expect(escapeText("# not a heading")).toBe("\\# not a heading");
    expect(escapeText("> not a quote\n- not a bullet\n  -# not small")).toBe(
      "\\> not a quote\n\\- not a bullet\n  \\-# not small",
    );
    expect(escapeText("[click me](https://evil.example)")).toBe("[click me\\](https://evil.example)");
    expect(escapeText("||spoiler|| ~~gone~~ a\\b")).toBe("\\|\\|spoiler\\|\\| \\~\\~gone\\~\\~ a\\\\b");
    expect(escapeText("mid-line - dashes # and > stay")).toBe("mid-line - dashes # and > stay");
  });

  it("escapes a 4,000-character word without spaces like any other text", () => {
    const word = "_*".repeat(2000);
    expect(escapeText(word)).toBe("\\_\\*".repeat(2000));
  });

  it("cites sources in the footer", () => {
    const m = renderReply(
      reply(
        [{ kind: "paragraph", text: "x" }],
        [
          { id: "a", title: "Licensing" },
          { id: "b", title: "Benchmarks" },
        ],
      ),
    );
    expect(m.embeds.at(-1)?.footer?.text).toBe("Sources: Licensing · Benchmarks");
  });

  it("renders a narrow table as a fixed-width code block", () => {
    const headers = ["Rank", "Framework", "Score"];
    const rows = [
      ["1", "PyTorch", "13"],
      ["2", "JAX", "1"],
    ];
    const m = renderReply(reply([{ kind: "table", caption: "Ranking", headers, rows }]));
    expect(m.embeds[0]?.description).toBe(`**Ranking**\n\n\`\`\`\n${textTable(headers, rows)}\n\`\`\``);
  });

  it("renders a wide table as one field per row", () => {
    const long = "a long explanation of what this framework is aimed at, with many words in it";
    const m = renderReply(
      reply([
        { kind: "table", headers: ["", "PyTorch", "JAX"], rows: [["Best for", long, long]] },
        { kind: "paragraph", text: "After the table." },
      ]),
    );
    const fields = m.embeds[0]?.fields ?? [];
    expect(fields[0]?.name).toBe("Best for");
    expect(fields[0]?.value).toContain(`**PyTorch:** ${long}`);
    expect(fields[1]?.value).toBe("After the table.");
    expectWithinLimits(m);
  });

  it("keeps very long replies within every embed limit", () => {
    const para = "word ".repeat(300).trim(); // 1,499 characters
    const blocks: Block[] = [];
    for (let i = 0; i < 12; i++) {
      blocks.push({ kind: "heading", text: `Section ${i}` }, { kind: "paragraph", text: para });
    }
    const m = renderReply(reply(blocks, [{ id: "s", title: "S".repeat(3000) }], "T".repeat(400)));
    expectWithinLimits(m);
    expect(m.embeds[0]?.title?.length).toBe(DISCORD_LIMITS.embedTitle);
    expect(m.embeds[0]?.title?.endsWith("…")).toBe(true);
    expect(m.embeds.at(-1)?.footer?.text.length).toBe(DISCORD_LIMITS.footerText);
  });

  it("spreads many short sections over more embeds when 25 fields are not enough", () => {
    const blocks: Block[] = [{ kind: "paragraph", text: "x".repeat(4000) }];
    for (let i = 0; i < 40; i++)
      blocks.push({ kind: "heading", text: `H${i}` }, { kind: "paragraph", text: "y" });
    const m = renderReply(reply(blocks));
    expect(m.embeds.length).toBeGreaterThan(1);
    expectWithinLimits(m);
    const names = m.embeds.flatMap((e) => (e.fields ?? []).map((f) => f.name));
    expect(names).toContain("H39");
  });

  it("splits a long code block into fenced pieces", () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`row ${i}`, "value"]);
    const m = renderReply(
      reply([
        { kind: "paragraph", text: "p".repeat(4090) },
        { kind: "table", headers: ["k", "v"], rows },
      ]),
    );
    expectWithinLimits(m);
    for (const f of m.embeds.flatMap((e) => e.fields ?? [])) {
      if (f.value.startsWith("```")) expect(f.value.endsWith("```")).toBe(true);
    }
  });
});

describe("components", () => {
  it("renders up to 5 answers as primary buttons and nav choices as secondary buttons", () => {
    const m = renderReply(
      reply([{ kind: "choices", prompt: "Pick one", choices: [...answers(3), ...nav()] }]),
    );
    expect(m.components).toHaveLength(2);
    const [answerRow, navRow] = m.components;
    expect(answerRow?.components.map((c) => ("custom_id" in c ? c.custom_id : ""))).toEqual([
      "flow:q:opt-0",
      "flow:q:opt-1",
      "flow:q:opt-2",
    ]);
    expect(answerRow?.components.every((c) => c.type === 2 && c.style === 1)).toBe(true);
    expect(navRow?.components.every((c) => c.type === 2 && c.style === 2)).toBe(true);
    expect(navRow?.components.map((c) => ("label" in c ? c.label : ""))).toEqual([
      "Back",
      "Skip",
      "Start over",
      "Cancel",
    ]);
    expect(m.embeds[0]?.description).toBe("**Pick one**");
    expectWithinLimits(m);
  });

  it("uses a string select when there are more than 5 answers, with at most 25 options", () => {
    const m = renderReply(reply([{ kind: "choices", prompt: "Pick", choices: [...answers(30), ...nav()] }]));
    const select = m.components[0]?.components[0];
    expect(select?.type).toBe(3);
    if (select?.type !== 3) throw new Error("not a select");
    expect(select.custom_id.startsWith(SELECT_PREFIX)).toBe(true);
    expect(select.options).toHaveLength(25);
    expect(select.options[0]).toEqual({ label: "Option 0", value: "flow:q:opt-0" });
    expectWithinLimits(m);
  });

  it("truncates long labels and never exceeds 5 rows", () => {
    const long: Choice = { id: "flow:q:long", label: "L".repeat(120), role: "answer" };
    const blocks: Block[] = [];
    for (let i = 0; i < 4; i++)
      blocks.push({ kind: "choices", prompt: "p", choices: [...answers(2, `q${i}`), ...nav(`q${i}`)] });
    blocks.push({ kind: "choices", prompt: "p", choices: [long] });
    const m = renderReply(reply(blocks));
    expectWithinLimits(m);
    expect(m.components).toHaveLength(5);
  });

  it("a clicked question keeps its text, loses its components and shows the choice", () => {
    const question = renderReply(reply([{ kind: "choices", prompt: "Pick", choices: answers(2) }], [], "Q1"));
    const answered = answeredMessage({ content: "", embeds: question.embeds }, "Option *1*");
    expect(answered.components).toEqual([]);
    expect(answered.embeds[0]?.title).toBe("Q1");
    expect(answered.embeds[0]?.fields?.at(-1)).toEqual({ name: "You chose", value: "✅ Option \\*1\\*" });
    expect(question.embeds[0]?.fields).toBeUndefined(); // the original is not mutated
  });
});

describe("splitText", () => {
  it("splits on line boundaries and hard-splits long lines", () => {
    expect(splitText("aaa\nbbb\nccc", 7)).toEqual(["aaa\nbbb", "ccc"]);
    expect(splitText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });

  it("never hard-splits inside an emoji", () => {
    const pieces = splitText(`x${"😀".repeat(20)}`, 10);
    expect(pieces.every((p) => p.isWellFormed() && p.length <= 10)).toBe(true);
    expect(pieces.join("")).toBe(`x${"😀".repeat(20)}`);
  });
});

describe("hostile replies", () => {
  const buttonsOf = (m: DiscordMessage) =>
    m.components.flatMap((row) => row.components).filter((c) => c.type === ComponentType.Button);

  it("never shows a blank label, option label, field name or field value", () => {
    const m = renderReply(
      reply([
        { kind: "paragraph", text: "a ".repeat(2100) },
        { kind: "heading", text: "  " },
        { kind: "paragraph", text: " " },
        { kind: "table", headers: ["h", "x"], rows: [[" ", "w".repeat(70)]] },
        { kind: "choices", prompt: " ", choices: [{ id: "a", label: "", role: "answer" }] },
        { kind: "choices", prompt: "", choices: answers(6).map((c) => ({ ...c, label: "\t" })) },
      ]),
    );
    expectWithinLimits(m);
    for (const f of m.embeds.flatMap((e) => e.fields ?? [])) {
      expect(f.name.trim()).not.toBe("");
      expect(f.value.trim()).not.toBe("");
    }
    expect(m.embeds.flatMap((e) => e.fields ?? []).some((f) => f.name === BLANK_LABEL)).toBe(true);
    expect(buttonsOf(m).map((b) => ("label" in b ? b.label : ""))).toEqual([BLANK_LABEL]);
    const select = m.components[1]?.components[0] as APIStringSelectComponent;
    expect(select.placeholder).toBe("Choose an answer");
    expect(select.options.every((o) => o.label === BLANK_LABEL)).toBe(true);
  });

  it("keeps custom ids unique when a choice id looks like a select id", () => {
    const m = renderReply(
      reply([
        {
          kind: "choices",
          prompt: "Q",
          choices: [...answers(6), { id: `${SELECT_PREFIX}0`, label: "Back", role: "nav" }],
        },
        { kind: "choices", prompt: "Q", choices: [{ id: `${SELECT_PREFIX}0`, label: "x", role: "answer" }] },
      ]),
    );
    const ids = m.components
      .flatMap((row) => row.components)
      .map((c) => ("custom_id" in c ? c.custom_id : ""));
    expect(ids).toEqual([`${SELECT_PREFIX}0`]);
  });

  it("breaks @everyone / @here in the footer, field names, table code, placeholder and labels", () => {
    const ping = "@everyone @here";
    const m = renderReply(
      reply(
        [
          { kind: "table", headers: ["a", "b"], rows: [[ping, "x"]] },
          { kind: "table", headers: ["a", "b"], rows: [[ping, "w".repeat(70)]] },
          { kind: "choices", prompt: ping, choices: answers(6).map((c) => ({ ...c, label: ping })) },
          { kind: "choices", prompt: ping, choices: [{ id: "b", label: ping, role: "answer" }] },
        ],
        [{ id: "s", title: ping }],
      ),
    );
    const json = JSON.stringify(m);
    expect(json).not.toMatch(/@(everyone|here)/);
    expect(json).toContain("@\u200beveryone");
    expect(m.embeds.at(-1)?.footer?.text).toBe("Sources: @\u200beveryone @\u200bhere");
  });

  it("never cuts an emoji in half", () => {
    for (let pad = 0; pad < 3; pad++) {
      const label = `${"a".repeat(pad)}${"😀".repeat(60)}`;
      const m = renderReply(
        reply(
          [
            { kind: "heading", text: label.repeat(3) },
            { kind: "paragraph", text: `${"b".repeat(pad)}${"😀".repeat(4000)}` },
            { kind: "choices", prompt: label.repeat(2), choices: answers(6).map((c) => ({ ...c, label })) },
            { kind: "choices", prompt: "Q", choices: [{ id: "a", label, role: "answer" }] },
          ],
          [{ id: "s", title: label.repeat(40) }],
        ),
      );
      expectWithinLimits(m);
      expect(JSON.stringify(m).isWellFormed()).toBe(true);
      const strings: string[] = [];
      JSON.stringify(m, (_, v) => {
        if (typeof v === "string") strings.push(v);
        return v;
      });
      for (const text of strings) expect(text.isWellFormed()).toBe(true);
    }
  });
});
