import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DatasetError, loadDataset } from "../src/dataset/load.js";
import type { Dataset, Fact } from "../src/dataset/schema.js";

const DATA = fileURLToPath(new URL("../data", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/brokers", import.meta.url));
const TECHS = ["jax", "pytorch", "tensorflow"] as const;
/** The source page lives beside the repository (it is not ours to commit); CI machines have it too. */
const PAGE = fileURLToPath(new URL("../../shared/seed/000_7f1728f016c72a2f.txt", import.meta.url));

const KEY_ASPECTS = [
  "license",
  "install-size",
  "memory",
  "build-time",
  "runtime-performance",
  "throughput",
  "community-size",
  "downloads",
  "stackoverflow",
  "jobs",
  "companies",
  "maintainers",
  "release-cadence",
  "support",
  "tco",
  "overview",
  "best-for",
  "strengths",
  "weaknesses",
  "use-cases",
];

function factOf(d: Dataset, tech: string, aspect: string): Fact {
  const fact = d.facts.find((f) => f.tech === tech && f.aspect === aspect);
  if (!fact) throw new Error(`no fact for ${tech}/${aspect}`);
  return fact;
}

const sectionsOf = (f: Fact): string[] => [f.source, ...(f.derived?.from ?? [])];

describe("deep learning dataset (data/)", () => {
  const d = loadDataset(DATA);

  it("covers exactly JAX, PyTorch 2.0 and TensorFlow 3.0", () => {
    expect(d.technologies.map((t) => t.id).sort()).toEqual([...TECHS].sort());
    expect(d.technologies.find((t) => t.id === "pytorch")?.aliases).toContain("torch");
    expect(d.technologies.find((t) => t.id === "tensorflow")?.aliases).toContain("tf");
  });

  it("has a fact for every key aspect of every technology", () => {
    for (const tech of TECHS) {
      for (const aspect of KEY_ASPECTS) {
        expect(
          d.facts.some((f) => f.tech === tech && f.aspect === aspect),
          `${tech}/${aspect}`,
        ).toBe(true);
      }
    }
  });

  it("gives numbers in one unit wherever an aspect says which way is better", () => {
    for (const aspect of d.aspects.filter((a) => a.better)) {
      const facts = d.facts.filter((f) => f.aspect === aspect.id && f.status === "known");
      expect(facts.length, aspect.id).toBeGreaterThan(0);
      const units = new Set(facts.map((f) => f.number?.unit));
      expect([...units], aspect.id).toHaveLength(1);
      expect(units.has(undefined), aspect.id).toBe(false);
    }
  });

  it("marks PyTorch and TensorFlow strengths, weaknesses and use cases as derived", () => {
    for (const tech of ["pytorch", "tensorflow"]) {
      for (const aspect of ["strengths", "weaknesses", "use-cases"]) {
        const fact = factOf(d, tech, aspect);
        expect(fact.derived?.from.length, `${tech}/${aspect}`).toBeGreaterThan(0);
        expect(fact.items?.length, `${tech}/${aspect}`).toBeGreaterThan(2);
      }
    }
    expect(factOf(d, "jax", "strengths").derived).toBeUndefined();
    expect(factOf(d, "jax", "strengths").source).toBe("strengths-weaknesses");
  });

  it("reports no GitHub star count, since the page's 5.0 is not one", () => {
    for (const tech of TECHS) {
      const fact = factOf(d, tech, "github-stars");
      expect(fact.status).toBe("unknown");
      expect(fact.value).toBeUndefined();
      expect(fact.number).toBeUndefined();
    }
  });

  it("files the 'Choose JAX If' points under PyTorch and TensorFlow, not JAX", () => {
    for (const tech of ["pytorch", "tensorflow"]) {
      const fact = factOf(d, tech, "decision-guidance");
      expect(sectionsOf(fact)).toContain("choose-jax");
      expect(fact.items?.some((i) => i.includes("Choose JAX If"))).toBe(true);
    }
    const jax = factOf(d, "jax", "decision-guidance");
    expect(sectionsOf(jax)).not.toContain("choose-jax");
    expect(jax.items?.some((i) => i.includes("Choose JAX If"))).toBe(false);
  });

  it("keeps the page's figures exact", () => {
    expect(factOf(d, "jax", "throughput").text).toContain("85,000-120,000");
    expect(factOf(d, "jax", "runtime-performance").text).toContain("1.1-1.8x");
    expect(factOf(d, "jax", "memory").text).toContain("20-30%");
    expect(factOf(d, "jax", "release-cadence").text).toContain("2-4 weeks");
    expect(factOf(d, "tensorflow", "license").value).toContain("Apache 2.0");
    expect(factOf(d, "jax", "license").value).toContain("Apache 2.0");
    expect(factOf(d, "pytorch", "license").value).toContain("BSD 3-Clause");
    expect(factOf(d, "pytorch", "install-size").value).toBe("800MB-2.5GB");
    expect(factOf(d, "pytorch", "install-size").number).toEqual({ low: 800, high: 2500, unit: "MB" });
    expect(factOf(d, "tensorflow", "install-size").text).toContain("500-700MB");
    expect(factOf(d, "tensorflow", "tco").value).toBe("$800-$3,500/month");
    expect(factOf(d, "tensorflow", "build-time").number).toEqual({ low: 900, high: 2700, unit: "s" });
    expect(factOf(d, "pytorch", "stackoverflow").value).toBe("Approximately 75,000+");
    expect(factOf(d, "pytorch", "community-insight").text).toContain("75%");
  });

  it.skipIf(!existsSync(PAGE))("holds every figure of the source page in a passage or a fact", () => {
    const flat = (t: string) => t.replace(/[\u2010-\u2015\u2212]/g, "-").replaceAll(",", "");
    const corpus = flat(
      [
        ...d.passages.map((p) => p.text),
        ...d.facts.flatMap((f) => [f.value ?? "", f.text, ...(f.items ?? [])]),
      ].join(" "),
    );
    const figures = new Set(readFileSync(PAGE, "utf8").match(/\d+(?:[.,]\d+)*/g) ?? []);
    const missing = [...figures].filter((n) => !corpus.includes(flat(n)));
    expect(missing).toEqual([]);
    expect(figures.size).toBeGreaterThan(50);
  });

  it("has passages for the parts of the page no aspect covers, each citing a known section", () => {
    const text = d.passages.map((p) => p.text).join(" ");
    for (const buried of [
      "TorchDynamo",
      "TorchInductor",
      "Keras 3",
      "Flax",
      "Optax",
      "Haiku",
      "$8/hour",
      "MNIST",
      "0.001",
    ])
      expect(text).toContain(buried);
    const sections = new Set(d.meta.sections.map((s) => s.id));
    expect(d.passages.every((p) => sections.has(p.section))).toBe(true);
  });

  it("has a guided flow with the core questions and a PyTorch-first prior", () => {
    const ids = d.flow.questions.map((q) => q.id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const id of ["workload", "hardware", "scale", "team", "deployment", "budget"]) {
      expect(ids).toContain(id);
    }
    expect(d.flow.prior.weights).toEqual({ pytorch: 2, jax: 0, tensorflow: 0 });
  });

  it("answers the page's headline needs with the page's picks", () => {
    const pick = (id: string) => d.needs.find((n) => n.id === id)?.pick;
    expect(d.needs.length).toBeGreaterThanOrEqual(30);
    expect(pick("tpu")).toBe("jax");
    expect(pick("edge-iot")).toBe("tensorflow");
    expect(d.needs.find((n) => n.id === "edge-iot")?.reason).toContain("TensorFlow Lite");
    expect(pick("academic-research")).toBe("pytorch");
    expect(d.needs.find((n) => n.id === "academic-research")?.reason).toContain("75%");
  });
});

describe("fixture dataset (tests/fixtures/brokers)", () => {
  it("loads with the same loader, on another topic", () => {
    const d = loadDataset(FIXTURE);
    expect(d.technologies.map((t) => t.id)).toEqual(["kafka", "rabbitmq", "nats"]);
    expect(d.meta.topic).toMatch(/fixture/i);
    expect(d.flow.questions).toHaveLength(2);
  });
});

describe("loader errors name the file and the path", () => {
  let dir = "";

  function brokenCopy(): string {
    dir = mkdtempSync(join(tmpdir(), "stackwise-data-"));
    cpSync(DATA, dir, { recursive: true });
    return dir;
  }

  function edit(file: string, change: (json: unknown) => void): void {
    const path = join(dir, file);
    const json: unknown = JSON.parse(readFileSync(path, "utf8"));
    change(json);
    writeFileSync(path, JSON.stringify(json, null, 2));
  }

  function entry<T>(list: T[], index: number): T {
    const item = list[index];
    if (item === undefined) throw new Error(`no entry ${index}`);
    return item;
  }

  function errorOf(fn: () => unknown): DatasetError {
    try {
      fn();
    } catch (err) {
      if (err instanceof DatasetError) return err;
      throw err;
    }
    throw new Error("expected a DatasetError");
  }

  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = "";
  });

  it("reports invalid JSON", () => {
    brokenCopy();
    writeFileSync(join(dir, "aspects.json"), '[{"id": "license",');
    const err = errorOf(() => loadDataset(dir));
    expect(err.file).toBe("aspects.json");
    expect(err.message).toContain("aspects.json");
    expect(err.message).toContain("not valid JSON");
  });

  it("reports a fact with an unknown aspect in its own file and index", () => {
    brokenCopy();
    edit("facts/jax.json", (json) => {
      entry(json as { aspect: string }[], 3).aspect = "nope";
    });
    const err = errorOf(() => loadDataset(dir));
    expect(err.message).toContain("facts/jax.json");
    expect(err.message).toContain("[3].aspect");
    expect(err.message).toContain('"nope"');
  });

  it("reports a missing required field in flow.json", () => {
    brokenCopy();
    edit("flow.json", (json) => {
      delete entry((json as { questions: { prompt?: string }[] }).questions, 0).prompt;
    });
    const err = errorOf(() => loadDataset(dir));
    expect(err.message).toContain("flow.json");
    expect(err.message).toContain("questions[0].prompt");
  });

  it("reports a need that picks an unknown technology", () => {
    brokenCopy();
    edit("needs.json", (json) => {
      entry(json as { pick: string }[], 2).pick = "caffe";
    });
    const err = errorOf(() => loadDataset(dir));
    expect(err.message).toContain("needs.json");
    expect(err.message).toContain("[2].pick");
    expect(err.message).toContain('unknown technology "caffe"');
  });

  it("reports a repeated sense id in senses.json", () => {
    brokenCopy();
    edit("senses.json", (json) => {
      const list = json as { id: string }[];
      entry(list, 1).id = entry(list, 0).id;
    });
    const err = errorOf(() => loadDataset(dir));
    expect(err.message).toContain("senses.json");
    expect(err.message).toContain("[1].id");
    expect(err.message).toContain("duplicate sense id");
  });

  it("reports a sense with too few words", () => {
    brokenCopy();
    edit("senses.json", (json) => {
      entry(json as { words: string[] }[], 0).words = ["beach"];
    });
    const err = errorOf(() => loadDataset(dir));
    expect(err.message).toContain("senses.json");
    expect(err.message).toContain("[0].words");
  });
});
