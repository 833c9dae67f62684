import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_PINGS } from "../../adapters/discord/outbound.js";
import {
  answeredMessage,
  DISCORD_LIMITS,
  embedChars,
  renderNotice,
  renderReply,
  SELECT_PREFIX,
} from "../../adapters/discord/render.js";
import type { Reply } from "../../src/reply/model.js";
import { knowledge } from "../engine/helpers.js";
import {
  anyText,
  brokenStrings,
  chatText,
  datasetWords,
  engineReply,
  RUNS,
  syntheticReply,
} from "./arbitraries.js";
import { DISCORD, discordPings, discordViolations } from "./limits.js";

const k = knowledge();
const words = datasetWords(k);
const synthetic = syntheticReply({ words });
/** Choice ids that collide with the renderer's own select ids are a known failure (known-failures.test.ts). */
const withoutSelectIds = (reply: Reply): Reply => ({
  ...reply,
  blocks: reply.blocks.map((b) =>
    b.kind === "choices" ? { ...b, choices: b.choices.filter((c) => !c.id.startsWith(SELECT_PREFIX)) } : b,
  ),
});

describe("discord: renderReply() on engine replies from arbitrary input", () => {
  it("stays within Discord's limits and shows no raw @everyone / @here", () => {
    fc.assert(
      fc.property(engineReply(k), (reply) => {
        const message = renderReply(reply);
        expect(discordViolations(message)).toEqual([]);
        expect(discordPings(message)).toEqual([]);
        expect(message.embeds.length).toBeGreaterThan(0);
        expect(brokenStrings(message)).toEqual([]);
        // The renderer's own counter agrees with Discord's definition.
        expect(embedChars(message.embeds)).toBeLessThanOrEqual(DISCORD.embedTotal);
      }),
      { numRuns: RUNS },
    );
  });

  it("the answered version of a question (components removed, choice shown) stays within limits", () => {
    fc.assert(
      fc.property(engineReply(k), anyText(words), (reply, label) => {
        const rendered = renderReply(reply);
        const answered = answeredMessage({ content: rendered.content ?? "", embeds: rendered.embeds }, label);
        expect(discordViolations(answered)).toEqual([]);
        expect(discordPings(answered)).toEqual([]);
        expect(answered.components).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe("discord: renderers on synthetic input", () => {
  it("renderReply() stays within Discord's size limits whatever the reply holds", () => {
    fc.assert(
      fc.property(synthetic, (reply) => {
        // Blank fields/labels and select-id collisions: see known-failures.test.ts.
        expect(discordViolations(renderReply(withoutSelectIds(reply)), { strict: false })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("renderReply() breaks up @everyone / @here in the title, description and field values", () => {
    fc.assert(
      fc.property(synthetic, (reply) => {
        // Footers, wide-table field names and fixed-width table code: see known-failures.test.ts.
        const message = renderReply(reply);
        const pings = discordPings(message, { labels: false, code: false }).filter(
          (p) => !p.includes(".footer") && !p.includes(".name"),
        );
        expect(pings).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("renderNotice() (apologies, intros) stays within limits and never pings", () => {
    fc.assert(
      fc.property(chatText(words), (text) => {
        const message = renderNotice(text);
        expect(discordViolations(message, { strict: false })).toEqual([]);
        expect(discordPings(message)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("answeredMessage() keeps within limits for any original message and label", () => {
    fc.assert(
      fc.property(synthetic, chatText(words), anyText(words), (reply, content, label) => {
        const original = {
          content: renderNotice(content).content ?? "",
          embeds: renderReply(reply).embeds,
        };
        expect(discordViolations(answeredMessage(original, label), { strict: false })).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe("discord: the mention guard", () => {
  it("the bot's allowed mentions parse nothing (the renderer's escaping is only a second line)", () => {
    expect(NO_PINGS).toEqual({ parse: [], repliedUser: false });
  });

  it("the renderer's own limit constants are no looser than Discord's documented ones", () => {
    expect(DISCORD_LIMITS.content).toBeLessThanOrEqual(DISCORD.content);
    expect(DISCORD_LIMITS.embeds).toBeLessThanOrEqual(DISCORD.embeds);
    expect(DISCORD_LIMITS.embedTitle).toBeLessThanOrEqual(DISCORD.title);
    expect(DISCORD_LIMITS.embedDescription).toBeLessThanOrEqual(DISCORD.description);
    expect(DISCORD_LIMITS.embedFields).toBeLessThanOrEqual(DISCORD.fields);
    expect(DISCORD_LIMITS.fieldName).toBeLessThanOrEqual(DISCORD.fieldName);
    expect(DISCORD_LIMITS.fieldValue).toBeLessThanOrEqual(DISCORD.fieldValue);
    expect(DISCORD_LIMITS.footerText).toBeLessThanOrEqual(DISCORD.footer);
    expect(DISCORD_LIMITS.embedTotal).toBeLessThanOrEqual(DISCORD.embedTotal);
    expect(DISCORD_LIMITS.actionRows).toBeLessThanOrEqual(DISCORD.actionRows);
    expect(DISCORD_LIMITS.buttonsPerRow).toBeLessThanOrEqual(DISCORD.buttonsPerRow);
    expect(DISCORD_LIMITS.buttonLabel).toBeLessThanOrEqual(DISCORD.buttonLabel);
    expect(DISCORD_LIMITS.customId).toBeLessThanOrEqual(DISCORD.customId);
    expect(DISCORD_LIMITS.selectOptions).toBeLessThanOrEqual(DISCORD.selectOptions);
    expect(DISCORD_LIMITS.selectOptionLabel).toBeLessThanOrEqual(DISCORD.optionLabel);
    expect(DISCORD_LIMITS.selectOptionValue).toBeLessThanOrEqual(DISCORD.optionValue);
    expect(DISCORD_LIMITS.selectPlaceholder).toBeLessThanOrEqual(DISCORD.placeholder);
  });
});
