import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// No Docker engine runs here (and no base image can be pulled): the Dockerfile is checked
// statically, for its stages, user, layer order, health check and labels.
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

  it("installs dependencies before copying the sources, so a code change does not rebuild better-sqlite3", () => {
    const build = stages[0] ?? "";
    const at = (pattern: RegExp) => {
      const m = pattern.exec(build);
      expect(m, String(pattern)).not.toBeNull();
      return m?.index ?? -1;
    };
    const manifests = at(/^COPY package\.json package-lock\.json \.\/$/m);
    const install = at(/^RUN npm ci --ignore-scripts\b/m);
    const rebuild = at(/npm rebuild better-sqlite3/);
    const sources = at(/^COPY src \.\/src$/m);
    expect(manifests).toBeLessThan(install);
    expect(install).toBeLessThan(rebuild);
    expect(rebuild).toBeLessThan(sources);
    // Nothing but the manifests is copied before the install layer.
    expect(build.slice(0, install).match(/^COPY /gm)).toHaveLength(1);
  });

  it("compiles TypeScript once (the prepare script skipped), then drops dev dependencies and build leftovers", () => {
    const build = stages[0] ?? "";
    expect(build.match(/npm run build/g)).toHaveLength(1);
    expect(build).toMatch(/npm run build \\\n\s+&& npm prune --omit=dev/);
    for (const leftover of ["deps", "src", "build/Release/obj.target", "build/Release/obj"]) {
      expect(build).toMatch(new RegExp(`rm -rf [^\\n]*\\b${leftover.replace(/[./]/g, "\\$&")}\\b`));
    }
    expect(build).toMatch(/npm cache clean --force/);
    expect(ci).toMatch(/npm ci\b/);
  });

  it("carries OCI labels", () => {
    const runtime = stages[1] ?? "";
    for (const label of ["title", "description", "version", "licenses"]) {
      expect(runtime).toMatch(new RegExp(`org\\.opencontainers\\.image\\.${label}=`));
    }
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
