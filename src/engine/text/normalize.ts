/**
 * Text normalisation shared by the vocabulary (terms in the dataset) and user input, so both
 * sides tokenise the same way. Language-level knowledge only: nothing here knows the topic.
 */

/** Chat markup that carries no meaning for the question: mentions, links, code ticks, emoji codes. */
const MARKUP = [
  /<@[!&]?[A-Z0-9]+>/gi, // Slack / Discord user and role mentions
  /<#[A-Z0-9]+(\|[^>]*)?>/gi, // channel links
  /<!(here|channel|everyone)[^>]*>/gi,
  /<a?:\w+:\d+>/g, // Discord custom emoji
  /:[a-z0-9_+-]+:/g, // emoji shortcodes
];

/** Chat shorthand for ordinary English words (topic-free); the dataset's own terms cover the rest. */
const SHORTHAND: Record<string, string> = {
  ppl: "people",
  u: "you",
  ur: "your",
  r: "are",
  pls: "please",
  plz: "please",
  thx: "thanks",
  tho: "though",
  bc: "because",
  cuz: "because",
  w: "with",
  wo: "without",
  rn: "right now",
  imo: "in my opinion",
  tbh: "to be honest",
  prob: "probably",
  diff: "difference",
  btw: "by the way",
  abt: "about",
  b4: "before",
  gonna: "going to",
  wanna: "want to",
  gotta: "have to",
  whats: "what is",
  hows: "how is",
  whos: "who is",
};

export function normalize(raw: string): string {
  const ascii = /^[\x20-\x7e]*$/.test(raw);
  let text = ascii ? raw : raw.normalize("NFKC");
  // Most messages carry no markup or shorthand: skip those passes unless a marker is present.
  if (text.includes("/")) text = text.replace(/\bw\/o\b/gi, "without").replace(/\bw\//gi, "with ");
  if (text.includes("<") || text.includes(":"))
    for (const pattern of MARKUP) text = text.replace(pattern, " ");
  text = text.toLowerCase();
  // "50,000" is one number, not two.
  if (text.includes(",")) text = text.replace(/(?<=\d),(?=\d{3}\b)/g, "");
  if (/[\u2018\u2019`´\u2010-\u2015\u2212]/.test(text)) {
    text = text.replace(/[\u2018\u2019`´]/g, "'").replace(/[\u2010-\u2015\u2212]/g, "-");
  }
  // keep decimals and versions ("2.0", "2.x") but drop sentence punctuation; "tf.keras" is two words
  if (text.includes(".")) text = text.replace(/(?<![a-z0-9])\.|\.(?![a-z0-9])|(?<=[a-z])\.(?=[a-z])/g, " ");
  text = ascii ? text.replace(/[^a-z0-9.+#' -]+/g, " ") : text.replace(/[^\p{L}\p{N}.+#'\s-]+/gu, " ");
  if (text.includes("-")) text = text.replace(/(^|\s)-+|-+(\s|$)/g, " ");
  if (text.includes("'")) text = text.replace(/'s\b/g, "").replace(/'/g, "");
  let out = "";
  for (const w of text.split(/\s+/)) {
    if (!w) continue;
    const word = SHORTHAND[w] ?? w;
    out = out ? `${out} ${word}` : word;
  }
  return out;
}

/** Splits normalised text into tokens; hyphenated words also yield their parts ("memory-efficient"). */
export function tokenize(raw: string): string[] {
  const out: string[] = [];
  for (const word of normalize(raw).split(" ")) {
    if (!word) continue;
    if (word.includes("-") && !/^[\d.,$%-]+$/.test(word)) {
      for (const part of word.split("-")) if (part) out.push(part);
    } else out.push(word);
  }
  return out;
}

/** A light stemmer: enough to let "releases", "released" and "releasing" meet "release". */
export function stem(token: string): string {
  if (token.length <= 3 || /\d/.test(token)) return token;
  let s = token;
  if (s.endsWith("ies") && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith("sses")) s = s.slice(0, -2);
  else if (s.endsWith("ing") && s.length > 5) s = trimDouble(s.slice(0, -3));
  // "smallest" meets "small", "biggest" meets "big".
  else if (s.endsWith("est") && s.length >= 6 && !NOT_SUPERLATIVE.has(s)) s = trimDouble(s.slice(0, -3));
  else if (s.endsWith("ed") && s.length > 4) s = trimDouble(s.slice(0, -2));
  else if (/(ch|sh|x|ss)es$/.test(s)) s = s.slice(0, -2);
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

function trimDouble(s: string): string {
  return /(.)\1$/.test(s) && !/(ll|ss)$/.test(s) ? s.slice(0, -1) : s;
}
