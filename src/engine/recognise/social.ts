import type { Understanding } from "../understand.js";
import { namePositions } from "./mentions.js";

/**
 * Chat manners: thanks and acknowledgements ("great, ty", "cheers", "ok cool", "lol", 👍). They
 * deserve one line back, not the help menu. Language-level words only: nothing of any topic.
 */
const THANKS = new Set(
  "thanks thank thx ty tysm cheers ta appreciated appreciate grateful kudos legend hero bunch".split(" "),
);
const ACKNOWLEDGE = new Set(
  (
    "ok okay k kk cool great nice awesome perfect sweet neat brilliant excellent good fine got it gotcha " +
    "understood makes sense sense clear lol lmao haha hahaha heh omg wow interesting fair enough noted " +
    "alright right yep yeah yes yup sure much very so a lot lots you that this helps helped helpful " +
    "one all for the man mate dude bro guys fam folks yall will do amazing super bot brb gtg afk ttyl bbl later " +
    "grabbing getting coffee lunch back soon ton tons heaps loads massively really truly smart clever " +
    "pretty cool bot ur your you sry sorry oops whoops my bad wrong channel thread chat mistake ignore " +
    "me that stackwise"
  )
    .split(" ")
    .filter(Boolean),
);

/** Leaving: "bye", "cya later", "gn all". */
const FAREWELL = new Set(
  "bye byee goodbye cya ciao later night gn ttyl ttys farewell see ya peace out".split(" "),
);
/**
 * Words of a message about the bot itself ("who made u", "how r u today", "what are you"): it
 * must also address the bot ("you", "your") to be one.
 */
const ABOUT_BOT = new Set(
  (
    "how are is was you your yours who what made built created wrote write owns own runs run doing " +
    "going today it up name called exactly really even hi hey hello there"
  ).split(" "),
);
const ADDRESSED = new Set(["you", "your", "yours", "u", "ur"]);

export type Social = "thanks" | "acknowledge" | "farewell" | "about-bot";

/** Words of a plan announced in closing ("prob going w pt then", "we'll stick with tf"). */
const PLAN = new Set(
  (
    "going to go goes with w then probably prob prolly we ll well will i im gonna stick sticking use using pick " +
    "picking choose choosing settle settling on for now it that one think guess"
  ).split(" "),
);

/**
 * "appreciate it, prob going w pt then": thanks, then the asker's own decision about a technology
 * named, with no question: a closing remark, answered with one line, not a recommendation.
 */
function closingPlan(text: string, u: Understanding, words: string[]): boolean {
  if (u.asks || text.includes("?") || words.length > 12 || u.techs.length === 0) return false;
  const named = namePositions(u);
  return (
    words.some((w) => THANKS.has(w)) &&
    words.every((w, i) => named.has(i) || THANKS.has(w) || ACKNOWLEDGE.has(w) || PLAN.has(w))
  );
}

/** Emoji and pictographs only (after mentions and markup were removed by the adapter). */
const ONLY_EMOJI = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|[\s!.,:)(;^<3-])+$/u;

/**
 * "thanks!", "great, ty", "cheers", ":+1:" rendered as 👍: a social message when every word is
 * one of thanks or acknowledgement (and at least one is), or when it holds only emoji.
 */
export function recogniseSocial(text: string, u: Understanding): Social | null {
  if (u.tokens.length === 0) return text.trim() && ONLY_EMOJI.test(text.trim()) ? "acknowledge" : null;
  const words = u.tokens.map((t) => t.raw);
  if (closingPlan(text, u, words)) return "thanks";
  if (u.tokens.length > 8) return null;
  if (words.some((w) => ADDRESSED.has(w)) && words.every((w) => ABOUT_BOT.has(w) || ADDRESSED.has(w)))
    return "about-bot";
  let thanks = false;
  let farewell = false;
  for (const w of words) {
    if (THANKS.has(w)) thanks = true;
    else if (FAREWELL.has(w)) farewell = true;
    else if (!ACKNOWLEDGE.has(w)) return null;
  }
  return thanks ? "thanks" : farewell ? "farewell" : "acknowledge";
}
