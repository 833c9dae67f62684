import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stripMentions } from "../../adapters/discord/parse.js";
import { escapeText } from "../../adapters/discord/render.js";
import { stripChatMarkup } from "../../adapters/shared/markup.js";
import { RUNS } from "./arbitraries.js";

/** The escaping rules as regular expressions: the reference escapeText()'s single scan must match. */
function escapeByRules(text: string): string {
  let escaped = text.replace(/[\\*_~`|]|\](?=\()/g, "\\$&");
  if (escaped.includes("\n") || /^ *[#>\d-]/.test(escaped)) {
    escaped = escaped.replace(/^( *)([#>-])/gm, "$1\\$2").replace(/^( *\d+)\. /gm, "$1\\. ");
  }
  return escaped.includes("@") ? escaped.replace(/@(everyone|here)/g, "@\u200b$1") : escaped;
}

/** Markdown and mention characters weighted up, then any text. */
const markdownText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(..."\\*_~`|[]()#>-. 0123456789\n@".split("")) },
      { weight: 2, arbitrary: fc.constantFrom("](", "@everyone", "@here", "1. ", "  - ", "||", "```") },
      { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("escapeText(): one scan with the rules of the regular expressions", () => {
  it("escapes exactly as the reference rules do, for any text", () => {
    fc.assert(
      fc.property(markdownText, (text) => {
        expect(escapeText(text)).toBe(escapeByRules(text));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it("returns plain prose unchanged and escapes a mark in the first character", () => {
    expect(escapeText("JAX is licensed under Apache 2.0.")).toBe("JAX is licensed under Apache 2.0.");
    expect(escapeText("*a")).toBe("\\*a");
    expect(escapeText("a](b")).toBe("a\\](b");
    expect(escapeText("a]")).toBe("a]");
  });
});

/** The mention stripping as string replacement and a regular expression: the reference. */
function stripByRules(content: string, botId: string, botRoleId?: string): string {
  let text = content.replaceAll(`<@${botId}>`, " ").replaceAll(`<@!${botId}>`, " ");
  if (botRoleId) text = text.replaceAll(`<@&${botRoleId}>`, " ");
  // Anyone else's mentions, channels and custom emoji go too (the shared markup rules).
  return stripChatMarkup(text).replace(/\s+/g, " ").trim();
}

const BOT = "1234";
const ROLE = "77";
const messageText = fc
  .array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(`<@${BOT}>`, `<@!${BOT}>`, `<@&${ROLE}>`, "<@999>", "<@", ">"),
      },
      { weight: 3, arbitrary: fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\0") },
      { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("stripMentions(): a scan with the rules of string replacement", () => {
  it("gives the reference's text for any message, with and without a bot role", () => {
    fc.assert(
      fc.property(messageText, fc.boolean(), (text, withRole) => {
        const role = withRole ? ROLE : undefined;
        expect(stripMentions(text, BOT, role)).toBe(stripByRules(text, BOT, role));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it("removes the bot's mention and keeps the question", () => {
    expect(stripMentions(`<@${BOT}> what license does jax use?`, BOT)).toBe("what license does jax use?");
    expect(stripMentions(`hey <@!${BOT}>\tand <@&${ROLE}> you`, BOT, ROLE)).toBe("hey and you");
  });
});
