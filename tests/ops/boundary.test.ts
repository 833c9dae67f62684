/**
 * The boundary between the core and the platforms (after vercel/chat's blocks/boundary.test.ts):
 * adapters/ reach src/ only through src/index.ts, and src/ knows nothing of adapters/, Bolt or
 * discord.js. Adding a platform then touches adapters/ alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Every module a file imports or re-exports (static and dynamic), as written. */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gms),
    ...text.matchAll(/import\(\s*"([^"]+)"\s*\)/g),
    ...text.matchAll(/^\s*import\s+"([^"]+)"/gm),
  ];
  return found.map((m) => m[1] as string);
}

/** A relative import as a path from the repository root. */
const target = (file: string, spec: string) => relative(ROOT, resolve(ROOT, dirname(file), spec));

describe("module boundaries", () => {
  it("adapters/ import from src/ only through src/index.ts", () => {
    const files = sources("adapters");
    expect(files.length).toBeGreaterThan(20);
    const breaches = files.flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith("."))
        .map((spec) => ({ file, to: target(file, spec) }))
        .filter(({ to }) => !to.startsWith("adapters/") && to !== "src/index.js"),
    );
    expect(breaches).toEqual([]);
  });

  it("src/ imports nothing from adapters/, Bolt or discord.js", () => {
    const files = sources("src");
    expect(files.length).toBeGreaterThan(20);
    const platformLibrary = /^(@slack\/|discord\.js$|@discordjs\/|discord-api-types)/;
    const breaches = files.flatMap((file) =>
      imports(file)
        .filter(
          (spec) =>
            platformLibrary.test(spec) ||
            (spec.startsWith(".") && target(file, spec).startsWith("adapters/")),
        )
        .map((spec) => ({ file, spec })),
    );
    expect(breaches).toEqual([]);
  });

  it("each Slack and Discord adapter file stays well under 250 lines", () => {
    for (const file of [...sources("adapters/slack"), ...sources("adapters/discord")]) {
      const lines = readFileSync(join(ROOT, file), "utf8").split("\n").length;
      expect(lines, file).toBeLessThanOrEqual(230);
    }
  });

  it("the check itself sees a breach when there is one", () => {
    expect(target("adapters/slack/app.ts", "../../src/runtime/config.js")).toBe("src/runtime/config.js");
    expect(imports("adapters/slack/app.ts")).toContain("@slack/bolt");
  });
});
