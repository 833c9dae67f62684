import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/runtime/config.js";

describe("feedback settings", () => {
  it("keeps review text for 30 days and votes for 90 by default; the review page is off", () => {
    const config = loadConfig({});
    expect(config.KEEP_REVIEW_TEXT).toBe(true);
    expect(config.FEEDBACK_TTL_SECONDS).toBe(90 * 24 * 3600);
    expect(config.REVIEW_TEXT_TTL_SECONDS).toBe(30 * 24 * 3600);
    expect(config.REVIEW_TOKEN).toBeUndefined();
  });

  it("reads KEEP_REVIEW_TEXT=false, and refuses a short REVIEW_TOKEN without echoing it", () => {
    expect(loadConfig({ KEEP_REVIEW_TEXT: "false" }).KEEP_REVIEW_TEXT).toBe(false);
    expect(loadConfig({ KEEP_REVIEW_TEXT: "" }).KEEP_REVIEW_TEXT).toBe(true);
    expect(() => loadConfig({ KEEP_REVIEW_TEXT: "maybe" })).toThrow(ConfigError);
    try {
      loadConfig({ REVIEW_TOKEN: "tiny-secret" });
      throw new Error("expected a ConfigError");
    } catch (err) {
      expect((err as Error).message).toContain("REVIEW_TOKEN: expected at least 16 characters");
      expect((err as Error).message).not.toContain("tiny-secret");
    }
  });
});
