import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCORD_LIMITS, embedChars } from "../../adapters/discord/render.js";
import { type Json, type RestCall, visibleText } from "../fakes/discord-fake.js";
import { type Harness, startHarness } from "../fakes/discord-harness.js";

const postTo = (channelId: string) => (c: RestCall) =>
  c.method === "POST" && c.path === `/channels/${channelId}/messages`;
const callbackOf = (interactionId: string) => (c: RestCall) =>
  c.method === "POST" && c.path.startsWith(`/interactions/${interactionId}/`);

const NO_PINGS = { parse: [], replied_user: false };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first answer component of a message: a primary button or a string select. */
function answerComponent(data: Json): Json {
  const all = (data.components ?? []).flatMap((r: Json) => r.components);
  return all.find((c: Json) => c.type === 3 || (c.type === 2 && c.style === 1));
}

/** Every message body respects Discord's limits. */
function expectWithinLimits(data: Json) {
  expect((data.content ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  const embeds = data.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  expect(embedChars(embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  for (const e of embeds) {
    expect((e.title ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect((e.description ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
  }
  expect((data.components ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
}

describe("Discord bot against a fake Discord (real discord.js, real gateway protocol)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("connects through the fake gateway and reports ready", () => {
    expect(h.bot.isReady()).toBe(true);
    expect(h.fake.received.some((o) => o.op === 2)).toBe(true);
    const identify = h.fake.received.find((o) => o.op === 2);
    // Guilds | GuildMessages | DirectMessages | MessageContent
    expect(identify?.d.intents).toBe(1 | 512 | 4096 | 32768);
  });

  it("answers a mention in place, as a reply that pings nobody", async () => {
    const { fake } = h;
    const msg = fake.messageCreate({ content: `<@${fake.botUser.id}> what license does JAX use?` });
    const call = await fake.waitForCall(postTo(fake.textChannelId));
    expect(call.body.message_reference.message_id).toBe(msg.id);
    expect(call.body.allowed_mentions).toEqual(NO_PINGS);
    expect(visibleText(call.body)).toMatch(/Apache/);
    expectWithinLimits(call.body);
  });

  it("treats a mention of its managed role like a mention of the bot", async () => {
    const { fake } = h;
    const since = fake.mark();
    const msg = fake.messageCreate({ content: `<@&${fake.botRoleId}> what license does JAX use?` });
    const call = await fake.waitForCall(postTo(fake.textChannelId), { since });
    expect(call.body.message_reference.message_id).toBe(msg.id);
    expect(visibleText(call.body)).toMatch(/Apache/);
  });

  it("ignores channel messages that do not mention it", async () => {
    const { fake } = h;
    const since = fake.mark();
    fake.messageCreate({ content: "what license does JAX use?" });
    await sleep(300);
    expect(fake.calls.slice(since).filter(postTo(fake.textChannelId))).toHaveLength(0);
  });

  it("answers in a thread without a mention once it has taken part there, with the thread's context", async () => {
    const { fake } = h;
    const thread = fake.threadChannelId;
    let since = fake.mark();
    fake.messageCreate({ content: "what license does JAX use?", channelId: thread });
    await sleep(300);
    expect(fake.calls.slice(since).filter(postTo(thread))).toHaveLength(0);

    since = fake.mark();
    fake.messageCreate({ content: `<@${fake.botUser.id}> what license does JAX use?`, channelId: thread });
    await fake.waitForCall(postTo(thread), { since });

    since = fake.mark();
    const plain = fake.messageCreate({ content: "compare pytorch and jax memory", channelId: thread });
    const answer = await fake.waitForCall(postTo(thread), { since });
    expect(answer.body.message_reference).toBeUndefined();
    expect(answer.body.allowed_mentions).toEqual(NO_PINGS);
    expect(visibleText(answer.body)).toMatch(/PyTorch/i);
    expect(visibleText(answer.body)).toMatch(/JAX/i);
    expect(plain.id).toBeTruthy();
    // Its own echoed messages (the fake dispatches them like Discord) are not answered: exactly one reply.
    await sleep(300);
    expect(fake.calls.slice(since).filter(postTo(thread))).toHaveLength(1);
  });

  it("answers direct messages without a mention", async () => {
    const { fake } = h;
    const since = fake.mark();
    fake.messageCreate({
      content: "what license does JAX use?",
      channelId: fake.dmChannelId,
      channelType: 1,
    });
    const call = await fake.waitForCall(postTo(fake.dmChannelId), { since });
    expect(visibleText(call.body)).toMatch(/Apache/);
    expect(call.body.allowed_mentions).toEqual(NO_PINGS);
  });

  it("ignores other bots, even when they mention it", async () => {
    const { fake } = h;
    const since = fake.mark();
    fake.messageCreate({
      content: `<@${fake.botUser.id}> what license does JAX use?`,
      author: fake.otherBot,
    });
    fake.messageCreate({
      content: `<@${fake.botUser.id}> what license does JAX use?`,
      author: fake.otherBot,
      channelId: fake.dmChannelId,
      channelType: 1,
    });
    await sleep(300);
    expect(fake.calls.slice(since).filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("keeps a user's @everyone inert", async () => {
    const { fake } = h;
    const since = fake.mark();
    fake.messageCreate({ content: `<@${fake.botUser.id}> @everyone @here what license does JAX use?` });
    const call = await fake.waitForCall(postTo(fake.textChannelId), { since });
    expect(call.body.allowed_mentions).toEqual(NO_PINGS);
    expect(visibleText(call.body)).not.toMatch(/@(everyone|here)/);
  });

  it("answers a 4,000-character message politely", async () => {
    const { fake } = h;
    const since = fake.mark();
    fake.messageCreate({ content: `<@${fake.botUser.id}> ${"why ".repeat(1000)}` });
    const call = await fake.waitForCall(postTo(fake.textChannelId), { since });
    expect(visibleText(call.body)).toMatch(/shorter/);
    expectWithinLimits(call.body);
  });

  it("/stackwise ask replies within the interaction window", async () => {
    const { fake } = h;
    const { id } = fake.slashCommand("ask", { question: "what license does JAX use?" });
    const call = await fake.waitForCall(callbackOf(id));
    expect(call.body.type).toBe(4);
    expect(visibleText(call.body)).toMatch(/Apache/);
    expect(call.body.data.allowed_mentions).toEqual(NO_PINGS);
    expect((call.body.data.flags ?? 0) & 64).toBe(0);
  });

  it("/stackwise compare sends the engine a comparison", async () => {
    const { fake } = h;
    const { id } = fake.slashCommand("compare", { first: "PyTorch", second: "JAX", aspect: "memory" });
    const call = await fake.waitForCall(callbackOf(id));
    expect(call.body.type).toBe(4);
    const text = visibleText(call.body);
    expect(text).toMatch(/PyTorch/i);
    expect(text).toMatch(/JAX/i);
    expectWithinLimits(call.body.data);
  });

  it("/stackwise help is ephemeral", async () => {
    const { fake } = h;
    const { id } = fake.slashCommand("help");
    const call = await fake.waitForCall(callbackOf(id));
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags & 64).toBe(64);
    expect(visibleText(call.body).length).toBeGreaterThan(0);
  });

  it("autocompletes technologies and aspects from the dataset", async () => {
    const { fake, knowledge } = h;
    const tech = fake.autocomplete("compare", "first", "py");
    const techCall = await fake.waitForCall(callbackOf(tech.id));
    expect(techCall.body.type).toBe(8);
    const names = techCall.body.data.choices.map((c: { name: string }) => c.name);
    expect(names.some((n: string) => n.startsWith("PyTorch"))).toBe(true);
    const matching = knowledge.dataset.technologies.filter((t) =>
      [t.name, t.id, ...t.aliases].some((x) => x.toLowerCase().includes("py")),
    );
    expect(names).toHaveLength(matching.length);

    const aspect = knowledge.dataset.aspects[0];
    if (!aspect) throw new Error("dataset has no aspects");
    const typed = aspect.label.slice(0, 3);
    const aspectCall = await fake.waitForCall(callbackOf(fake.autocomplete("compare", "aspect", typed).id));
    expect(aspectCall.body.type).toBe(8);
    const labels = aspectCall.body.data.choices.map((c: { name: string }) => c.name);
    expect(labels).toContain(aspect.label);
    expect(labels.length).toBeLessThanOrEqual(25);

    const all = await fake.waitForCall(callbackOf(fake.autocomplete("compare", "second", "").id));
    expect(all.body.data.choices.length).toBe(Math.min(25, knowledge.dataset.technologies.length));
  });

  it("/stackwise recommend opens a thread and runs the guided flow there to a recommendation", async () => {
    const { fake } = h;
    const since = fake.mark();
    const cmd = fake.slashCommand("recommend");
    const ack = await fake.waitForCall(callbackOf(cmd.id), { since });
    expect(ack.body.type).toBe(4);
    const starter = ack.response.resource.message;
    const threadCall = await fake.waitForCall(
      (c) =>
        c.method === "POST" && c.path === `/channels/${fake.textChannelId}/messages/${starter.id}/threads`,
      { since },
    );
    const threadId = threadCall.response.id as string;
    const first = await fake.waitForCall(postTo(threadId), { since });
    expect(first.body.components.length).toBeGreaterThan(0);
    expectWithinLimits(first.body);
    // Back / Skip / Start over render secondary.
    const buttons = first.body.components.flatMap((r: Json) => r.components);
    const nav = buttons.filter((b: Json) => b.type === 2 && b.style === 2);
    expect(nav.length).toBeGreaterThan(0);
    for (const b of nav) expect(b.custom_id).toMatch(/^flow:/);

    let current: Json = first.response;
    let final: Json = null;
    for (let step = 0; step < 25 && !final; step++) {
      // Answers: primary buttons or the string select; nav buttons are secondary.
      const answer = answerComponent(current);
      const isSelect = answer.type === 3;
      const label = isSelect ? answer.options[0].label : answer.label;
      const mark = fake.mark();
      const click = isSelect
        ? fake.component(current, answer.custom_id, [answer.options[0].value])
        : fake.component(current, answer.custom_id);
      const update = await fake.waitForCall(callbackOf(click.id), { since: mark });
      expect(update.body.type).toBe(7);
      expect(update.body.data.components).toEqual([]);
      expect(visibleText(update.body)).toContain(label);
      // The next question is a message of its own in the thread (not a follow-up of the click,
      // whose token expires): it can be posted even when the click can no longer be answered.
      const next = await fake.waitForCall(postTo(threadId), { since: mark });
      expect(next.body.allowed_mentions).toEqual(NO_PINGS);
      expectWithinLimits(next.body);
      expect(next.response.channel_id).toBe(threadId);
      if (!answerComponent(next.body)) final = next.body;
      else current = next.response;
    }
    expect(final).not.toBeNull();
    const text = visibleText(final);
    const named = h.knowledge.dataset.technologies.filter((t) => text.includes(t.name));
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(final.embeds.at(-1).footer?.text ?? "").toMatch(/^Sources: /);
  });

  it("takes a typed answer in the recommendation thread and retires the old buttons", async () => {
    const { fake } = h;
    const since = fake.mark();
    const cmd = fake.slashCommand("recommend", { description: "a small team" });
    await fake.waitForCall(callbackOf(cmd.id), { since });
    const threadCall = await fake.waitForCall((c) => c.method === "POST" && c.path.endsWith("/threads"), {
      since,
    });
    const threadId = threadCall.response.id as string;
    const question = await fake.waitForCall(postTo(threadId), { since });
    const answer = answerComponent(question.body);
    if (!answer) return; // the description alone was enough for a recommendation
    const label = answer.type === 3 ? answer.options[0].label : answer.label;
    await sleep(100); // a person takes a moment to read the question
    const mark = fake.mark();
    fake.messageCreate({ content: label, channelId: threadId });
    const next = await fake.waitForCall(postTo(threadId), { since: mark });
    expect(visibleText(next.body)).not.toBe(visibleText(question.body));
    const cleared = await fake.waitForCall(
      (c) => c.method === "PATCH" && c.path === `/channels/${threadId}/messages/${question.response.id}`,
      { since: mark },
    );
    expect(cleared.body.components).toEqual([]);
  });

  it("apologises when a reply cannot be sent, and keeps working", async () => {
    const { fake } = h;
    fake.failNext(postTo(fake.textChannelId));
    const since = fake.mark();
    fake.messageCreate({ content: `<@${fake.botUser.id}> what license does JAX use?` });
    const apology = await fake.waitForCall((c) => postTo(fake.textChannelId)(c) && c.status === 200, {
      since,
    });
    expect(visibleText(apology.body)).toMatch(/Sorry/);
    expect(apology.body.allowed_mentions).toEqual(NO_PINGS);

    const again = fake.mark();
    fake.messageCreate({ content: `<@${fake.botUser.id}> what license does JAX use?` });
    const answer = await fake.waitForCall(postTo(fake.textChannelId), { since: again });
    expect(visibleText(answer.body)).toMatch(/Apache/);
  });

  it("resumes after the gateway drops the connection and answers the next message in the thread", async () => {
    const { fake } = h;
    const thread = fake.threadChannelId; // the bot took part there in an earlier test
    for (const how of [{ code: 4000 }, "terminate" as const]) {
      const opsBefore = fake.received.length;
      const since = fake.mark();
      fake.disconnect(how);
      // Sent while the bot is away: the fake replays it after RESUME, as Discord does.
      fake.messageCreate({ content: "what license does JAX use?", channelId: thread });
      const resume = await fake.waitForOp(6, { since: opsBefore, timeout: 10_000 });
      expect(resume.d.session_id).toBeTruthy();
      const answer = await fake.waitForCall(postTo(thread), { since, timeout: 10_000 });
      expect(visibleText(answer.body)).toMatch(/Apache/);
      expect(fake.received.slice(opsBefore).some((o) => o.op === 2)).toBe(false); // resumed, not re-identified
      await sleep(50);
      expect(h.bot.isReady()).toBe(true);
    }
  });
});
