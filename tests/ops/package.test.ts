import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("npm pack", () => {
  it("ships the compiled code, the dataset and the launcher; not the sources, tests or bench", () => {
    // --ignore-scripts: packing must not rebuild (dist/ is built by npm ci's prepare script).
    const run = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const [pack] = JSON.parse(run.stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = (pack?.files ?? []).map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "bin/stackwise.js",
        "dist/adapters/main.js",
        "dist/src/index.js",
        "data/meta.json",
        "package.json",
      ]),
    );
    const top = new Set(files.map((f) => f.split("/")[0]));
    expect([...top].sort()).toEqual(["README.md", "bin", "data", "dist", "package.json"]);
    expect(files.filter((f) => f.endsWith(".map") || f.endsWith(".ts"))).toEqual([]);
  });
});
