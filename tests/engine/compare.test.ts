import { describe, expect, it } from "vitest";
import { ask, readable } from "./helpers.js";

const table = (reply: ReturnType<typeof ask>) => reply.blocks.find((b) => b.kind === "table");

describe("comparisons", () => {
  const pairs: [string, string[]][] = [
    ["pytorch vs tf", ["pytorch", "tensorflow"]],
    ["tensorflow vs jax", ["tensorflow", "jax"]],
    ["jax or pytorch?", ["jax", "pytorch"]],
    ["compare jax, pytorch and tensorflow", ["jax", "pytorch", "tensorflow"]],
    ["torch versus keras", ["pytorch", "tensorflow"]],
    ["diff between pytorch and jax", ["pytorch", "jax"]],
    ["jax vs torch vs tf", ["jax", "pytorch", "tensorflow"]],
    ["pytorh vs tensorflw", ["pytorch", "tensorflow"]],
    ["how does jax stack up against pytorch", ["jax", "pytorch"]],
  ];
  for (const [question, techs] of pairs) {
    it(`${question} -> table of ${techs.join(", ")}`, () => {
      const reply = ask(question);
      expect(reply.intent).toBe("compare");
      expect(reply.technologies).toEqual(techs);
      const t = table(reply);
      expect(t?.kind === "table" && t.headers.length).toBeGreaterThanOrEqual(2);
    });
  }

  it("pytorch vs tf on memory: a memory table with both figures", () => {
    const reply = ask("pytorch vs tf on memory");
    expect(reply.aspect).toBe("memory");
    const text = readable(reply);
    expect(text).toMatch(/10-20%/);
    expect(text).toMatch(/300-500\s?mb/);
  });

  it("compare jax and pytorch memory", () => {
    const reply = ask("compare jax and pytorch memory");
    expect(reply.technologies).toEqual(["jax", "pytorch"]);
    expect(reply.aspect).toBe("memory");
  });

  it("do pytorch and jax have the same license? shows both licenses", () => {
    const text = readable(ask("do pytorch and jax have the same license?"));
    expect(text).toMatch(/bsd/);
    expect(text).toMatch(/apache/);
  });

  it("declares a winner when the figures compare: stack overflow questions", () => {
    const reply = ask("pytorch vs tensorflow vs jax stack overflow questions");
    expect(reply.pick).toBe("tensorflow");
    expect(readable(reply)).toMatch(/85,?000/);
  });

  it("uses the source's own ranking where it states one (compiled PyTorch trains faster than TensorFlow)", () => {
    expect(ask("pytorch vs tensorflow training speed").pick).toBe("pytorch");
  });

  it("declares the lower build time the winner", () => {
    expect(ask("tensorflow vs pytorch build time").pick).toBe("pytorch");
  });

  it("no winner where the source gives no like-for-like figure", () => {
    const reply = ask("pytorch vs tensorflow memory");
    expect(reply.pick).toBeNull();
    expect(readable(reply)).toMatch(/no like-for-like/);
  });

  it("overall comparison gives the source's default pick when it is in the table", () => {
    expect(ask("pytorch vs jax").pick).toBe("pytorch");
  });

  it("tf vs jax overall says where each wins", () => {
    const text = readable(ask("tf vs jax"));
    expect(text).toMatch(/jax is the pick for/);
    expect(text).toMatch(/tensorflow 3\.0 is the pick for/);
  });

  it("a comparison of all three on cost", () => {
    const reply = ask("which is cheapest to run, jax pytorch or tensorflow?");
    expect(reply.technologies).toEqual(expect.arrayContaining(["jax", "pytorch", "tensorflow"]));
    expect(readable(reply)).toMatch(/\$2,000-\$8,000/);
  });
});

describe("which is best for X", () => {
  const cases: [string, string, RegExp?][] = [
    ["which is best for TPUs?", "jax", /tpu/],
    ["best framework for tpu pods", "jax"],
    ["Best framework for IoT and edge devices?", "tensorflow", /lite/],
    ["what should I use for mobile apps", "tensorflow", /lite/],
    ["which one runs in the browser", "tensorflow", /tensorflow\.js/],
    ["Which framework dominates academic research papers?", "pytorch", /75\s?%/],
    ["best for research prototyping", "pytorch"],
    ["easiest to debug?", "pytorch"],
    ["which has the most pretrained models", "pytorch"],
    ["best for hessians and higher order derivatives", "jax"],
    ["what's ideal for custom autodiff", "jax"],
    ["cheapest for large scale training", "jax", /15-30%/],
    ["we need enterprise support contracts, which one", "tensorflow"],
    ["best for beginners", "pytorch"],
    ["which is best for serving in production", "tensorflow"],
    ["good for porting numpy code to gpu?", "jax"],
    ["which has the biggest community", "tensorflow", /8-10 million/],
    ["which has the most downloads", "tensorflow"],
    ["fastest compile time?", "pytorch"],
    ["is pytorch good for mobile?", "tensorflow"],
    ["best for training models over 10B params", "jax"],
  ];
  for (const [question, pick, fact] of cases) {
    it(`${question} -> ${pick}`, () => {
      const reply = ask(question);
      expect(reply.pick).toBe(pick);
      expect(reply.technologies[0]).toBe(pick);
      if (fact) expect(readable(reply)).toMatch(fact);
      expect(reply.sources.length).toBeGreaterThan(0);
    });
  }

  it("a tie on the figures is reported as a tie, with no winner", () => {
    const reply = ask("which one has the most job postings");
    expect(reply.pick).toBeNull();
    expect(readable(reply)).toMatch(/tie/);
    expect(readable(reply)).toMatch(/50,000/);
  });

  it("says what the others offer instead", () => {
    const text = readable(ask("which is best for TPUs?"));
    expect(text).toMatch(/pytorch 2\.0/);
    expect(text).toMatch(/tensorflow 3\.0/);
  });
});

describe("questions about a word that sets one technology apart", () => {
  it("'which one isn't apache licensed?' singles out PyTorch", () => {
    const reply = ask("which one isn't apache licensed?");
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).toMatch(/bsd/);
  });

  it("'which is bsd licensed' singles out PyTorch too", () => {
    expect(ask("which is bsd licensed").pick).toBe("pytorch");
  });

  it("an abbreviation meets the words a fact spells out: 'which has LTS releases?'", () => {
    const reply = ask("which one has LTS versions?");
    expect(reply.pick).toBe("tensorflow");
    expect(readable(reply)).toMatch(/only tensorflow 3\.0's release frequency mentions "lts"/);
    // The initials must come from consecutive words of one fact, not from anywhere.
    expect(ask("which one has XQZ versions?").pick).not.toBe("tensorflow");
  });

  it("a word all of them share singles out nobody", () => {
    expect(ask("which one is open source licensed?").pick).toBeNull();
  });

  it("a fact that names a word only to deny it does not count as having it", () => {
    // JAX's mobile entry says the page names "no mobile or edge deployment route" for it.
    const reply = ask("which one doesn't support mobile at all");
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/credits pytorch 2\.0 and tensorflow 3\.0 with "mobile"/);
  });

  it("a superlative ranks on the aspect rather than singling out by a word", () => {
    const text = readable(ask("which one ships updates most often"));
    expect(text).not.toMatch(/only .{0,60} mentions/);
    expect(text).toMatch(/2-4 weeks/);
  });
});
