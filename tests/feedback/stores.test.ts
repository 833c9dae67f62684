/**
 * Votes and review text go through Slack and Discord (real Bolt and discord.js against the
 * fakes) and land in each of the three stores; with KEEP_REVIEW_TEXT=false no user text lands
 * anywhere, checked by reading each store directly (memory entries, SQLite rows, Redis values).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryFeedbackStore } from "../../src/runtime/store/feedback-memory.js";
import { RedisFeedbackStore } from "../../src/runtime/store/feedback-redis.js";
import { SqliteFeedbackStore } from "../../src/runtime/store/feedback-sqlite.js";
import type { FeedbackStore } from "../../src/runtime/store/feedback-types.js";
import { type RestCall, visibleText } from "../fakes/discord-fake.js";
import { startHarness as startDiscord } from "../fakes/discord-harness.js";
import { ephemeralClick } from "../fakes/slack-requests.js";
import type { FakeMessage } from "../fakes/slack-web-api.js";
import { redisReachable, scan } from "../helpers/redis.js";
import { startHarness as startSlack, userTs } from "../slack/harness.js";

const REDIS_URL = "redis://127.0.0.1:6379/15";
const dir = mkdtempSync(join(tmpdir(), "stackwise-fb-e2e-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store, and every string it holds, read without going through the store's own interface. */
interface Backend {
  name: string;
  open(): FeedbackStore;
  dump(store: FeedbackStore): Promise<string>;
}

const backends: Backend[] = [
  {
    name: "memory",
    open: () => new MemoryFeedbackStore(),
    dump: async (s) => (s as MemoryFeedbackStore).raw().join("\n"),
  },
  (() => {
    let n = 0;
    let path = "";
    return {
      name: "sqlite",
      open: () => {
        path = join(dir, `fb-${n++}.db`);
        return new SqliteFeedbackStore({ path });
      },
      dump: async () => {
        const db = new Database(path, { readonly: true });
        try {
          return ["fb_answers", "fb_votes", "fb_texts"]
            .map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all()))
            .join("\n");
        } finally {
          db.close();
        }
      },
    };
  })(),
];
const redisUp = await redisReachable();
if (redisUp) {
  let prefix = "";
  backends.push({
    name: "redis",
    open: () => {
      prefix = `stackwise-test:${process.pid}-${randomUUID().slice(0, 8)}:fb:`;
      return new RedisFeedbackStore({ url: REDIS_URL, keyPrefix: prefix });
    },
    dump: async () => {
      const client = new Redis(REDIS_URL);
      try {
        const out: string[] = [];
        for (const key of await scan(client, `${prefix}*`)) {
          const type = await client.type(key);
          if (type === "string") out.push(key, String(await client.get(key)));
          else if (type === "hash") out.push(key, JSON.stringify(await client.hgetall(key)));
          else if (type === "zset") out.push(key, JSON.stringify(await client.zrange(key, 0, -1)));
          expect(await client.ttl(key), key).toBeGreaterThan(0);
        }
        await client.del(...(await scan(client, `${prefix}*`)));
        return out.join("\n");
      } finally {
        client.disconnect();
      }
    },
  });
} else if (process.env.CI === "true") {
  it("needs a reachable Redis in CI", () => {
    throw new Error("Redis not reachable at 127.0.0.1:6379 and CI=true");
  });
}

const QUESTION = "what license does jax use? mail zed@example.org";
const UNANSWERED = "how do I bake sourdough bread for my grandmother?";
const NOTE = "It forgot the patent grant, said zed";

