import { describe, expect, it } from "vitest";
import { scrubText, wantsPretty } from "../../src/runtime/logger.js";
import { capturingLogger } from "./support.js";

describe("logger redaction", () => {
  it("scrubs token, signature and credential shapes from any text", () => {
    const signature = `v0=${"ab12".repeat(16)}`;
    const discord = `${"M".repeat(24)}.${"G".repeat(6)}.${"x".repeat(27)}`;
    const text = scrubText(
      `xoxb-1-2-abc xapp-1-A0-xyz xoxp-9 ${signature} ${discord} Bearer abc.def Bot qwerty redis://u:pw@h:6379/0`,
    );
    expect(text).toBe(
      "[redacted] [redacted] [redacted] [redacted] [redacted] Bearer [redacted] Bot [redacted] redis://u:[redacted]@h:6379/0",
    );
  });

  it("blanks secret-named fields at any depth, HTTP internals of errors, and secrets in messages", () => {
    const { log, lines } = capturingLogger();
    const err = Object.assign(new Error("request failed for xoxb-123-secret"), {
      code: "slack_webapi_request_error",
      original: {
        message: "socket hang up",
        config: { headers: { Authorization: "Bearer xoxb-123-secret" } },
        request: { _header: "POST /api/chat.postMessage\r\nAuthorization: Bearer xoxb-123-secret" },
      },
      data: { ok: false, error: "invalid_auth" },
    });
    const headers = { "x-slack-signature": "v0=deadbeef", authorization: "Bearer t", "user-agent": "slack" };
    log.error(
      {
        err,
        headers,
        deep: { a: { b: { clientSecret: "s3", apiKey: "k" } } },
        config: { DISCORD_TOKEN: "d" },
      },
      "failed with %s",
      "xapp-1-secret",
    );
    const [line] = lines();
    const json = JSON.stringify(line);
    for (const secret of ["xoxb-123-secret", "deadbeef", "Bearer t", "s3", '"k"', '"d"', "xapp-1-secret"]) {
      expect(json).not.toContain(secret);
    }
    expect(line).toMatchObject({
      msg: "failed with [redacted]",
      err: {
        type: "Error",
        message: "request failed for [redacted]",
        code: "slack_webapi_request_error",
        original: { message: "socket hang up", config: "[omitted]", request: "[omitted]" },
        data: { error: "invalid_auth" },
      },
      headers: { "x-slack-signature": "[redacted]", authorization: "[redacted]", "user-agent": "slack" },
      config: { DISCORD_TOKEN: "[redacted]" },
    });
  });

  it("pretty only in a terminal (or when asked)", () => {
    expect(wantsPretty("auto", true)).toBe(true);
    expect(wantsPretty("auto", false)).toBe(false);
    expect(wantsPretty("json", true)).toBe(false);
    expect(wantsPretty("pretty", false)).toBe(true);
  });
});
