import { constraintCount, type Understanding } from "../understand.js";
import { MIN_SCORE, strong } from "./scores.js";

/** Words that, alone with a question mark, ask for what comes next ("so?", "well?"). */
const PROMPTS = new Set(["so", "well", "and", "soo", "sooo"]);

/**
 * "pick one please", "recommendation?", "so which one should we use?", "so?": a short message asking for a
 * pick and stating nothing (no technology, aspect, need or flow answer). After a result it asks
 * for that result again; inside the guided questions, for the result now.
 */
export function asksPickOnly(u: Understanding): boolean {
  // "so which one should we use?": a whole sentence, but only the frame of a request: nothing of
  // the dataset named (its verdict topic, "recommend something", is the request itself), no name
  // outside it.
  const short =
    u.tokens.length <= 8 &&
    u.techs.length === 0 &&
    u.unknown.length === 0 &&
    strong(u.aspects).length === 0 &&
    strong(u.needs).length === 0;
  if (!short || constraintCount(u, MIN_SCORE) > 0) return false;
  const [only] = u.tokens;
  if (u.tokens.length === 1 && only && PROMPTS.has(only.raw) && u.asks) return true;
  return u.cues.has("result") || u.cues.has("recommend") || u.cues.has("which");
}
