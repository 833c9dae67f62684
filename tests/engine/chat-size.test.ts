import { describe, expect, it } from "vitest";
import { blockLines, FOLD_LINES } from "../../src/reply/layout.js";
import { shownBlocks } from "../../src/reply/model.js";
import { toPlainText } from "../../src/reply/plain-text.js";
import { ask, Chat, readable } from "./helpers.js";

/** Replies stay chat-sized: the answer first, a "More" for the rest, the whole of it in plain text. */
describe("chat-sized replies", () => {
  it("a long reply shows about 15 lines first and keeps the rest behind More", () => {
    const chat = new Chat();
    const reply = chat.say("pytorch vs tf");
    expect(reply.fold).toBeGreaterThan(0);
    const shown = shownBlocks(reply).reduce((n, b) => n + blockLines(b), reply.title ? 1 : 0);
    expect(shown).toBeLessThanOrEqual(FOLD_LINES + 3);
    // The answer first: the verdict leads, the table follows.
    expect(reply.blocks[0]?.kind).toBe("paragraph");
    // Plain text (the CLI's JSON) always holds the whole reply.
    expect(toPlainText(reply)).toMatch(/is the pick for/);
  });

  it("'more' (typed, or the More button) gives the rest, once", () => {
    const chat = new Chat();
    const first = chat.say("pytorch vs tf");
    const hidden = first.blocks.slice(first.fold).filter((b) => b.kind !== "choices");
    // The rest may itself be long, and folds again: "more" until nothing is left.
    const shown: unknown[] = [];
    for (let i = 0; i < 5 && chat.state.more; i++) {
      const rest = chat.say("more");
      expect(rest.intent).toBe("more");
      expect(rest.title).toMatch(/continued/);
      // The rest is about the same technologies as the answer it continues.
      expect(rest.technologies).toEqual(first.technologies);
      shown.push(...rest.blocks.slice(0, rest.fold));
    }
    expect(shown).toEqual(hidden);
    expect(chat.state.more).toBeNull();
    const clicked = new Chat();
    clicked.say("pytorch vs tf");
    expect(clicked.click("more").intent).toBe("more");
  });

  it("a short answer is not folded", () => {
    expect(ask("what license does jax use?").fold).toBeUndefined();
  });

  it("no sentence repeats the figure line just above it", () => {
    const text = readable(ask("how often does jax release"));
    expect(text.match(/2-4 weeks/g)?.length).toBe(1);
  });

  it("items read from a description stay apart even when their labels hold 'and'", () => {
    const text = readable(
      ask("we're a small research lab prototyping nlp models on nvidia gpus, what should we use?"),
    );
    expect(text).toMatch(/research and rapid prototyping; /);
  });
});
