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

  it("the plural of a word in -ing meets its singular: 'community size ratings' is the rating", () => {
    expect(stem("ratings")).toBe(stem("rating"));
    expect(stem("embeddings")).toBe(stem("embedding"));
    const reply = ask("community size ratings for each in the quick comparison table");
    expect(reply.aspect).toBe("community-rating");
    expect(readable(reply)).toMatch(/massive/);
  });

  it("one small word inside a phrase costs nothing: 'cheapest for big training runs'", () => {
    const reply = ask("cheapest for big training runs");
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/15-30\s*%/);
  });

  it("a problem question adds the technology's downsides on that aspect, a plain one does not", () => {
    const trouble = readable(ask("why does jax keep running out of memory"));
    expect(trouble).toMatch(/20-30\s*%/);
    expect(trouble).toMatch(/downsides.*unexpected oom errors/);
    expect(readable(ask("how much memory does jax use"))).not.toMatch(/downsides/);
  });

  it("an ordinary word beside 'comparison' is not taken for an unknown framework", () => {
    const reply = ask("three-way comparison on learning curve");
    expect(reply.intent).not.toBe("unknown-technology");
    expect(reply.technologies).toHaveLength(3);
  });

  it("two versions of one framework are a fact about it, not a three-way comparison", () => {
    const reply = ask("how many times faster is pytorch 2 inference than pytorch 1.x");
    expect(reply.technologies).toEqual(["pytorch"]);
    expect(reply.pick).toBeNull();
    expect(readable(reply)).toMatch(/2x/);
  });

  it("a word the dataset has nothing on is named as not covered before the overview", () => {
    const text = readable(ask("does tensorflow support windows"));
    expect(text).toMatch(/the source page doesn't cover "windows" for tensorflow 3\.0/);
    expect(readable(ask("tell me about jax"))).not.toMatch(/doesn't cover/);
  });

  it("context first, then a ranking question: the question is answered, not a recommendation flow", () => {
    const reply = ask(
      "Our laptops have little disk left, and CI is slow. Which framework has the smallest install?",
    );
    expect(reply.intent).toBe("best-for");
    expect(reply.pick).toBe("tensorflow");
    expect(readable(reply)).toMatch(/500-700\s*mb/);
  });

  it("'which one is not good for X' names the one the source gives no X, under a heading that says so", () => {
    const reply = ask("which framework is not good for mobile");
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/^mobile, edge and iot: jax is the odd one out/);
  });

  it("a short plural meets its singular term: 'raspberry pis'", () => {
    expect(ask("best framework for raspberry pis").pick).toBe(ask("best framework for a raspberry pi").pick);
    expect(ask("best framework for raspberry pis").pick).toBe("tensorflow");
  });

  it("a comparison with no direction takes the source's own conclusion over its raw estimates", () => {
    const reply = ask("compare the TCO of jax and pytorch");
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).toMatch(/cost summary concludes/);
    // Asked "cheaper", the figures are shown too, but the conclusion still decides.
    const cheaper = ask("is jax or pytorch cheaper");
    expect(cheaper.pick).toBe("pytorch");
    expect(readable(cheaper)).toMatch(/by the figures alone, jax/);
  });
});
