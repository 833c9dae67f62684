/**
 * Text normalisation shared by the vocabulary (terms in the dataset) and user input, so both
 * sides tokenise the same way. Language-level knowledge only: nothing here knows the topic.
 */

/**
 * Chat shorthand for ordinary English words (topic-free); the dataset's own terms cover the rest.
 * A Map, not an object literal: a user typing "constructor" or "toString" must get those words.
 */
const SHORTHAND: ReadonlyMap<string, string> = new Map([
  ["ppl", "people"],
  ["u", "you"],
  ["ur", "your"],
  ["r", "are"],
  ["pls", "please"],
  ["plz", "please"],
  ["thx", "thanks"],
  ["tho", "though"],
  ["bc", "because"],
  ["cuz", "because"],
  ["w", "with"],
  ["wo", "without"],
  ["rn", "right now"],
  ["imo", "in my opinion"],
  ["tbh", "to be honest"],
  ["prob", "probably"],
  ["diff", "difference"],
  ["btw", "by the way"],
  ["esp", "especially"],
  ["opts", "options"],
  ["abt", "about"],
  ["bout", "about"],
  ["wich", "which"],
  ["whcih", "which"],
  ["whihc", "which"],
  ["n", "and"],
  ["yr", "year"],
  ["yrs", "years"],
  ["hr", "hour"],
  ["hrs", "hours"],
  ["mo", "month"],
  ["mos", "months"],
  ["wk", "week"],
  ["wks", "weeks"],
  ["secs", "seconds"],
  ["b4", "before"],
  ["gonna", "going to"],
  ["wanna", "want to"],
  ["gotta", "have to"],
  ["whats", "what is"],
  ["hows", "how is"],
  ["whos", "who is"],
  // Clipped words of engineering chat.
  ["perf", "performance"],
  ["prod", "production"],
  ["mem", "memory"],
  ["hw", "hardware"],
  ["tldr", "overview"],
  ["sw", "software"],
  ["infra", "infrastructure"],
  ["docs", "documentation"],
  ["eng", "engineering"],
  ["impl", "implementation"],
  ["arch", "architecture"],
  ["lib", "library"],
  ["libs", "libraries"],
  ["max", "maximum"],
]);

export function normalize(raw: string): string {
  const ascii = /^[\x20-\x7e]*$/.test(raw);
  let text = ascii ? raw : raw.normalize("NFKC");
  // Mention and emoji syntax is the platforms' business: each adapter removes it before the
  // engine sees the text. Most messages carry no shorthand: skip the pass unless a marker is present.
  if (text.includes("/")) text = text.replace(/\bw\/o\b/gi, "without").replace(/\bw\//gi, "with ");
  text = text.toLowerCase();
  // "50,000" is one number, not two.
  if (text.includes(",")) text = text.replace(/(?<=\d),(?=\d{3}\b)/g, "");
  if (/[\u2018\u2019`´\u2010-\u2015\u2212]/.test(text)) {
    text = text.replace(/[\u2018\u2019`´]/g, "'").replace(/[\u2010-\u2015\u2212]/g, "-");
  }
  // keep decimals and versions ("2.0", "2.x") but drop sentence punctuation; "tf.keras" is two words
  if (text.includes(".")) text = text.replace(/(?<![a-z0-9])\.|\.(?![a-z0-9])|(?<=[a-z])\.(?=[a-z])/g, " ");
  text = ascii ? text.replace(/[^a-z0-9.+#' -]+/g, " ") : text.replace(/[^\p{L}\p{N}.+#'\s-]+/gu, " ");
  // Hyphens only join words: drop them at either end of a word ("-x-", "a - b").
  if (text.includes("-")) text = text.replace(/(?<=^|\s)-+|-+(?=\s|$)/g, "");
  if (text.includes("'")) text = text.replace(/'s\b/g, "").replace(/'/g, "");
  let out = "";
  for (const w of text.split(/\s+/)) {
    if (!w) continue;
    const word = SHORTHAND.get(w) ?? w;
    out = out ? `${out} ${word}` : word;
  }
  return out;
}

/** Splits normalised text into tokens; hyphenated words also yield their parts ("memory-efficient"). */
export function tokenize(raw: string): string[] {
  return isPlain(raw) ? plainTokens(raw) : tokenizeByRules(raw);
}

/** The reference tokenizer: normalize() then split. tokenize() takes a faster path for plain text. */
export function tokenizeByRules(raw: string): string[] {
  const out: string[] = [];
  for (const word of normalize(raw).split(" ")) if (word) pushToken(out, word);
  return out;
}

function pushToken(out: string[], word: string): void {
  if (word.includes("-") && !/^[\d.,$%-]+$/.test(word)) {
    for (const part of word.split("-")) if (part) out.push(part);
  } else out.push(word);
}

// ---- the fast path -------------------------------------------------------------------------------
// Most messages are printable ASCII with no markup: one pass over the characters gives the same
// tokens as normalize()'s regular expressions (a property test holds the two paths equal).

enum Ch {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Hash = 35,
  Apostrophe = 39,
  Plus = 43,
  Comma = 44,
  Hyphen = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Less = 60,
  Underscore = 95,
  Backtick = 96,
  A = 97,
  Z = 122,
}

const isDigit = (c: number) => c >= Ch.Zero && c <= Ch.Nine;
const isLetter = (c: number) => c >= Ch.A && c <= Ch.Z;
const isWordChar = (c: number) => isDigit(c) || isLetter(c) || c === Ch.Underscore;

/** Printable ASCII (and line breaks) without the characters that need normalize()'s rarer rules. */
function isPlain(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c > 126 || (c < 32 && c !== Ch.Tab && c !== Ch.Newline && c !== Ch.Return)) return false;
    if (c === Ch.Slash || c === Ch.Colon || c === Ch.Less) return false;
  }
  return true;
}

