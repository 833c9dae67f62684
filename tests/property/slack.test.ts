import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answeredMessage } from "../../adapters/slack/answered.js";
import { introMessage, renderReply, SLACK_LIMITS } from "../../adapters/slack/blocks.js";
import { notice } from "../../src/reply/notice.js";
import { knowledge } from "../engine/helpers.js";
import {
  anyText,
  brokenStrings,
  chatText,
  datasetWords,
  engineReply,
  RUNS,
  shortText,
  syntheticReply,
} from "./arbitraries.js";
import { brokenEntities, SLACK, slackViolations } from "./limits.js";

const k = knowledge();
const words = datasetWords(k);

describe("slack: renderReply() on engine replies from arbitrary input", () => {
  it("stays within Block Kit limits and never pings", () => {
    fc.assert(
      fc.property(engineReply(k), (reply) => {
        const message = renderReply(reply);
        expect(slackViolations(message)).toEqual([]);
        expect(brokenEntities(message)).toEqual([]);
        expect(brokenStrings(message)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("the same with an intro echoing the user's words, as /stackwise renders", () => {
    fc.assert(
      fc.property(engineReply(k), anyText(words), (reply, text) => {
        const message = renderReply(reply, { user: "U1", says: "asked", text });
        // The asker's own mention is the only one allowed; their words are plain_text, never parsed.
        expect(slackViolations(message, { allowedMention: "<@U1>" })).toEqual([]);
        expect(brokenEntities(message)).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("the answered version of a question (buttons removed, choice shown) stays within limits", () => {
    const userId = fc.option(fc.stringMatching(/^[UW][A-Z0-9]{2,10}$/), { nil: undefined });
    const otherId = fc.string({ unit: "binary", maxLength: 20 });
    fc.assert(
      fc.property(engineReply(k), anyText(words), fc.oneof(userId, otherId), (reply, label, user) => {
        const answered = answeredMessage(renderReply(reply).blocks, label, user);
        const mention = user && /^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : undefined;
        expect(slackViolations(answered, { allowedMention: mention })).toEqual([]);
        expect(answered.blocks.some((b) => b.type === "actions")).toBe(false);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe("slack: renderReply() on synthetic replies", () => {
  it("stays within Block Kit limit sizes and never pings, whatever the reply holds", () => {
    fc.assert(
      fc.property(syntheticReply({ words }), (reply) => {
        // Empty text and duplicate option values are covered in known-failures.test.ts.
        expect(slackViolations(renderReply(reply), { strict: false })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("notices (apologies, refusals) and thread intros stay within limits and never ping", () => {
    fc.assert(
      fc.property(chatText(words), shortText(words), (text, intro) => {
        expect(slackViolations(renderReply(notice("error", text)))).toEqual([]);
        const root = introMessage({ user: "U1", says: "asked for a recommendation", text: intro });
        expect(slackViolations(root, { allowedMention: "<@U1>" })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("the renderer's own limit constants are no looser than Slack's documented ones", () => {
    expect(SLACK_LIMITS.blocks).toBeLessThanOrEqual(SLACK.blocks);
    expect(SLACK_LIMITS.headerText).toBeLessThanOrEqual(SLACK.headerText);
    expect(SLACK_LIMITS.sectionText).toBeLessThanOrEqual(SLACK.sectionText);
    expect(SLACK_LIMITS.contextText).toBeLessThanOrEqual(SLACK.contextText);
    expect(SLACK_LIMITS.buttonText).toBeLessThanOrEqual(SLACK.buttonText);
    expect(SLACK_LIMITS.buttonValue).toBeLessThanOrEqual(SLACK.buttonValue);
    expect(SLACK_LIMITS.optionText).toBeLessThanOrEqual(SLACK.optionText);
    expect(SLACK_LIMITS.optionValue).toBeLessThanOrEqual(SLACK.optionValue);
    expect(SLACK_LIMITS.selectOptions).toBeLessThanOrEqual(SLACK.selectOptions);
    expect(SLACK_LIMITS.actionsElements).toBeLessThanOrEqual(SLACK.actionsElements);
    expect(SLACK_LIMITS.fallbackText).toBeLessThanOrEqual(SLACK.fallbackText);
  });
});
