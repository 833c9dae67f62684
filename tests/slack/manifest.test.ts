import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DECIDE_SHORTCUT } from "../../adapters/slack/decision-parse.js";

const manifest = readFileSync(new URL("../../adapters/slack/manifest.yml", import.meta.url), "utf8");

describe("the Slack manifest (issue 13)", () => {
  it("registers the message shortcut the app listens for, users:read for admins, and interactivity", () => {
    expect(manifest).toMatch(
      new RegExp(
        `shortcuts:\\n\\s+#[^\\n]*\\n\\s+- name: Decide this with Stackwise\\n\\s+type: message\\n\\s+callback_id: ${DECIDE_SHORTCUT}\\n`,
      ),
    );
    expect(manifest).toMatch(/^\s+- users:read /m);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/usage_hint: ".*decide \[anonymous\] \[topic\] \| decisions/);
  });
});
