import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { hasDigit, stem, tokenize } from "./normalize.js";
import { STOPWORDS } from "./stopwords.js";

/**
 * English analysis from wink-nlp and its lite web model: part of speech, lemma and negation for
 * every word. The engine uses it to tell the words that carry a question's content ("onnx",
 * "vodafone", "learning rate") from the frame around them ("can u", "how does", "any good"), so
 * it can check that an answer covers what was asked. Loaded once per process (~30 MB).
 */
const nlp = winkNLP(model, ["pos"]);
const its = nlp.its;

/**
 * The model's lexicon gives each word it knows an id below its size; words it has never seen get
 * ids from there on, in the order they are read. Reading a nonsense word first, before any other
 * text, gives that size.
 */
const LEXICON_SIZE = nlp.readDoc("qzxjvwq").tokens().out(its.uniqueId)[0] ?? 0;

/**
 * True for a word of the English lexicon ("standing", "flux", "keyboard"); false for a
 * misspelling ("perfomance"), a product name ("pytorch", "colab") or anything with a digit.
 * A real word is what the user meant: the matcher never reads it as a typo of another word.
 */
export function isEnglishWord(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  const known = englishCache.get(word);
  if (known !== undefined) return known;
  // Bounded: user text brings endless new words; a full cache starts over.
  if (englishCache.size >= ENGLISH_CACHE_SIZE) englishCache.clear();
  const english = lookUpEnglish(word);
  englishCache.set(word, english);
  return english;
}

/** Words already looked up in the lexicon: the same words come back in every message. */
const englishCache = new Map<string, boolean>();
const ENGLISH_CACHE_SIZE = 50_000;

function lookUpEnglish(word: string): boolean {
  const tokens = nlp.readDoc(word).tokens();
  const ids = tokens.out(its.uniqueId);
  if (ids.length !== 1) return false;
  if ((ids[0] ?? LEXICON_SIZE) < LEXICON_SIZE) return true;
  // The lexicon lists some inflected forms and not others ("headaches" but not "moles"): a word
  // whose lemma it lists is as real as the lemma.
  // wink types its.lemma as a model add-on, which out() accepts at run time.
  const lemma = (tokens.out(its.lemma as unknown as typeof its.value) as string[])[0];
  if (!lemma || lemma === word) return false;
  const lemmaIds = nlp.readDoc(lemma).tokens().out(its.uniqueId);
  return lemmaIds.length === 1 && (lemmaIds[0] ?? LEXICON_SIZE) < LEXICON_SIZE;
}

/** A word that carries content: a noun, a proper noun, a verb, an adjective or a name with digits. */
export interface ContentWord {
  /** As normalised for matching (lower case, shorthand expanded): one of `tokenize()`'s words. */
  word: string;
  /** The matcher's stem of `word`, so it meets the dataset's own words. */
  stem: string;
  /** Universal part-of-speech tag (NOUN, PROPN, VERB, ADJ...). */
  pos: string;
}

/** Parts of speech that can carry what a question is about. */
const CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "X", "SYM"]);

/**
 * Chat filler that the part-of-speech model takes for content: what "rn", "tbh" and "imo" expand
 * to, and words that only frame a request ("any ideas", "what kind of").
 */
const FILLER = new Set(
  "right now honest opinion way kind sort idea ideas thought thoughts question questions answer info guess hey cool nice great awesome ok yeah yes yep nope sure irl tons ton lots bunch heaps stuff thing things get gets getting got keep keeps keeping kept go goes going went make makes making made take takes taking took do does doing done have has having matter matters mattered description descriptions detail details".split(
    " ",
  ),
);

/**
 * The content words of a message, in order, each once. The words are the matcher's own tokens
 * (so "tf.keras", "200k" and "w/o" read the same everywhere), tagged by wink-nlp in context.
 */
export function contentWords(text: string): ContentWord[] {
  const words = tokenize(text);
  if (words.length === 0) return [];
  const doc = nlp.readDoc(words.join(" "));
  const values = doc.tokens().out(its.normal) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  // wink splits a few of our words further ("200k" -> "200" "k"): tag each by its first piece.
  const tagOf = new Map<string, string>();
  let at = 0;
  for (const word of words) {
    while (at < values.length && !word.startsWith(values[at] ?? "\u0000")) at++;
    if (at < values.length) tagOf.set(word, tags[at] ?? "X");
    else at = 0;
  }
  const out: ContentWord[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    if (seen.has(word) || STOPWORDS.has(word) || FILLER.has(word)) continue;
    seen.add(word);
    // A bare number is a count, not content; "s3", "m1" and "h100" are names.
    if (/^[\d.,%$#+-]+$/.test(word) || word.length < 2) continue;
    const pos = tagOf.get(word) ?? "X";
    if (!CONTENT_POS.has(pos) && !hasDigit(word)) continue;
    out.push({ word, stem: stem(word), pos });
  }
  return out;
}
