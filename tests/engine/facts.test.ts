import { describe, expect, it } from "vitest";
import { ask, readable } from "./helpers.js";

/**
 * Fact questions about one technology, phrased many ways (typos, slang, aliases). Each case
 * checks what the user reads: the technology and the figure the source gives.
 */
type Case = [question: string, tech: string, fact: RegExp];

const cases: Record<string, Case[]> = {
  license: [
    ["what license does JAX use?", "jax", /apache 2\.0/],
    ["jax licence", "jax", /apache/],
    ["Which license is TensorFlow released under?", "tensorflow", /apache 2\.0/],
    ["tensorlfow license", "tensorflow", /apache/],
    ["is pytorch open source? what's the licensing", "pytorch", /bsd 3-clause/],
    ["torch license pls", "pytorch", /bsd/],
    ["can I use keras commercially, what license", "tensorflow", /apache/],
    ["pytroch licensing terms", "pytorch", /bsd/],
  ],
  installSize: [
    ["what's the install size of torch?", "pytorch", /800\s?mb-2\.5\s?gb/],
    ["How big is the PyTorch install?", "pytorch", /800\s?mb/],
    ["What's the installed size of TensorFlow 3.0?", "tensorflow", /500-700\s?mb/],
    ["tf bundle size", "tensorflow", /500-700/],
    ["how much disk space does jax take", "jax", /150-200\s?mb/],
    ["jax download size with cuda", "jax", /500\s?mb-1\s?gb/],
    ["tensorflow lite model size", "tensorflow", /1-50\s?mb/],
  ],
  memory: [
    ["How memory-efficient is JAX?", "jax", /20-30%/],
    ["jax memory usage", "jax", /20-30%/],
    ["how much ram does tensorflow need", "tensorflow", /300-500\s?mb/],
    ["tf gpu memory for training bert", "tensorflow", /4-16\s?gb/],
    ["pytorch memory footprint", "pytorch", /10-20%/],
    ["does torch eat a lot of vram", "pytorch", /10-20%/],
    ["memroy use of jax", "jax", /20-30%/],
  ],
  buildTime: [
    ["how long does jax take to compile?", "jax", /45-90 seconds/],
    ["jax compilation overhead", "jax", /45-90/],
    ["torch.compile compile time", "pytorch", /15-45 seconds/],
    ["pytorch build time", "pytorch", /15-45 seconds/],
    ["tensorflow build time", "tensorflow", /15-45 minutes/],
    ["how slow is tf to build a model", "tensorflow", /15-45 minutes/],
  ],
  runtime: [
    ["How much faster is JAX on GPUs?", "jax", /1\.1-1\.8x/],
    ["jax speed on tpus", "jax", /1\.2-2\.5x/],
    ["pytorch 2 runtime performance", "pytorch", /2x/],
    ["is pytorch 2.0 faster than 1.x", "pytorch", /30-40%/],
    ["tensorflow 3 inference speed", "tensorflow", /30-40%/],
    ["how fast is tf3 at training", "tensorflow", /1\.5-2x/],
  ],
  throughput: [
    ["JAX throughput on TPUv3?", "jax", /85,000-120,000/],
    ["jax training throughput resnet-50", "jax", /45,000-65,000/],
    ["tensorflow images per second on a100", "tensorflow", /5000-15000/],
    ["tf bert fine-tuning samples per second", "tensorflow", /200-500/],
    ["pytorch training throughput on transformers", "pytorch", /1\.3-2\.1x/],
    ["torch inference latency reduction", "pytorch", /30-60%/],
  ],
  community: [
    ["how big is the pytorch community?", "pytorch", /2\.5 million/],
    ["how many developers use tensorflow", "tensorflow", /8-10 million/],
    ["jax user base size", "jax", /50,000/],
    ["how many people use jax", "jax", /50,000/],
  ],
  downloads: [
    ["pytorch monthly downloads", "pytorch", /15 million/],
    ["how many pip installs does jax get", "jax", /800,000/],
    ["tensorflow pypi downloads per month", "tensorflow", /15-20 million/],
    ["npm downloads of tf", "tensorflow", /15-20 million/],
  ],
  stackoverflow: [
    ["Number of StackOverflow questions tagged pytorch?", "pytorch", /75,000/],
    ["how many stack overflow questions for tensorflow", "tensorflow", /85,?000/],
    ["jax SO questions", "jax", /3,500/],
  ],
  jobs: [
    ["how many job postings ask for pytorch", "pytorch", /50,000/],
    ["tensorflow jobs", "tensorflow", /45,?000-55,?000/],
    ["is jax good for my career? job openings", "jax", /1,200-1,500/],
    ["hiring demand for jax skills", "jax", /1,200-1,500/],
  ],
  companies: [
    ["who uses jax?", "jax", /anthropic/],
    ["which companies use pytorch", "pytorch", /meta/],
    ["big companies using tensorflow", "tensorflow", /airbnb/],
    ["who is using tf these days?", "tensorflow", /paypal/],
  ],
  maintainers: [
    ["who maintains pytorch?", "pytorch", /linux foundation/],
    ["jax maintainers", "jax", /15-20/],
    ["who's behind tensorflow development", "tensorflow", /google/],
  ],
  releases: [
    ["How frequently does JAX ship releases?", "jax", /2-4 weeks/],
    ["pytorch release cadence", "pytorch", /3-4 months/],
    ["how often is tensorflow updated", "tensorflow", /4-8 weeks/],
    ["tf lts support length", "tensorflow", /1-2 years/],
  ],
  support: [
    ["what support options does tensorflow have", "tensorflow", /\$150-\$12,500/],
    ["can we get paid support for pytorch", "pytorch", /\$5,000-\$50,000/],
    ["jax enterprise support contracts", "jax", /\$5,000-\$20,000/],
  ],
  cost: [
    ["monthly cost estimate for running JAX?", "jax", /\$800-\$3,500/],
    ["pytorch total cost of ownership", "pytorch", /\$2,000-\$8,000/],
    ["how expensive is tensorflow to run", "tensorflow", /\$800-\$3,500/],
    ["tco for torch", "pytorch", /\$2,000-\$8,000/],
    ["is pytorch free?", "pytorch", /free/],
    ["does tensorflow have a paid enterprise tier", "tensorflow", /no separate enterprise tier|free/],
  ],
  profile: [
    ["what is jax?", "jax", /numpy/],
    ["tell me about tensorflow", "tensorflow", /tensorflow/],
    ["what's pytorch best for?", "pytorch", /research/],
    ["jax strengths", "jax", /xla/],
    ["Any drawbacks to using JAX?", "jax", /learning curve|debug/],
    ["jax cons", "jax", /learning curve/],
    ["What is JAX typically used for?", "jax", /research|numerical|tpu/],
    ["pytorch pros", "pytorch", /./],
    ["tensorflow weaknesses", "tensorflow", /./],
    ["use cases for tensorflow", "tensorflow", /./],
    ["jax performance score", "jax", /9/],
  ],
  hardware: [
    ["does jax support tpus", "jax", /tpu/],
    ["can pytorch run on tpu", "pytorch", /tpu/],
    ["tensorflow mobile support", "tensorflow", /lite/],
    ["can tf run in the browser", "tensorflow", /tensorflow\.js|wasm/],
    ["pytorch on phones", "pytorch", /mobile/],
  ],
};

describe("fact questions about one technology", () => {
  for (const [aspect, list] of Object.entries(cases)) {
    describe(aspect, () => {
      for (const [question, tech, fact] of list) {
        it(question, () => {
          const reply = ask(question);
          expect(reply.technologies).toContain(tech);
          expect(readable(reply)).toMatch(fact);
          expect(reply.sources.length).toBeGreaterThan(0);
        });
      }
    });
  }
});

describe("every answer cites where it comes from", () => {
  it("names the source section", () => {
    const reply = ask("what license does jax use?");
    expect(reply.sources.map((s) => s.title).join(" ")).toMatch(/Pricing & Licensing/);
    expect(readable(reply)).toMatch(/sources:/);
  });
  it("marks derived facts as such", () => {
    expect(readable(ask("pytorch strengths"))).toMatch(/editor.s note|derived/);
  });
  it("reports the broken GitHub stars figure as unknown, not as 5.0", () => {
    const text = readable(ask("how many github stars does pytorch have"));
    expect(text).not.toMatch(/\b5\.0 stars/);
    expect(text).toMatch(/unknown|not a (usable )?star count|no (usable|reliable)/);
  });
});
