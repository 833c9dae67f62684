import { describe, expect, it } from "vitest";
import { cleanReviewText, MAX_REVIEW_TEXT } from "../../src/feedback/clean.js";
import { looksLikeQuestion, replyKind } from "../../src/feedback/kinds.js";

describe("cleaning stored text", () => {
  it("removes an email, a mention, a URL and a fake xoxb- token, and says what stood there", () => {
    const cleaned = cleanReviewText(
      "ask <@U012ABCDEF> or @bob.smith at bob@example.com, see https://x.example.com/a?b=1 — my token is xoxb-1234-5678-abcdefABCDEF",
    );
    expect(cleaned).toBe("ask [mention] or [mention] at [email], see [link] — my token is [token]");
    for (const gone of ["U012ABCDEF", "bob", "example.com", "xoxb", "1234"])
      expect(cleaned).not.toContain(gone);
  });

  it("removes long digit runs, Discord mentions, bearer tokens and long random strings", () => {
    const cleaned = cleanReviewText(
      "call +44 20 7946 0958, card 4111-1111-1111-1111, <@!123456789012345678> <#C1|general> Bearer abc.def.ghi123 key sk-abcdefghijklmnop1234 id a1b2c3d4e5f6a7b8c9d0e1f2a3 jwt eyJhbGciOi.eyJzdWIiOi.sig",
    );
    expect(cleaned).not.toMatch(/\d{3}/);
    expect(cleaned).not.toMatch(/abcdefghijklmnop|a1b2c3|eyJ|abc\.def/);
    expect(cleaned).toContain("[number]");
    expect(cleaned).toContain("[token]");
    expect(cleaned).toContain("[mention]");
  });

  it("keeps ordinary questions, versions and short numbers as they are", () => {
    expect(cleanReviewText("Does  PyTorch 2.0 run on 8 GPUs with 80 GB?")).toBe(
      "Does PyTorch 2.0 run on 8 GPUs with 80 GB?",
    );
    expect(cleanReviewText("   ")).toBe("");
    expect(cleanReviewText("x".repeat(2000))).toHaveLength(MAX_REVIEW_TEXT);
    // A cut never splits an emoji in two.
    const emoji = cleanReviewText(`${"x".repeat(MAX_REVIEW_TEXT - 2)}🚀🚀🚀`);
    expect(emoji.endsWith("x…")).toBe(true);
  });
});

describe("which replies count", () => {
  it("answers carry buttons; clarify and not-covered are unanswered; help only for a question", () => {
    expect(replyKind("fact", "jax license")).toBe("answer");
    expect(replyKind("flow-result", null)).toBe("answer");
    expect(replyKind("clarify", "medium")).toBe("clarify");
    expect(replyKind("not-covered", "asdf qwer")).toBe("unanswered");
    expect(replyKind("off-topic", "how do I bake bread?")).toBe("unanswered");
    expect(replyKind("help", "help")).toBeNull();
    expect(replyKind("flow", null)).toBeNull();
    expect(replyKind("social", "thanks!")).toBeNull();
    expect(looksLikeQuestion("hello")).toBe(false);
    expect(looksLikeQuestion("what is the best pizza in town")).toBe(true);
  });
});
