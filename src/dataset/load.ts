import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { z } from "zod";
import { crossCheck } from "./cross-check.js";
import { type Dataset, datasetSchema } from "./schema.js";

/** A dataset file that cannot be used; names the file and the path inside it. */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}${path ? ` at ${path}` : ""}: ${problem}`);
    this.name = "DatasetError";
  }
}

/** Which top-level key of the dataset each file provides; `facts/` holds one array per file. */
const FILES = {
  meta: "meta.json",
  technologies: "technologies.json",
  aspects: "aspects.json",
  needs: "needs.json",
  flow: "flow.json",
  topic: "topic.json",
} as const;

/** Files a dataset may leave out; their key then takes the schema's default. */
const OPTIONAL_FILES = { passages: "passages.json", senses: "senses.json" } as const;

type Key = keyof typeof FILES | keyof typeof OPTIONAL_FILES | "facts";

function readJson(dir: string, file: string): unknown {
  const full = join(dir, file);
  let raw: string;
  try {
    raw = readFileSync(full, "utf8");
  } catch {
    throw new DatasetError(file, "", "file is missing or unreadable");
  }
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new DatasetError(file, "", `not valid JSON (${(err as Error).message})`);
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
}

function parsePart<S extends z.ZodType>(schema: S, value: unknown, file: string, offset = ""): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? formatPath(issue.path) : "";
    throw new DatasetError(file, offset + path, issue?.message ?? "invalid");
  }
  return result.data;
}

/**
 * Loads and validates the dataset in `dir`. Throws DatasetError naming the file and the path
 * inside it, so a broken edit stops start-up with a message an editor can act on.
 */
export function loadDataset(dir: string): Dataset {
  const shape = datasetSchema.shape;
  const parts: Partial<Record<Key, unknown>> = {};
  for (const [key, file] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
    parts[key] = parsePart(shape[key], readJson(dir, file), file);
  }

  for (const [key, file] of Object.entries(OPTIONAL_FILES) as [keyof typeof OPTIONAL_FILES, string][]) {
    if (existsSync(join(dir, file))) parts[key] = parsePart(shape[key], readJson(dir, file), file);
  }

  // facts/ is split per technology so each file stays readable; the origin of each fact is kept for errors.
  const factFiles = listFactFiles(dir);
  const facts: unknown[] = [];
  const origin: { file: string; index: number }[] = [];
  for (const file of factFiles) {
    const list = parsePart(shape.facts, readJson(dir, file), file);
    list.forEach((fact, index) => {
      facts.push(fact);
      origin.push({ file, index });
    });
  }
  if (facts.length === 0) throw new DatasetError("facts/", "", "no fact files found");
  parts.facts = facts;

  const dataset = parsePart(datasetSchema, parts, relative(process.cwd(), dir) || dir);
  const problem = crossCheck(dataset);
  if (problem) {
    if (problem.key === "facts" && typeof problem.index === "number") {
      const where = origin[problem.index];
      throw new DatasetError(where?.file ?? "facts/", `[${where?.index}]${problem.path}`, problem.message);
    }
    const file = { ...FILES, ...OPTIONAL_FILES }[problem.key as keyof typeof FILES];
    throw new DatasetError(file, problem.pathInFile, problem.message);
  }
  return dataset;
}

function listFactFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, "facts"))
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => `facts/${f}`);
  } catch {
    throw new DatasetError("facts/", "", "folder is missing");
  }
}
