import { constraintCount, type Understanding } from "../understand.js";
import { MIN_SCORE, strong } from "./scores.js";

/** Words that, alone with a question mark, ask for what comes next ("so?", "well?"). */
const PROMPTS = new Set(["so", "well", "and", "soo", "sooo"]);

/**
 * "pick one please", "recommendation?", "so which one?", "so?": a short message asking for a
 * pick and stating nothing (no technology, aspect, need or flow answer). After a result it asks
 * for that result again; inside the guided questions, for the result now.
 */
export function asksPickOnly(u: Understanding): boolean {
  const short = u.tokens.length <= 4 && u.techs.length === 0 && strong(u.aspects).length === 0;
  if (!short || constraintCount(u, MIN_SCORE) > 0) return false;
  const [only] = u.tokens;
  if (u.tokens.length === 1 && only && PROMPTS.has(only.raw) && u.asks) return true;
  return u.cues.has("result") || u.cues.has("recommend") || u.cues.has("which");
}
