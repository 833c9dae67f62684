import { describe, expect, it } from "vitest";
import { stem } from "../../src/engine/text/normalize.js";
import { ask, readable } from "./helpers.js";

/** Ways of putting a question that carry no new meaning: the answer must not change with them. */
describe("phrasing that should not change the answer", () => {
  it("a plain adjective is not a superlative: 'small models' asks about them, 'smallest' ranks", () => {
    const fact = ask("tf gpu inference latency for small models");
    expect(fact.intent).toBe("fact");
    expect(fact.technologies).toEqual(["tensorflow"]);
    expect(readable(fact)).toMatch(/1-5\s*ms/);
    expect(ask("which has the smallest install size").intent).toBe("best-for");
  });

  it("softening words do not break a phrase apart: 'who actually uses jax'", () => {
    const plain = readable(ask("who uses jax"));
    expect(readable(ask("who actually uses jax"))).toBe(plain);
    expect(plain).toMatch(/deepmind/);
  });

  it("clipped words of engineering chat read as the full word", () => {
    expect(ask("jax perf on gpus").aspect).toBe(ask("jax performance on gpus").aspect);
    expect(readable(ask("how much mem does jax need"))).toMatch(/20-30\s*%/);
  });

  it("comparatives and superlatives in -ier and -iest meet their adjective", () => {
    expect(stem("easiest")).toBe(stem("easy"));
    expect(stem("heavier")).toBe(stem("heavy"));
    expect(stem("frontier")).not.toBe(stem("front"));
  });

  it("one small word inside a phrase costs nothing: 'cheapest for big training runs'", () => {
    const reply = ask("cheapest for big training runs");
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/15-30\s*%/);
  });
});
