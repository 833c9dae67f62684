import { describe, expect, it } from "vitest";
import { discord } from "../../adapters/discord/index.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import type { StoredConversation } from "../../src/runtime/store/types.js";
import { DiscordFake, type Json, type RestCall, visibleText } from "../fakes/discord-fake.js";
import { discordSettings, startHarness } from "../fakes/discord-harness.js";
import { testDeps } from "../helpers/deps.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const callbackOf = (interactionId: string) => (c: RestCall) =>
  c.method === "POST" && c.path.startsWith(`/interactions/${interactionId}/`);

/** A store slower than the interaction window allows (scaled down: the bot defers after 30 ms here). */
class SlowStore extends MemoryStore {
  override async load(key: string): Promise<StoredConversation | null> {
    await sleep(150);
    return super.load(key);
  }
}

describe("Discord adapter resilience", () => {
  it("defers a slow slash command and edits the reply in when the answer is ready", async () => {
    const h = await startHarness({ store: new SlowStore(), ackDeadlineMs: 30 });
    try {
      const { fake } = h;
      const { id, token } = fake.slashCommand("ask", { question: "what license does JAX use?" });
      const ack = await fake.waitForCall(callbackOf(id));
      expect(ack.body.type).toBe(5);
      const edit = await fake.waitForCall(
        (c) =>
          c.method === "PATCH" && c.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`,
      );
      expect(visibleText(edit.body)).toMatch(/Apache/);
      expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

      // A slow click: deferred update (type 6), then the question edited and the next one followed up.
      const since = fake.mark();
      const cmd = fake.slashCommand("recommend");
      const thread = await fake.waitForCall((c) => c.method === "POST" && c.path.endsWith("/threads"), {
        since,
      });
      const threadId = thread.response.id as string;
      const question = await fake.waitForCall(
        (c) => c.method === "POST" && c.path === `/channels/${threadId}/messages`,
        {
          since,
        },
      );
      expect(cmd.id).toBeTruthy();
      const component: Json = question.response.components[0].components[0];
      const click =
        component.type === 3
          ? fake.component(question.response, component.custom_id, [component.options[0].value])
          : fake.component(question.response, component.custom_id);
      const deferred = await fake.waitForCall(callbackOf(click.id));
      expect(deferred.body.type).toBe(6);
      const updated = await fake.waitForCall(
        (c) =>
          c.method === "PATCH" &&
          c.path === `/webhooks/${fake.applicationId}/${click.token}/messages/@original`,
      );
      expect(updated.body.components).toEqual([]);
      const next = await fake.waitForCall(
        (c) => c.method === "POST" && c.path === `/channels/${threadId}/messages` && c.at > updated.at,
      );
      expect(visibleText(next.body)).toMatch(/Question 2 of/);
    } finally {
      await h.close();
    }
  });

  it("two instances receiving the same message answer it once (shared store, eventId)", async () => {
    const store = new MemoryStore();
    const a = await startHarness({ store });
    const b = await startHarness({ store });
    try {
      const id = "1234567890123456789";
      a.fake.messageCreate({ id, content: `<@${a.fake.botUser.id}> what license does JAX use?` });
      b.fake.messageCreate({ id, content: `<@${b.fake.botUser.id}> what license does JAX use?` });
      await sleep(500);
      const posts = [a.fake, b.fake].flatMap((f) =>
        f.calls.filter((c) => c.method === "POST" && c.path === `/channels/${f.textChannelId}/messages`),
      );
      expect(posts).toHaveLength(1);
      expect(visibleText(posts[0]?.body)).toMatch(/Apache/);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("the module builds a platform from its settings that starts, answers and stops cleanly", async () => {
    const fake = new DiscordFake();
    await fake.start();
    const { deps } = testDeps();
    const platform = await discord.create(deps, discordSettings(fake));
    await platform.start();
    try {
      expect(platform.name).toBe("discord");
      expect(platform.isReady()).toBe(true);
      fake.messageCreate({ content: `<@${fake.botUser.id}> help` });
      await fake.waitForCall(
        (c) => c.method === "POST" && c.path === `/channels/${fake.textChannelId}/messages`,
      );
    } finally {
      await platform.stop();
      await fake.stop();
    }
    expect(platform.isReady()).toBe(false);
  });
});
