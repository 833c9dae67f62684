import { describe, expect, it } from "vitest";
import { understand } from "../../src/engine/understand.js";
import { ask, knowledge, readable } from "./helpers.js";

/** Numbers with units, read as data: the unit comes from the words around the number, never the number. */
const read = (text: string) => understand(knowledge(), text).quantities.map((q) => `${q.value} ${q.unit}`);

describe("numbers with units", () => {
  it.each([
    ["we've got 200k text samples to classify", ["200000 samples"]],
    ["$60k a run", ["60000 usd"]],
    ["we spend a few thousand a month on compute", ["3000 usd-month"]],
    ["3 of us, each run is ~1500 GPU-hours", ["3 people", "1500 gpu-hours"]],
    ["team of 6 on 8 GPUs", ["6 people", "8 gpus"]],
    ["a 70B llm on 256 a100s", ["70000000000 params", "256 gpus"]],
    ["a 5-person team", ["5 people"]],
    ["200k", []],
    ["3 models", []],
    ["pytorch 2.0 vs tf 3", []],
  ])("%j reads as %j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it("a count of samples is not a budget: '200k text samples ... no budget' is a tight budget, not JAX's $50K runs", () => {
    const reply = ask("we've got 200k text samples to classify and no budget, what should we use?");
    expect(reply.pick).not.toBe("jax");
    expect(reply.blocks.some((b) => b.kind === "paragraph" && /budget: tight/i.test(b.text))).toBe(true);
  });

  it("money per run and money per month land on different budget answers", () => {
    const options = (text: string) => understand(knowledge(), text).options.get("budget")?.id;
    expect(options("our runs cost $60k a run")).toBe("large-training");
    expect(options("we spend a few thousand a month")).toBe("moderate");
    expect(options("money is not an issue")).toBe("large-training");
    expect(options("budget is tiny")).toBe("tight");
  });

  it("a number counting something the units don't know is no spend: '50k support tickets' reads no $50K runs", () => {
    const u = understand(
      knowledge(),
      "fine tuning hugging face transformers on 50k support tickets, 3 person team",
    );
    expect(u.needs.map((n) => n.id)).not.toContain("training-over-50k");
    expect(u.options.get("budget")).toBeUndefined();
    const reply = ask("fine tuning hugging face transformers on 50k support tickets, 3 person team");
    expect(reply.pick).toBe("pytorch");
    // The same figure with its unit still counts.
    expect(understand(knowledge(), "runs cost 50k each").options.get("budget")?.id).toBe("large-training");
  });
});

describe("hours at a rate the page states", () => {
  it.each([
    ["what would 250 hours on the tpu v3-8 cost us", /\$8\/hour[^.]*250 hours come to \$2,000/],
    ["p3.2xlarge for 100 hrs, how much is that", /100 hours come to \$306 \(100 × \$3\.06\)/],
  ])("%j works out the total and quotes the rate's statement", (text, working) => {
    const out = readable(ask(text));
    expect(out).toMatch(working);
    expect(out).toMatch(/states the rate, not this total/);
  });

  it("a total the page gives itself is said to match it: 730 hours of p3.2xlarge", () => {
    expect(readable(ask("730 hrs of p3.2xlarge a month, what's that?"))).toMatch(
      /730 hours come to \$2,234 \(730 × \$3\.06\)\. the page gives the same total/,
    );
  });

  it("hours asked of no priced thing are no sum: 'how many hours does jax take to compile'", () => {
    expect(readable(ask("how many hours does jax take to compile"))).not.toMatch(/worked out/);
  });

  it("the number inside a model code counts nothing: 'tpu v3-8 a month' is no $8 budget", () => {
    const u = understand(knowledge(), "we'd rent a tpu v3-8 a month");
    expect(u.quantities.filter((q) => q.unit.startsWith("usd"))).toEqual([]);
  });
});

describe("a count whose unit was named just before it", () => {
  it.each([
    ["what if the model grew to 20b?", 20e9],
    ["our models are about 70B now", 70e9],
  ])("%j reads a parameter count", (text, value) => {
    const u = understand(knowledge(), text);
    expect(u.quantities).toContainEqual(expect.objectContaining({ unit: "params", value }));
  });

  it("an unscaled number after 'model' counts nothing: 'model 3 of the sample'", () => {
    expect(understand(knowledge(), "model 3 of the sample").quantities).toEqual([]);
  });
});
