import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderTerminal } from "../../adapters/shell/render.js";
import { textTable, toPlainText } from "../../src/reply/plain-text.js";
import { knowledge } from "../engine/helpers.js";
import { anyText, datasetWords, engineReply, offeredChoices, RUNS, syntheticReply } from "./arbitraries.js";

const k = knowledge();
const words = datasetWords(k);
const squash = (s: string) => s.replace(/\s+/g, "");

describe("plain text: toPlainText()", () => {
  it("never throws and loses no heading, paragraph or choice label, whatever the reply", () => {
    fc.assert(
      fc.property(syntheticReply({ words }), fc.boolean(), (reply, sources) => {
        const text = toPlainText(reply, { sources });
        expect(typeof text).toBe("string");
        for (const b of reply.blocks) {
          if (b.kind === "heading" || b.kind === "paragraph") expect(text).toContain(b.text);
          if (b.kind === "choices") for (const c of b.choices) expect(text).toContain(c.label);
          if (b.kind === "list") for (const item of b.items) expect(text).toContain(item);
        }
        if (sources) for (const s of reply.sources) expect(text).toContain(s.title);
      }),
      { numRuns: RUNS },
    );
  });

  it("textTable() never throws on ragged rows, empty headers or any cell width", () => {
    const cell = anyText(words, 1000);
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 5 }),
        fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 }),
        fc.integer({ min: -5, max: 200 }),
        (headers, rows, maxCell) => {
          expect(typeof textTable(headers, rows, maxCell)).toBe("string");
          expect(typeof textTable(headers, rows)).toBe("string");
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("terminal: renderTerminal()", () => {
  const style = fc.record({ color: fc.boolean(), width: fc.integer({ min: 0, max: 200 }) });

  it("never throws, numbers every choice in order, and loses no paragraph text (any width)", () => {
    fc.assert(
      fc.property(syntheticReply({ words }), style, (reply, s) => {
        const out = renderTerminal(reply, s);
        expect(typeof out.text).toBe("string");
        expect(out.choices).toEqual(offeredChoices(reply));
        const shown = squash(out.text);
        for (const b of reply.blocks) if (b.kind === "paragraph") expect(shown).toContain(squash(b.text));
      }),
      { numRuns: RUNS },
    );
  });

  it("renders every engine reply, and each number the user can type maps to an offered choice", () => {
    fc.assert(
      fc.property(engineReply(k), style, (reply, s) => {
        const out = renderTerminal(reply, s);
        expect(out.text.trim().length).toBeGreaterThan(0);
        out.choices.forEach((c, i) => {
          expect(out.text).toContain(`${String(i + 1).padStart(2)}. ${c.label}`);
        });
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
