/**
 * Shared fast-check arbitraries for the property tests: hostile chat text (dataset words mixed
 * with chat markup, control characters, emoji, very long words), conversations of text and
 * choice turns, and synthetic replies.
 */
import fc from "fast-check";
import { CUES } from "../../src/engine/cues.js";
import { choiceInput, type TurnInput, textInput } from "../../src/engine/input.js";
import type { Knowledge } from "../../src/engine/knowledge.js";
import { respond } from "../../src/engine/respond.js";
import { type ConversationState, initialState } from "../../src/engine/state.js";
import type { Block, Choice, Reply, Source } from "../../src/reply/model.js";
import { knowledge } from "../engine/helpers.js";

/** Runs per property; overridable for a longer soak: PROPERTY_RUNS=5000 npx vitest run tests/property. */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

/** Every phrase the dataset and the cue table know: the words most likely to reach deep code paths. */
export function datasetWords(k: Knowledge = knowledge()): string[] {
  const d = k.dataset;
  const words = new Set<string>([
    ...d.technologies.flatMap((t) => [t.id, t.name, ...t.aliases]),
    ...d.aspects.flatMap((a) => [a.id, a.label, ...a.terms]),
    ...d.needs.flatMap((n) => [n.id, n.label, ...n.terms]),
    ...d.flow.questions.flatMap((q) => [q.id, ...q.options.flatMap((o) => [o.id, o.label, ...o.terms])]),
    ...d.topic.flatMap((t) => [t.id, t.label, ...t.terms]),
    ...d.meta.otherTechnologies,
    ...Object.values(CUES).flat(),
  ]);
  return [...words].sort();
}

export const CHAT_MARKUP = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S123ABC>",
  "<!subteam^S123|@team>",
  "<@U123ABC>",
  "<@W123ABC>",
  "<@!123456789012345678>",
  "<@123456789012345678>",
  "<@&123>",
  "@everyone",
  "@here",
  "@channel",
  "<#C123|general>",
  "<#123456789012345678>",
  "<http://x.y|click>",
  "<https://evil.example/?a=1&b=2|click me>",
  "[click](http://x.y)",
  "&lt;!channel&gt;",
  "&amp;",
  "&",
  "<",
  ">",
  "*",
  "**",
  "_",
  "__",
  "~",
  "~~",
  "`",
  "```",
  ">",
  ">>>",
  "||spoiler||",
  "||",
  "# ",
  "- ",
  "1. ",
  "\\",
  ":white_check_mark:",
  "|",
  "-+-",
] as const;

export const CONTROL_CHARS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  "\u007f",
  "\u0085",
  "\u200b",
  "\u200d",
  "\u202e",
  "\u2066",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffd",
];

export const EMOJI_AND_MARKS = [
  "😀",
  "👍🏽",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "🇺🇸",
  "e\u0301",
  "\u0301",
  "Z̸̢̛͓̈́a̶̧͎͊l̷̨̛g̸̡̛o̷̢͝",
  "한국어",
  "日本語",
  "עברית",
  "العربية",
  "ﷺ",
  "𝕏",
  "\ud83d", // a lone high surrogate, as broken clients send
  "\ude00", // a lone low surrogate
];

export const WHITESPACE = [" ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u3000", "\u2003", ""] as const;

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom(
    "1.2x",
    "2.5x",
    "10%",
    "80%",
    "3.0",
    "2.0",
    "1e309",
    "-0",
    "NaN",
    "Infinity",
    "0x1F",
    "١٢٣",
  ),
);

/** A word of 500-`max` characters without spaces (pasted hashes, base64, "aaaa…" key mashing). */
function longWord(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.oneof(
        fc.constantFrom("a", "x", "é", "😀", "<", "&", "_", "tensorflow", "@here", "`"),
        fc
          .string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 })
          .map((s) => s.replace(/\s/g, "") || "z"),
      ),
      fc.integer({ min: Math.min(500, max), max }),
    )
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
}

/** Thousands of characters of dataset words and markup, with spaces: long text that must be split. */
function bulkText(words: string[]): fc.Arbitrary<string> {
  const token = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...words) },
    { weight: 2, arbitrary: fc.constantFrom(...CHAT_MARKUP, ...EMOJI_AND_MARKS) },
  );
  return fc
    .tuple(fc.array(token, { minLength: 200, maxLength: 900 }), fc.constantFrom(" ", "\n", " ", "  "))
    .map(([ts, sep]) => ts.join(sep));
}

