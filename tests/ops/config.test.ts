import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { discordEnv } from "../../adapters/discord/config.js";
import { loadSettings, PLATFORMS, SECRET_NAMES } from "../../adapters/platforms.js";
import { slackEnv } from "../../adapters/slack/config.js";
import { ConfigError, configSchema, loadConfig } from "../../src/runtime/config.js";
import { BotProcess } from "./process.js";

const envExample = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");

/** The message start-up would stop with: the shared settings and every platform switched on. */
function configError(env: Record<string, string>): string {
  try {
    loadSettings(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(Object.keys(env))} to be refused`);
}

describe("configuration", () => {
  it("has working defaults for everything", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      LOG_FORMAT: "auto",
      STATE_DIR: "state",
      CONVERSATION_TTL_SECONDS: 604800,
      MAX_INPUT_CHARS: 2000,
      PORT: 3000,
      RATE_LIMIT_BURST: 20,
      RATE_LIMIT_PER_MINUTE: 30,
      SHUTDOWN_TIMEOUT_SECONDS: 10,
    });
    expect(config.STORE_URL).toBeUndefined();
    expect(loadSettings({}).platforms).toEqual([]);
  });

  it("reads numbers, treats empty values as unset, and accepts every store URL form", () => {
    const config = loadConfig({
      PORT: "0",
      RATE_LIMIT_BURST: "5",
      RATE_LIMIT_PER_MINUTE: "0",
      MAX_INPUT_CHARS: "",
      STORE_URL: "redis://:pw@127.0.0.1:6379/2",
    });
    expect(config.PORT).toBe(0);
    expect(config.RATE_LIMIT_BURST).toBe(5);
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(0);
    expect(config.MAX_INPUT_CHARS).toBe(2000);
    // An empty token does not switch a platform on.
    expect(loadSettings({ SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "" }).platforms).toEqual([]);
    for (const url of ["memory:", "sqlite:state/x.db", "sqlite:/tmp/x.db", "rediss://h:6380", "redis://h"]) {
      expect(loadConfig({ STORE_URL: url }).STORE_URL).toBe(url);
    }
  });

  it.each([
    [{ PORT: "http" }, "PORT", "expected number"],
    [{ PORT: "70000" }, "PORT", "expected at most 65535"],
    [{ PORT: "-1" }, "PORT", "expected at least 0"],
    [{ MAX_INPUT_CHARS: "0" }, "MAX_INPUT_CHARS", "expected at least 1"],
    [{ RATE_LIMIT_BURST: "0" }, "RATE_LIMIT_BURST", "expected at least 1"],
    [{ RATE_LIMIT_PER_MINUTE: "lots" }, "RATE_LIMIT_PER_MINUTE", "expected number"],
    [{ SHUTDOWN_TIMEOUT_SECONDS: "1.5" }, "SHUTDOWN_TIMEOUT_SECONDS", "expected int"],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL", "expected one of fatal, error, warn, info, debug, trace, silent"],
    [{ LOG_FORMAT: "xml" }, "LOG_FORMAT", "expected one of auto, json, pretty"],
    [{ NODE_ENV: "staging" }, "NODE_ENV", "expected one of development, production, test"],
    [{ STORE_URL: "postgres://db/x" }, "STORE_URL", "expected sqlite:PATH, redis://HOST:PORT[/DB]"],
    [
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: "slack dot com" },
      "SLACK_API_URL",
      "expected an http:// or https:// URL",
    ],
    [{ SLACK_BOT_TOKEN: "xapp-1-2", SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN", 'starting with "xoxb-"'],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }, "SLACK_APP_TOKEN", 'starting with "xapp-"'],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET", "is required with SLACK_BOT_TOKEN"],
    [{ SLACK_SIGNING_SECRET: "abc" }, "SLACK_BOT_TOKEN", "is required"],
    [{ DISCORD_TOKEN: "abc" }, "DISCORD_APPLICATION_ID", "is required with DISCORD_TOKEN"],
  ])("refuses %j, naming %s and what is expected", (env, variable, expected) => {
    const message = configError(env);
    expect(message).toContain(`${variable}: `);
    expect(message).toContain(expected);
  });

  it("names every wrong variable at once", () => {
    const message = configError({ PORT: "x", LOG_LEVEL: "loud", RATE_LIMIT_BURST: "-3" });
    const lines = message.split("\n").slice(1);
    expect(lines).toHaveLength(3);
    for (const name of ["PORT", "LOG_LEVEL", "RATE_LIMIT_BURST"]) {
      expect(lines.some((l) => l.startsWith(`  ${name}: expected`))).toBe(true);
    }
  });

  it("never repeats a refused value, however secret-looking", () => {
    const variables = [
      "PORT",
      "MAX_INPUT_CHARS",
      "RATE_LIMIT_BURST",
      "RATE_LIMIT_PER_MINUTE",
      "SHUTDOWN_TIMEOUT_SECONDS",
      "CONVERSATION_TTL_SECONDS",
      "LOG_LEVEL",
      "LOG_FORMAT",
      "NODE_ENV",
      "STORE_URL",
      "SLACK_API_URL",
      "DISCORD_API_URL",
      "SLACK_BOT_TOKEN",
      "SLACK_APP_TOKEN",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...variables),
        fc.stringMatching(/^[A-Za-z0-9_:/@.-]{6,40}$/),
        (variable, tail) => {
          // Marked so it cannot occur in a message by chance; invalid for every variable above.
          const secret = `S3CRET-${tail}`;
          const env: Record<string, string> = { [variable]: secret };
          if (variable.startsWith("SLACK_")) {
            env.SLACK_SIGNING_SECRET = "ok-secret";
            if (variable !== "SLACK_BOT_TOKEN") env.SLACK_BOT_TOKEN = "xoxb-ok";
          }
          if (variable === "DISCORD_API_URL")
            Object.assign(env, { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "1" });
          const message = configError(env);
          expect(message).toContain(variable);
          expect(message).not.toContain(secret);
          expect(message).not.toContain(tail);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never repeats a password from a refused STORE_URL", () => {
    const message = configError({ STORE_URL: "mysql://admin:hunter2-very-secret@db.internal:3306/x" });
    expect(message).toContain("STORE_URL");
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("db.internal");
  });

  it(".env.example lists every variable of the schemas (shared and per platform), and nothing else", () => {
    const listed = [...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    const known = [configSchema, slackEnv, discordEnv].flatMap((schema) => Object.keys(schema.shape)).sort();
    expect([...new Set(listed)].sort()).toEqual(known);
    // Every variable has a comment line right above it (its own or its group's).
    for (const name of known) {
      const before = envExample
        .slice(0, envExample.indexOf(`\n${name}=`))
        .trimEnd()
        .split("\n")
        .at(-1);
      expect(before, name).toMatch(/^#/);
    }
  });

  it(".env.example itself is a valid configuration", () => {
    const env: Record<string, string> = {};
    for (const m of envExample.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)) env[m[1] as string] = m[2] as string;
    expect(() => loadSettings(env)).not.toThrow();
  });

  it("each platform declares its secrets, and every one of them is a variable of its schema", () => {
    expect(SECRET_NAMES).toEqual([
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "SLACK_APP_TOKEN",
      "DISCORD_TOKEN",
    ]);
    for (const platform of PLATFORMS) {
      const shape = (platform.env as unknown as { shape: Record<string, unknown> }).shape;
      for (const name of platform.secrets) expect(Object.keys(shape)).toContain(name);
    }
  });
});

describe("configuration at start-up (a real process)", () => {
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.dispose();
    bot = undefined;
  });

  it("stops with exit code 2 and a message naming the variable, never its value", async () => {
    bot = new BotProcess([], {
      PORT: "not-a-port",
      SLACK_BOT_TOKEN: "xoxb-visible-only-in-env-123",
      SLACK_SIGNING_SECRET: "sig-secret-should-not-appear",
      STORE_URL: "redis://:p4ssw0rd-secret@",
    });
    const { code } = await bot.exited;
    expect(code).toBe(2);
    expect(bot.stderr).toContain("PORT: expected number");
    expect(bot.stderr).toContain("STORE_URL: expected");
    for (const value of ["not-a-port", "xoxb-visible", "sig-secret", "p4ssw0rd"]) {
      expect(bot.output).not.toContain(value);
    }
  });

  it("reads .env from the working folder; the real environment wins", async () => {
    bot = new BotProcess(
      ["ask", "jax license"],
      { RATE_LIMIT_BURST: "5" },
      {
        files: { ".env": "RATE_LIMIT_BURST=5\nLOG_FORMAT=yaml\n" },
      },
    );
    expect((await bot.exited).code).toBe(2);
    expect(bot.stderr).toContain("LOG_FORMAT: expected one of auto, json, pretty");
    expect(bot.stderr).not.toContain("yaml");

    await bot.dispose();
    bot = new BotProcess(
      ["ask", "jax license"],
      { LOG_FORMAT: "json" },
      { files: { ".env": "LOG_FORMAT=yaml\n" } },
    );
    expect((await bot.exited).code).toBe(0);
  });

  it("in production, refuses to start without a platform instead of opening the terminal chat", async () => {
    bot = new BotProcess([], { NODE_ENV: "production" });
    const { code } = await bot.exited;
    expect(code).toBe(2);
    expect(bot.stderr).toContain("No platform configured");
    expect(bot.stderr).toContain("SLACK_BOT_TOKEN");
    expect(bot.stderr).toContain("DISCORD_TOKEN");
    expect(bot.stderr).toContain("stackwise chat");
  });
});
