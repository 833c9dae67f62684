import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shortcodesToEmoji } from "../../adapters/shared/emoji.js";
import { toPlainText } from "../../src/reply/plain-text.js";
import { Chat } from "./helpers.js";

/**
 * Multi-turn conversations written blind from the source page (follow-ups, questions about a
 * result, corrections, typed flow answers), scored turn by turn with qa_check.py's rules, as
 * `tests/engine/score-conversations.mjs` does through the CLI. A floor guards each set.
 */
interface Turn {
  q: string;
  tech?: string[];
  pick?: string | null;
  none?: boolean;
  all?: string[];
  forbid?: string[];
  max_chars?: number;
}

const RANGE = "\\s*(?:-|to)\\s*";
const norm = (t: string) =>
  t
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/(?<=\d),(?=\d{3})/g, "")
    .replace(/\u00d7/g, "x")
    .replace(/\s+/g, " ");

function failures(turn: Turn, reply: ReturnType<Chat["say"]>): string[] {
  const plain = toPlainText(reply);
  const text = norm(plain);
  const why: string[] = [];
  for (const t of turn.tech ?? []) if (!reply.technologies.includes(t)) why.push(`technologies lack ${t}`);
  if ("pick" in turn && reply.pick !== turn.pick) why.push(`pick ${reply.pick} != ${turn.pick}`);
  if (turn.none && (reply.technologies.length > 0 || reply.pick)) why.push("expected no technology");
  for (const p of turn.all ?? [])
    if (!new RegExp(p.replaceAll("~", RANGE)).test(text)) why.push(`lacks /${p}/`);
  for (const p of turn.forbid ?? [])
    if (new RegExp(p.replaceAll("~", RANGE)).test(text)) why.push(`has /${p}/`);
  if (turn.max_chars !== undefined && plain.length > turn.max_chars) why.push(`over ${turn.max_chars} chars`);
  return why;
}

const checked = (t: Turn) => ["tech", "pick", "none", "all", "forbid", "max_chars"].some((key) => key in t);

for (const [file, floor] of [
  ["blind7-conversations.jsonl", 0.9],
  ["blind8-conversations.jsonl", 0.85],
  ["blind9-conversations.jsonl", 0.9],
  ["blind10-conversations.jsonl", 0.9],
  ["blind11-conversations.jsonl", 0.9],
  ["blind12-conversations.jsonl", 0.88],
  ["blind13-conversations.jsonl", 0.9],
  ["blind14-conversations.jsonl", 0.88],
  ["blind15-conversations.jsonl", 0.9],
  ["blind16-conversations.jsonl", 0.88],
  ["blind17-conversations.jsonl", 0.85],
  ["blind18-conversations.jsonl", 0.87],
  ["blind19-conversations.jsonl", 0.92],
  ["blind20-conversations.jsonl", 0.76],
  ["blind21-conversations.jsonl", 0.86],
  ["blind22-conversations.jsonl", 0.87],
  ["blind23-conversations.jsonl", 0.73],
] as const) {
  describe(`conversation set ${file}`, () => {
    const convs = readFileSync(new URL(file, import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; turns: Turn[] });

    it(`passes at least ${floor * 100}% of the checked turns`, () => {
      const failed: string[] = [];
      let turns = 0;
      for (const conv of convs) {
        const chat = new Chat();
        conv.turns.forEach((turn, i) => {
          const reply = chat.say(shortcodesToEmoji(turn.q));
          if (!checked(turn)) return;
          turns++;
          const why = failures(turn, reply);
          if (why.length)
            failed.push(`${conv.id} turn ${i + 1} ${JSON.stringify(turn.q)}: ${why.join("; ")}`);
        });
      }
      expect(1 - failed.length / turns, failed.join("\n")).toBeGreaterThanOrEqual(floor);
    });
  });
}
