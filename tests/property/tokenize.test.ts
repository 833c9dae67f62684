import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitClauses } from "../../src/engine/text/matcher.js";
import { tokenize, tokenizeByRules } from "../../src/engine/text/normalize.js";
import { datasetWords, RUNS } from "./arbitraries.js";

const words = datasetWords();
/** The characters the tokenizer's rules turn on, weighted up; any printable ASCII besides. */
const tricky = fc.constantFrom(..."...,,,---'''``s0123456789+#_ \n\t".split(""));
const asciiText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: tricky },
      { weight: 3, arbitrary: fc.constantFrom(...words) },
      { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 6 }) },
      { weight: 1, arbitrary: fc.constantFrom("constructor", "toString", "__proto__", "ppl", "rn", "tbh") },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("tokenize(): the fast path for plain text", () => {
  it("gives exactly the tokens of the reference rules, for any ASCII text", () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(tokenize(text)).toEqual(tokenizeByRules(text));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it("keeps figures, versions and grouped numbers whole and splits the rest at punctuation", () => {
    expect(tokenize("Whats the diff: PyTorch 2.0 vs TF-3.0's mem, rn? 50,000 GPUs... tf.keras")).toEqual([
      "what",
      "is",
      "the",
      "difference",
      "pytorch",
      "2.0",
      "vs",
      "tf",
      "3.0",
      "memory",
      "right",
      "now",
      "50000",
      "gpus",
      "tf",
      "keras",
    ]);
  });

  it("leaves words that name object properties alone", () => {
    for (const text of ["constructor", "toString", "valueOf", "hasOwnProperty"]) {
      expect(tokenize(`what is ${text}`).join(" ")).toBe(`what is ${text.toLowerCase()}`);
      expect(tokenizeByRules(`what is ${text}: really`).join(" ")).toBe(
        `what is ${text.toLowerCase()} really`,
      );
    }
  });
});

describe("splitClauses()", () => {
  it("splits at sentence marks and joining words, not inside figures", () => {
    expect(splitClauses("we use TPUs, but PyTorch 2.0 is nice... anyway which?")).toEqual([
      "we use TPUs",
      "PyTorch 2.0 is nice",
      "which",
    ]);
  });
});
