#!/usr/bin/env node
/**
 * Scores multi-turn conversations the way ../shared/eval/qa_check.py scores single questions.
 *
 * Usage: node tests/engine/score-conversations.mjs FILE.jsonl
 * Each line: {"id", "about", "turns": [{"q", ...checks}]}; the checks are qa_check's (tech, pick,
 * none, all, forbid, max_chars). Every conversation runs through `stackwise ask --json --thread`
 * (one process per conversation), so a bare number picks a numbered choice as in the chat. A turn
 * with no checks is input only. Prints one line per failed turn, then the turn and conversation
 * scores; a turn answered with intent "clarify" counts as clarified, not wrong.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const RANGE = "\\s*(?:-|to)\\s*";
const CHECKS = ["tech", "pick", "none", "all", "forbid", "max_chars"];
const bin = fileURLToPath(new URL("../../bin/stackwise.js", import.meta.url));

/** qa_check.py's normalisation: lower case, one dash, no thousands separators, folded spaces. */
function norm(text) {
  return text
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/(?<=\d),(?=\d{3})/g, "")
    .replace(/\u00d7/g, "x")
    .replace(/\s+/g, " ");
}

/** qa_check.py's check(): the reasons a reply fails a case, empty when it passes. */
export function check(c, reply) {
  const why = [];
  const text = norm(reply.text ?? "");
  const techs = reply.technologies ?? [];
  for (const t of c.tech ?? []) if (!techs.includes(t)) why.push(`technologies [${techs}] lacks ${t}`);
  if ("pick" in c && reply.pick !== c.pick) why.push(`pick ${reply.pick} != ${c.pick}`);
  if (c.none && (techs.length || reply.pick))
    why.push(`expected no technology, got [${techs}] pick=${reply.pick}`);
  for (const p of c.all ?? [])
    if (!new RegExp(p.replaceAll("~", RANGE)).test(text)) why.push(`text lacks /${p}/`);
  if ("max_chars" in c && (reply.text ?? "").length > c.max_chars)
    why.push(`text is ${(reply.text ?? "").length} chars, over ${c.max_chars}`);
  for (const p of c.forbid ?? [])
    if (new RegExp(p.replaceAll("~", RANGE)).test(text)) why.push(`text has forbidden /${p}/`);
  return why;
}

function main(file) {
  const convs = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  let turns = 0;
  let passed = 0;
  let clarified = 0;
  let convPassed = 0;
  for (const conv of convs) {
    const stdin = conv.turns.map((t) => `${t.q}\n`).join("");
    const out = execFileSync(process.execPath, [bin, "ask", "--json", "--thread"], {
      input: stdin,
      encoding: "utf8",
    });
    const replies = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l));
    if (replies.length !== conv.turns.length) {
      console.log(`FAIL ${conv.id}: expected ${conv.turns.length} replies, got ${replies.length}`);
      continue;
    }
    let ok = true;
    conv.turns.forEach((t, i) => {
      if (!CHECKS.some((c) => c in t)) return;
      turns++;
      const why = check(t, replies[i]);
      if (why.length === 0) passed++;
      else {
        ok = false;
        if (replies[i].intent === "clarify") {
          clarified++;
          console.log(`ASKS ${conv.id} turn ${i + 1} ${JSON.stringify(t.q)}: asked which reading was meant`);
        } else console.log(`FAIL ${conv.id} turn ${i + 1} ${JSON.stringify(t.q)}: ${why.join("; ")}`);
      }
    });
    if (ok) convPassed++;
  }
  const wrong = turns - passed - clarified;
  const pct = (n, d) => ((100 * n) / d).toFixed(1);
  console.log(
    `conversations: ${convPassed}/${convs.length} fully passed (${pct(convPassed, convs.length)}%); ` +
      `turns: ${passed}/${turns} passed (${pct(passed, turns)}%), ${clarified} clarified, ${wrong} wrong (${pct(wrong, turns)}%)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv[2]);