/** One fragment of hostile text. `longWordMax` bounds words without spaces. */
export function fragment(words: string[] = datasetWords(), longWordMax = 5000): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...words) },
    { weight: 3, arbitrary: fc.constantFrom(...CHAT_MARKUP) },
    { weight: 2, arbitrary: fc.constantFrom(...CONTROL_CHARS) },
    { weight: 2, arbitrary: fc.constantFrom(...EMOJI_AND_MARKS) },
    { weight: 2, arbitrary: numberText },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 12 }) },
    { weight: 1, arbitrary: longWord(longWordMax) },
  );
}

/** Questions shaped like real ones ("pytorch vs jax memory"), with hostile bits mixed in. */
export function question(k: Knowledge = knowledge()): fc.Arbitrary<string> {
  const d = k.dataset;
  const tech = fc.constantFrom(...d.technologies.flatMap((t) => [t.id, t.name, ...t.aliases]));
  const aspect = fc.constantFrom(...d.aspects.flatMap((a) => [a.label, ...a.terms]));
  const need = fc.constantFrom(...d.needs.flatMap((n) => [n.label, ...n.terms]));
  const other = fc.constantFrom(...d.meta.otherTechnologies);
  const noise = fc.oneof(
    fc.constant(""),
    fc.constantFrom(...CHAT_MARKUP),
    fc.constantFrom(...CONTROL_CHARS),
    fc.constantFrom(...EMOJI_AND_MARKS),
  );
  const shape = fc.oneof(
    fc.tuple(tech, aspect).map(([t, a]) => `${t} ${a}`),
    fc.tuple(tech, tech, aspect).map(([t, u, a]) => `${t} vs ${u} ${a}?`),
    aspect.map((a) => `which is best for ${a}`),
    need.map((n) => `best framework for ${n}`),
    tech.map((t) => `why not ${t}?`),
    tech.map((t) => `and ${t}?`),
    aspect.map((a) => `what about its ${a}`),
    fc.tuple(other, tech).map(([o, t]) => `${o} or ${t}`),
    fc.tuple(need, tech).map(([n, t]) => `recommend something for ${n}, not ${t}`),
    fc.constantFrom("recommend a framework", "start over", "help", "hi", "compare them", "tell me about jax"),
  );
  return fc.tuple(noise, shape, noise).map(([a, q, b]) => `${a}${q}${b}`);
}

/** Hostile chat text: fragments glued with random whitespace (or nothing). */
export function chatText(words: string[] = datasetWords(), longWordMax = 5000): fc.Arbitrary<string> {
  const piece = fc.tuple(fragment(words, longWordMax), fc.constantFrom(...WHITESPACE));
  return fc.oneof(
    { weight: 4, arbitrary: question() },
    { weight: 6, arbitrary: fc.array(piece, { maxLength: 10 }).map((ps) => ps.flat().join("")) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  );
}

/** A short label-like string (no very long words): for choice labels, captions, headers. */
export function shortText(words: string[] = datasetWords()): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...CHAT_MARKUP),
    fc.constantFrom(...CONTROL_CHARS),
    fc.constantFrom(...EMOJI_AND_MARKS),
    fc.string({ unit: "grapheme", maxLength: 10 }),
    fc.string({ unit: "binary", maxLength: 10 }),
  );
  return fc
    .array(fc.tuple(piece, fc.constantFrom(...WHITESPACE)), { maxLength: 6 })
    .map((ps) => ps.flat().join(""));
}

/** A string that is sometimes huge: most are short, some are thousands of characters. */
export function anyText(words: string[] = datasetWords(), longWordMax = 5000): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: shortText(words) },
    { weight: 3, arbitrary: chatText(words, longWordMax) },
    { weight: 1, arbitrary: bulkText(words) },
  );
}

// ---------------------------------------------------------------------------------------------
// Conversations

/** One step of a conversation, resolved against the previous reply when it is a click. */
export type Step =
  | { kind: "text"; text: string }
  | { kind: "offered"; index: number; answersOnly: boolean }
  | { kind: "choice"; id: string };

/** Choice ids: well-formed flow ids (real and fake questions/options) and random junk. */
export function choiceId(k: Knowledge = knowledge()): fc.Arbitrary<string> {
  const questions = k.dataset.flow.questions;
  const qIds = questions.map((q) => q.id);
  const optIds = questions.flatMap((q) => q.options.map((o) => o.id));
  const part = fc.oneof(
    fc.constantFrom(...qIds, ...optIds, "back", "skip", "start", "restart", "cancel", "", "__proto__"),
    fc.string({ unit: "grapheme", maxLength: 8 }),
  );
  return fc.oneof(
    fc.constantFrom("flow:start", "flow:restart", "flow:cancel", "flow:", "flow", ":", "flow::", "flow:::"),
    fc
      .tuple(fc.constantFrom(...qIds), fc.constantFrom(...optIds, "back", "skip"))
      .map(([q, o]) => `flow:${q}:${o}`),
    fc.array(part, { minLength: 1, maxLength: 4 }).map((ps) => `flow:${ps.join(":")}`),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 200 }),
  );
}

