import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// No Docker engine in CI: the image is checked for its conventions, and its build steps for
// being the ones CI exercises.
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const dockerfile = read("Dockerfile");
const dockerignore = read(".dockerignore")
  .split("\n")
  .map((l) => l.trim());
const ci = read(".ci/run");

describe("Dockerfile", () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it("builds in one stage and runs from a slim one, both node:20-bookworm-slim", () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^node:20-bookworm-slim AS build/);
    expect(stages[1]).toMatch(/^node:20-bookworm-slim\n/);
    expect(stages[0]).toMatch(/apt-get install[^\n]*python3 make g\+\+/);
  });

  it("uses CI's build steps: npm ci, npm run build, then drops dev dependencies", () => {
    expect(ci).toMatch(/npm ci\b/);
    expect(ci).toMatch(/npm run lint|npm run typecheck|npm test/);
    expect(stages[0]).toMatch(/RUN npm ci[^\n]*\\\n\s+&& npm run build \\\n\s+&& npm prune --omit=dev/);
  });

  it("ships only production node_modules, dist, data, bin and package.json", () => {
    const copies = [...(stages[1] ?? "").matchAll(/^COPY --from=build \/app\/(\S+) /gm)].map((m) => m[1]);
    expect(copies.sort()).toEqual(["bin", "data", "dist", "node_modules", "package.json"]);
    expect(stages[1]).not.toMatch(/^COPY (?!--from)/m);
  });

  it("runs as a non-root user with its state in a volume, port 3000, a node health check", () => {
    const runtime = stages[1] ?? "";
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/STATE_DIR=\/var\/lib\/stackwise/);
    expect(runtime).toMatch(/^VOLUME \["\/var\/lib\/stackwise"\]$/m);
    expect(runtime).toMatch(/^EXPOSE 3000$/m);
    expect(runtime).toMatch(
      /^HEALTHCHECK [\s\S]*CMD \["node", "-e", "fetch\('http:\/\/127\.0\.0\.1:'\+\(process\.env\.PORT\|\|3000\)\+'\/healthz'\)/m,
    );
    expect(runtime.replace(/^#.*$/gm, "")).not.toMatch(/curl|wget/);
    expect(runtime).toMatch(/^CMD \["node", "bin\/stackwise\.js"\]$/m);
  });
});

describe(".dockerignore", () => {
  it("keeps secrets, local state and build output out of the build context", () => {
    for (const entry of [".env", ".env.*", "node_modules", "dist", "state", ".git"]) {
      expect(dockerignore).toContain(entry);
    }
    expect(dockerignore).toContain("!.env.example");
  });
});
