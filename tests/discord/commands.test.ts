import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAllCommands, registerCommands } from "../../adapters/discord/commands.js";
import { main } from "../../adapters/discord/register.js";
import { DiscordFake } from "../fakes/discord-fake.js";

describe("/stackwise command definition", () => {
  it("has ask, compare (autocompleted), recommend, help, decide and decisions subcommands, and the message command", () => {
    const [command, onMessage] = buildAllCommands();
    expect(command?.name).toBe("stackwise");
    expect(onMessage).toMatchObject({ name: "Decide this with Stackwise", type: 3 });
    const subs = (command && "options" in command ? command.options : undefined) ?? [];
    expect(subs.map((s) => s.name)).toEqual(["ask", "compare", "recommend", "help", "decide", "decisions"]);
    const decide = subs.find((s) => s.name === "decide") as { options?: Record<string, unknown>[] };
    expect(decide.options?.map((o) => o.name)).toEqual(["topic", "anonymous"]);
    const compare = subs.find((s) => s.name === "compare") as { options?: Record<string, unknown>[] };
    expect(compare.options?.map((o) => [o.name, o.required ?? false, o.autocomplete])).toEqual([
      ["first", true, true],
      ["second", true, true],
      ["aspect", false, true],
    ]);
    const ask = subs.find((s) => s.name === "ask") as { options?: Record<string, unknown>[] };
    expect(ask.options?.[0]).toMatchObject({ name: "question", required: true });
    const recommend = subs.find((s) => s.name === "recommend") as { options?: Record<string, unknown>[] };
    expect(recommend.options?.[0]).toMatchObject({ name: "description" });
    expect(recommend.options?.[0]?.required ?? false).toBe(false);
  });
});

describe("command registration", () => {
  let fake: DiscordFake;
  beforeAll(async () => {
    fake = new DiscordFake();
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  const base = () => ({
    DISCORD_TOKEN: "fake-token",
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  });

  it("PUTs guild commands when a guild is configured", async () => {
    const since = fake.mark();
    const result = await registerCommands({ ...base(), DISCORD_GUILD_ID: fake.guildId });
    expect(result).toEqual({ scope: "guild", names: ["stackwise", "Decide this with Stackwise"] });
    const call = await fake.waitForCall((c) => c.method === "PUT", { since });
    expect(call.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(call.body).toEqual(JSON.parse(JSON.stringify(buildAllCommands())));
  });

  it("PUTs global commands otherwise", async () => {
    const since = fake.mark();
    const result = await registerCommands({ ...base(), DISCORD_GUILD_ID: undefined });
    expect(result.scope).toBe("global");
    const call = await fake.waitForCall((c) => c.method === "PUT", { since });
    expect(call.path).toBe(`/applications/${fake.applicationId}/commands`);
  });

  it("the CLI entry registers and reports, and refuses without credentials", async () => {
    const lines: string[] = [];
    const out = { log: (m: string) => lines.push(m), error: (m: string) => lines.push(`ERR ${m}`) };
    expect(await main({ ...base(), DISCORD_GUILD_ID: fake.guildId }, out)).toBe(0);
    expect(lines.at(-1)).toMatch(/Registered \/stackwise, "Decide this with Stackwise" in guild/);
    expect(await main({}, out)).toBe(2);
    expect(lines.at(-1)).toMatch(/^ERR Set DISCORD_TOKEN/);
    expect(lines.join("\n")).not.toContain("fake-token");
  });
});