/** A click on one of the previous reply's choices (mostly answers when `answerBias` is high). */
function offered(answerBias = 0.5): fc.Arbitrary<Step> {
  return fc
    .tuple(fc.nat(1000), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([index, x]) => ({ kind: "offered", index, answersOnly: x < answerBias }));
}

export function step(k: Knowledge = knowledge(), words: string[] = datasetWords(k)): fc.Arbitrary<Step> {
  return fc.oneof(
    { weight: 4, arbitrary: chatText(words).map((text) => ({ kind: "text" as const, text })) },
    { weight: 4, arbitrary: offered() },
    { weight: 2, arbitrary: choiceId(k).map((id) => ({ kind: "choice" as const, id })) },
  );
}

export const offeredChoices = (reply: Reply | undefined): Choice[] =>
  reply?.blocks.flatMap((b) => (b.kind === "choices" ? b.choices : [])) ?? [];

/** The engine input a step becomes, given the reply before it (clicks pick one of its choices). */
export function toInput(s: Step, previous: Reply | undefined): TurnInput {
  if (s.kind === "text") return textInput(s.text);
  if (s.kind === "choice") return choiceInput(s.id);
  const all = offeredChoices(previous);
  const answers = all.filter((c) => c.role === "answer");
  const offered = s.answersOnly && answers.length > 0 ? answers : all;
  const choice = offered[s.index % Math.max(1, offered.length)];
  return choice ? choiceInput(choice.id) : textInput("recommend a framework");
}

export interface Turn {
  before: ConversationState;
  input: TurnInput;
  state: ConversationState;
  reply: Reply;
}

/** Plays a conversation: each turn's state feeds the next, as a store would (JSON round trip). */
export function play(k: Knowledge, steps: Step[], onTurn?: (turn: Turn) => void): Turn[] {
  const turns: Turn[] = [];
  let state = initialState();
  let last: Reply | undefined;
  for (const s of steps) {
    const input = toInput(s, last);
    const result = respond(k, state, input);
    const turn = { before: state, input, state: result.state, reply: result.reply };
    turns.push(turn);
    onTurn?.(turn);
    state = JSON.parse(JSON.stringify(result.state)) as ConversationState;
    last = result.reply;
  }
  return turns;
}

/** Conversations that usually enter the guided flow, so flow states and questions get exercised. */
export function conversation(k: Knowledge = knowledge()): fc.Arbitrary<Step[]> {
  const words = datasetWords(k);
  const opener = fc.constantFrom<Step>(
    { kind: "text", text: "recommend a framework" },
    { kind: "choice", id: "flow:start" },
    { kind: "text", text: "pytorch vs jax" },
    { kind: "text", text: "which is best for tpu" },
  );
  // Runs of clicks on offered choices walk the guided flow to its result.
  const clicks = fc.oneof(
    fc.array(offered(0.85), { maxLength: 4 }),
    fc.array(offered(0.95), { minLength: 9, maxLength: 12 }),
  );
  const mixed = fc
    .tuple(fc.option(opener, { nil: undefined }), clicks, fc.array(step(k, words), { maxLength: 6 }))
    .map(([first, walk, rest]) => [...(first ? [first] : []), ...walk, ...rest]);
  // The whole guided flow answered, then whatever the user does next ("why not jax?", old buttons).
  const walkToResult = fc
    .tuple(fc.array(fc.nat(1000), { minLength: 9, maxLength: 9 }), fc.array(step(k, words), { maxLength: 3 }))
    .map(([answers, rest]): Step[] => [
      { kind: "choice", id: "flow:start" },
      ...answers.map((index): Step => ({ kind: "offered", index, answersOnly: true })),
      ...rest,
    ]);
  return fc.oneof({ weight: 3, arbitrary: mixed }, { weight: 1, arbitrary: walkToResult });
}

// ---------------------------------------------------------------------------------------------
// Engine replies from arbitrary inputs

/** Replies the engine gives somewhere in an arbitrary conversation. */
export function engineReply(k: Knowledge = knowledge()): fc.Arbitrary<Reply> {
  return fc
    .tuple(conversation(k), fc.nat(), fc.boolean())
    .filter(([steps]) => steps.length > 0)
    .map(([steps, pick, last]) => {
      const turns = play(k, steps);
      return (turns[last ? turns.length - 1 : pick % turns.length] as Turn).reply;
    });
}

// ---------------------------------------------------------------------------------------------
// Synthetic replies

