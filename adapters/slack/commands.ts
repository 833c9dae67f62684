/** What `/stackwise <text>` asks for; the engine text is what the engine will read. */
export type SlashRequest =
  | { kind: "help"; engineText: string }
  | { kind: "ask"; engineText: string; question: string }
  | { kind: "recommend"; engineText: string; description: string };

const SEPARATORS = new Set(["and", "vs", "vs.", "versus", "with", "or", "&", ","]);

/**
 * Parses the slash command's text. Subcommands: help, ask, compare, recommend; anything else is
 * a question. No knowledge of the topic: names and aspects pass through to the engine untouched.
 */
export function parseSlashCommand(raw: string): SlashRequest {
  const text = raw.trim().replace(/\s+/g, " ");
  const [first = "", ...restWords] = text.split(" ");
  const verb = first.toLowerCase();
  const rest = restWords.join(" ");
  if (verb === "" || verb === "help" || verb === "?") return { kind: "help", engineText: "help" };
  if (verb === "ask") {
    return rest ? { kind: "ask", engineText: rest, question: rest } : { kind: "help", engineText: "help" };
  }
  if (verb === "recommend") {
    return { kind: "recommend", engineText: rest ? `recommend ${rest}` : "recommend", description: rest };
  }
  if (verb === "compare") return { kind: "ask", engineText: compareText(restWords), question: text };
  return { kind: "ask", engineText: text, question: text };
}

/** `compare a b [aspect]` → "compare a and b aspect"; text that already names its separator passes as is. */
function compareText(words: string[]): string {
  if (words.length < 2 || words.some((w) => SEPARATORS.has(w.toLowerCase()))) {
    return ["compare", ...words].join(" ");
  }
  const [a, b, ...aspect] = words;
  return ["compare", a, "and", b, ...aspect].join(" ");
}
