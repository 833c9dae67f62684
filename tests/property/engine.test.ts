import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choiceInput, textInput } from "../../src/engine/input.js";
import { respond } from "../../src/engine/respond.js";
import { type ConversationState, initialState } from "../../src/engine/state.js";
import { REPLY_LIMITS, type Reply } from "../../src/reply/model.js";
import { toPlainText } from "../../src/reply/plain-text.js";
import { knowledge } from "../engine/helpers.js";
import { chatText, choiceId, conversation, datasetWords, play, RUNS, type Turn } from "./arbitraries.js";

const k = knowledge();
const words = datasetWords(k);
const techIds = new Set(k.dataset.technologies.map((t) => t.id));
const sectionIds = new Set(k.dataset.meta.sections.map((s) => s.id));
const aspectIds = new Set(k.dataset.aspects.map((a) => a.id));

/** The invariants every turn's result must hold. */
function expectWellFormed({ state, reply }: Pick<Turn, "state" | "reply">) {
  expect(reply.blocks.length).toBeGreaterThan(0);
  expect(toPlainText(reply).trim().length).toBeGreaterThan(0);
  // A store writes JSON: the state must come back exactly (no undefined, NaN, -0, Infinity, Map, Date).
  expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  expect(state.version).toBe(1);
  for (const t of reply.technologies) expect(techIds).toContain(t);
  for (const t of state.focus.technologies) expect(techIds).toContain(t);
  if (reply.pick !== null) expect(techIds).toContain(reply.pick);
  if (reply.aspect !== null) expect(aspectIds).toContain(reply.aspect);
  for (const s of reply.sources) expect(sectionIds).toContain(s.id);
  // The reply itself crosses process boundaries too (CLI JSON, logs).
  expect(JSON.parse(JSON.stringify(reply))).toStrictEqual(reply);
}

/** The limits the reply model promises renderers (src/reply/model.ts REPLY_LIMITS). */
function expectWithinReplyLimits(reply: Reply) {
  for (const b of reply.blocks) {
    if (b.kind === "choices") {
      expect(b.choices.length).toBeLessThanOrEqual(REPLY_LIMITS.choicesPerBlock);
      for (const c of b.choices) {
        expect(c.id.length).toBeGreaterThan(0);
        expect(c.id.length).toBeLessThanOrEqual(REPLY_LIMITS.choiceId);
        expect(c.label.trim().length).toBeGreaterThan(0);
        expect(c.label.length).toBeLessThanOrEqual(REPLY_LIMITS.choiceLabel);
      }
      expect(new Set(b.choices.map((c) => c.id)).size).toBe(b.choices.length);
    }
    if (b.kind === "table") {
      expect(b.headers.length).toBeLessThanOrEqual(REPLY_LIMITS.tableColumns);
      for (const row of b.rows) expect(row.length).toBe(b.headers.length);
    }
  }
}

describe("engine: respond() on arbitrary input", () => {
  it("a single text turn from a fresh state is always a well-formed reply", () => {
    fc.assert(
      fc.property(chatText(words), (text) => {
        const result = respond(k, initialState(), textInput(text));
        expectWellFormed(result);
        expectWithinReplyLimits(result.reply);
      }),
      { numRuns: RUNS },
    );
  });

  it("a single click on an arbitrary choice id is always a well-formed reply", () => {
    fc.assert(
      fc.property(choiceId(k), (id) => {
        const result = respond(k, initialState(), choiceInput(id));
        expectWellFormed(result);
        expectWithinReplyLimits(result.reply);
      }),
      { numRuns: RUNS },
    );
  });

  it("every turn of an arbitrary conversation (text, offered clicks, junk clicks) is well-formed", () => {
    fc.assert(
      fc.property(conversation(k), (steps) => {
        play(k, steps, (turn) => {
          expectWellFormed(turn);
          expectWithinReplyLimits(turn.reply);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("never falls back to its internal error handler (the catch-all in respond() is a bug signal)", () => {
    // respond() swallows exceptions and answers with intent "error": a thrown bug is invisible to
    // the "never throws" property, so it is asserted here explicitly.
    fc.assert(
      fc.property(conversation(k), (steps) => {
        play(k, steps, (turn) => {
          expect(turn.reply.intent, JSON.stringify(turn.input)).not.toBe("error");
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("tolerates missing or foreign state (a store returning null, an old or corrupt record)", () => {
    const junk = fc.constantFrom<unknown>(
      null,
      undefined,
      {},
      { version: 2 },
      { version: 1 },
      "state",
      42,
      [],
    );
    fc.assert(
      fc.property(junk, chatText(words), (state, text) => {
        const result = respond(k, state as ConversationState, textInput(text));
        expectWellFormed(result);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe("engine: determinism and purity", () => {
  it("the same (state, input) gives the same reply and state, and never mutates its input state", () => {
    fc.assert(
      fc.property(conversation(k), fc.nat(), (steps, pick) => {
        const turns = play(k, steps);
        if (turns.length === 0) return;
        const { before, input } = turns[pick % turns.length] as Turn;
        const snapshot = structuredClone(before);
        const a = respond(k, before, input);
        const b = respond(k, structuredClone(snapshot), input);
        expect(before).toStrictEqual(snapshot);
        expect(b.reply).toStrictEqual(a.reply);
        expect(b.state).toStrictEqual(a.state);
        // And it matches what the conversation itself got at that turn.
        expect(a.reply).toStrictEqual((turns[pick % turns.length] as Turn).reply);
      }),
      { numRuns: RUNS },
    );
  });
});