export interface SyntheticOptions {
  words?: string[];
  /** Longest word without spaces in the reply's text (see fragment()). */
  longWordMax?: number;
}

export function choiceArb({ words = datasetWords(), longWordMax = 5000 }: SyntheticOptions = {}) {
  return fc.record({
    id: fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 30 }) },
      { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 140, maxLength: 2100 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom("stackwise:select:0", "stackwise:select:1", "flow:restart", ""),
      },
    ),
    label: fc.oneof(
      { weight: 4, arbitrary: shortText(words) },
      { weight: 1, arbitrary: anyText(words, longWordMax) },
    ),
    role: fc.constantFrom("answer" as const, "nav" as const),
  }) satisfies fc.Arbitrary<Choice>;
}

export function blockArb({
  words = datasetWords(),
  longWordMax = 5000,
}: SyntheticOptions = {}): fc.Arbitrary<Block> {
  const text = anyText(words, longWordMax);
  const cell = fc.oneof({ weight: 5, arbitrary: shortText(words) }, { weight: 1, arbitrary: text });
  const table = fc.integer({ min: 0, max: 5 }).chain((columns) =>
    fc.record(
      {
        kind: fc.constant("table" as const),
        caption: fc.option(shortText(words), { nil: undefined }),
        headers: fc.array(cell, { minLength: columns, maxLength: columns }),
        rows: fc.array(fc.array(cell, { minLength: 0, maxLength: columns + 1 }), { maxLength: 30 }),
      },
      { requiredKeys: ["kind", "headers", "rows"] },
    ),
  );
  const choice = choiceArb({ words, longWordMax });
  return fc.oneof(
    fc.record({ kind: fc.constant("heading" as const), text }),
    fc.record({ kind: fc.constant("paragraph" as const), text }),
    fc.record({ kind: fc.constant("list" as const), items: fc.array(text, { maxLength: 12 }) }),
    table,
    fc.record({
      kind: fc.constant("choices" as const),
      prompt: text,
      choices: fc.oneof(
        { weight: 5, arbitrary: fc.array(choice, { maxLength: 8 }) },
        // Past Discord's 25 options and Slack's 100 per menu.
        { weight: 1, arbitrary: fc.array(choice, { minLength: 20, maxLength: 120 }) },
      ),
    }),
  );
}

/** Cheap blocks, many of them: replies past Slack's 50 blocks and Discord's 25 fields x 10 embeds. */
function lightBlock(words: string[]): fc.Arbitrary<Block> {
  const text = shortText(words);
  return fc.oneof(
    fc.record({ kind: fc.constant("heading" as const), text }),
    fc.record({ kind: fc.constant("paragraph" as const), text }),
    fc.record({ kind: fc.constant("list" as const), items: fc.array(text, { maxLength: 3 }) }),
    fc.record({
      kind: fc.constant("choices" as const),
      prompt: text,
      choices: fc.array(
        fc.record({
          id: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }),
          label: text,
          role: fc.constantFrom("answer" as const, "nav" as const),
        }),
        { maxLength: 7 },
      ),
    }),
  );
}

export function sourceArb({ words = datasetWords(), longWordMax = 5000 }: SyntheticOptions = {}) {
  return fc.record({
    id: fc.string({ maxLength: 20 }),
    title: anyText(words, longWordMax),
  }) satisfies fc.Arbitrary<Source>;
}

/** Any reply the model's types allow, including ones far beyond what the engine writes. */
export function syntheticReply(options: SyntheticOptions = {}): fc.Arbitrary<Reply> {
  const words = options.words ?? datasetWords();
  return fc.record({
    intent: fc.string({ maxLength: 10 }),
    title: fc.option(anyText(words, options.longWordMax ?? 5000), { nil: null }),
    visibility: fc.constantFrom("public" as const, "asker" as const),
    technologies: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
    aspect: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
    pick: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
    blocks: fc.oneof(
      { weight: 5, arbitrary: fc.array(blockArb(options), { maxLength: 8 }) },
      { weight: 1, arbitrary: fc.array(lightBlock(words), { minLength: 45, maxLength: 300 }) },
    ),
    sources: fc.array(sourceArb(options), { maxLength: 6 }),
  });
}

/** Every string anywhere in a JSON-able value, with its path (for messages). */
export function stringsIn(value: unknown, path = "$"): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, v]) => stringsIn(v, `${path}.${key}`));
  return [];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Strings in a value that hold a lone UTF-16 surrogate (half an emoji, cut by a truncation). */
export function brokenStrings(value: unknown): { path: string; value: string }[] {
  return stringsIn(value).filter((s) => LONE_SURROGATE.test(s.value));
}