/** Over Slack: an answer voted Not helpful with a note, and a question it cannot answer. */
async function throughSlack(store: FeedbackStore, keepReviewText: boolean): Promise<void> {
  const h = await startSlack({ feedbackStore: store, keepReviewText });
  try {
    const ask = async (text: string) => {
      const ts = userTs();
      const mark = h.api.calls.length;
      await h.send.event({ type: "app_mention", channel: "C1", user: "U1", text: `<@UBOT> ${text}`, ts });
      const call = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts, 5000, mark);
      return h.api.messages.get(`C1/${call.ts}`) as FakeMessage;
    };
    const answer = await ask(QUESTION);
    await ask(UNANSWERED);
    const mark = h.api.calls.length;
    await h.send.click(answer, "Not helpful");
    await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark);
    const offer = h.api.ephemerals.at(-1);
    if (keepReviewText) {
      if (!offer) throw new Error("no thanks");
      await ephemeralClick(h.send, offer, "What was wrong?");
      await h.api.waitForCall("views.open");
      const opened = h.api.views.at(-1);
      if (!opened) throw new Error("no modal");
      const mark2 = h.api.calls.length;
      await h.send.viewSubmission(opened, { note: { text: NOTE } });
      await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark2);
    } else {
      // Without review text there is no box to offer.
      expect(offer?.text).not.toMatch(/what was wrong/i);
      expect(JSON.stringify(offer?.blocks)).not.toContain("feedback:note");
    }
  } finally {
    await h.stop();
  }
}

/** Over Discord: the same answer voted Not helpful, and a note when text is kept. */
async function throughDiscord(store: FeedbackStore, keepReviewText: boolean): Promise<void> {
  const h = await startDiscord({ feedbackStore: store, keepReviewText });
  const callbackOf = (id: string) => (c: RestCall) =>
    c.method === "POST" && c.path.startsWith(`/interactions/${id}/`);
  try {
    const { id } = h.fake.slashCommand("ask", { question: QUESTION });
    const answer = (await h.fake.waitForCall(callbackOf(id))).response.resource.message;
    await h.fake.waitForCall(callbackOf(h.fake.slashCommand("ask", { question: UNANSWERED }).id));
    const down = answer.components
      .at(-1)
      .components.find((b: { label: string }) => b.label === "Not helpful");
    const click = h.fake.component(answer, down.custom_id);
    const thanks = await h.fake.waitForCall(callbackOf(click.id));
    expect(visibleText(thanks.body)).toMatch(/Thanks/);
    if (keepReviewText) {
      const offer = h.fake.original(click.token);
      const submit = h.fake.modalSubmit(offer, `stackwise:fbnote:${down.custom_id.split(":").at(-1)}`, {
        note: NOTE,
      });
      await h.fake.waitForCall(callbackOf(submit.id));
    } else expect(visibleText(thanks.body)).not.toMatch(/what was wrong/i);
  } finally {
    await h.close();
  }
}

for (const backend of backends) {
  describe(`feedback through Slack and Discord into the ${backend.name} store`, () => {
    it("lands votes, the cleaned questions and the notes", async () => {
      const store = backend.open();
      try {
        await throughSlack(store, true);
        await throughDiscord(store, true);
        const { answers, votes, texts } = await store.since(0);
        expect(answers.map((a) => a.platform).sort()).toEqual(["discord", "discord", "slack", "slack"]);
        expect(answers.filter((a) => a.unanswered === "unanswered")).toHaveLength(2);
        expect(votes.map((v) => v.vote)).toEqual(["not-helpful", "not-helpful"]);
        const shown = texts.map((t) => t.text);
        expect(shown.filter((t) => t === "what license does jax use? mail [email]")).toHaveLength(2);
        expect(shown.filter((t) => t === UNANSWERED)).toHaveLength(2);
        expect(shown.filter((t) => t === NOTE)).toHaveLength(2);
        expect(await backend.dump(store)).not.toContain("zed@example.org");
      } finally {
        await store.close();
      }
    });

    it("with KEEP_REVIEW_TEXT=false stores no question text anywhere (read from the store directly)", async () => {
      const store = backend.open();
      try {
        await throughSlack(store, false);
        await throughDiscord(store, false);
        const { answers, votes, texts } = await store.since(0);
        expect(answers).toHaveLength(4);
        expect(votes).toHaveLength(2);
        expect(texts).toEqual([]);
        const raw = await backend.dump(store);
        // Whole words only: a random answer id ("4dAzedxfv03o") may hold "zed" by chance.
        for (const word of ["license does", "sourdough", "grandmother", "zed", "patent", "[email]"])
          expect(raw).not.toMatch(
            new RegExp(`(?<![A-Za-z0-9_-])${word.replace(/[[\]]/g, "\\$&")}(?![A-Za-z0-9_-])`),
          );
      } finally {
        await store.close();
      }
    });
  });
}
