import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { knowledge } from "./helpers.js";

const ENGINE = fileURLToPath(new URL("../../src/engine", import.meta.url));

function sources(dir: string): { file: string; code: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    if (!e.name.endsWith(".ts")) return [];
    // Comments may quote examples ("when would jax be worth it?"); the code may not hold them.
    const code = readFileSync(path, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|[^:])\/\/.*$/gm, "$1");
    return [{ file: path.slice(ENGINE.length + 1), code }];
  });
}

describe("src/engine knows no topic and no platform", () => {
  const d = knowledge().dataset;
  const domain = new Set(
    [
      ...d.technologies.flatMap((t) => [t.id, t.name, ...t.aliases]),
      d.meta.noun,
      ...d.meta.nounTerms,
      ...["gpu", "gpus", "tpu", "tpus", "cuda", "keras", "nvidia", "a100", "h100", "deep learning", "neural"],
    ]
      .map((w) => w.toLowerCase())
      .filter((w) => w.length >= 3 && /^[a-z0-9 .+-]+$/.test(w)),
  );
  const platform = ["slack", "discord", "block kit", "embed", "<@", "<#"];

  it.each(sources(ENGINE))("$file uses no deep-learning or platform word in its code", ({ code }) => {
    const lower = code.toLowerCase();
    const found = [...domain, ...platform].filter((w) =>
      new RegExp(`(?<![a-z0-9])${w.replace(/[.+*?^$()[\]{}|\\]/g, "\\$&")}(?![a-z0-9])`).test(lower),
    );
    expect(found).toEqual([]);
  });
});