/** The comma of "50,000": a digit before, exactly three digits after. */
function isThousandsComma(s: string, i: number): boolean {
  return (
    isDigit(s.charCodeAt(i - 1)) &&
    isDigit(s.charCodeAt(i + 1)) &&
    isDigit(s.charCodeAt(i + 2)) &&
    isDigit(s.charCodeAt(i + 3)) &&
    !isWordChar(s.charCodeAt(i + 4))
  );
}

function plainTokens(raw: string): string[] {
  const s = raw.toLowerCase();
  const out: string[] = [];
  let word = "";
  const flush = () => {
    if (!word) return;
    let w = word;
    word = "";
    if (w.charCodeAt(0) === Ch.Hyphen || w.charCodeAt(w.length - 1) === Ch.Hyphen) {
      w = w.replace(/^-+|-+$/g, "");
    }
    if (w.includes("'")) w = w.replace(/'s\b/g, "").replace(/'/g, "");
    if (!w) return;
    const expanded = SHORTHAND.get(w);
    if (expanded) for (const part of expanded.split(" ")) out.push(part);
    else pushToken(out, w);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLetter(c) || isDigit(c) || c === Ch.Plus || c === Ch.Hash || c === Ch.Hyphen) word += s[i];
    else if (c === Ch.Apostrophe || c === Ch.Backtick) word += "'";
    else if (c === Ch.Dot) {
      // Decimals and versions ("2.0", "2.x") keep their dot; "tf.keras" and sentence ends do not.
      const prev = s.charCodeAt(i - 1);
      const next = s.charCodeAt(i + 1);
      const alnum = (isLetter(prev) || isDigit(prev)) && (isLetter(next) || isDigit(next));
      if (alnum && !(isLetter(prev) && isLetter(next))) word += ".";
      else flush();
    } else if (c !== Ch.Comma || !isThousandsComma(s, i)) flush();
  }
  flush();
  return out;
}

/** A light stemmer: enough to let "releases", "released" and "releasing" meet "release". */
export function stem(token: string): string {
  // "a100s", "h100s": a model name in the plural is the model ("8 A100s"); "k8s" is no plural.
  if (/^[a-z]+\d{2,}[a-z]?s$/.test(token)) return token.slice(0, -1);
  if (token.length <= 3 || hasDigit(token)) return token;
  let s = token;
  // "ratings", "embeddings": the plural of a word in -ing meets its singular ("rating" -> "rat").
  if (s.endsWith("ings") && s.length > 6) s = s.slice(0, -1);
  if (s.endsWith("ies") && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith("sses")) s = s.slice(0, -2);
  else if (s.endsWith("ing") && s.length > 5) s = trimDouble(s.slice(0, -3));
  // "easiest" and "easier" meet "easy", "heaviest" meets "heavy".
  else if (s.endsWith("iest") && s.length >= 6) s = `${s.slice(0, -4)}y`;
  else if (s.endsWith("ier") && s.length >= 6) s = `${s.slice(0, -3)}y`;
  // "smallest" meets "small", "biggest" meets "big".
  else if (s.endsWith("est") && s.length >= 6 && !NOT_SUPERLATIVE.has(s)) s = trimDouble(s.slice(0, -3));
  else if (s.endsWith("ed") && s.length > 4) s = trimDouble(s.slice(0, -2));
  else if (s.endsWith("ches") || s.endsWith("shes") || s.endsWith("xes")) {
    s = s.slice(0, -2);
  }
  // "status", "corpus" keep their s; "gpus", "tpus" lose it.
  else if (s.endsWith("s") && !s.endsWith("ss") && !(s.endsWith("us") && s.length > 5)) s = s.slice(0, -1);
  // "update", "updates" and "updated" all end as "updat".
  if (s.endsWith("e") && s.length > 4) s = s.slice(0, -1);
  return s;
}

/** Words ending in "est" that are not superlatives. */
export const NOT_SUPERLATIVE = new Set([
  "interest",
  "request",
  "suggest",
  "digest",
  "invest",
  "honest",
  "forest",
  "harvest",
  "protest",
  "contest",
  "manifest",
  "latest",
  "modest",
  "earnest",
  "arrest",
  "backtest",
  "pytest",
  "unittest",
  "ingest",
  "quest",
]);

/** "stopp" -> "stop", "bigg" -> "big"; "ll" and "ss" stay ("install", "less"). */
function trimDouble(s: string): string {
  const last = s[s.length - 1];
  return s.length > 1 && last === s[s.length - 2] && last !== "l" && last !== "s" ? s.slice(0, -1) : s;
}

/** Digits anywhere in the word ("a100", "2.0"): numbers and model names are never stemmed. */
export function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (isDigit(word.charCodeAt(i))) return true;
  return false;
}
