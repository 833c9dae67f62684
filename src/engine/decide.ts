import type { Block, Reply } from "../reply/model.js";
import { replyStrings } from "../reply/plain-text.js";
import { act, type TurnResult } from "./act.js";
import { hoursAtRate } from "./answers/arithmetic.js";
import { askedFigure, missingFigure, namesAll, statedFigure } from "./answers/asked-figure.js";
import { onlyElsewhere } from "./answers/attribute.js";
import { shortHelp } from "./answers/basic.js";
import { senseClarify } from "./answers/clarify.js";
import { comparisonDetail } from "./answers/detail.js";
import { contrastsClaims, flawReply, noteLead } from "./answers/flaws.js";
import { chooseHits, forEachTech, matchedWords, withinTopic } from "./answers/hits.js";
import { passageReply } from "./answers/passage.js";
import { withQuoted } from "./answers/quoted.js";
import { socialReply } from "./answers/social.js";
import { unmentioned } from "./answers/unmentioned.js";
import { compose, listNames, sourcesOf, withSection } from "./compose.js";
import type { Knowledge } from "./knowledge.js";
import { searchTerms } from "./passages.js";
import { closingQuestion } from "./recognise/closing-question.js";
import { QUESTION_WORDS, questionFrame } from "./recognise/frame.js";
import {
  isEmpty,
  isNoun,
  knows,
  MEASURES,
  namedInPassing,
  namePositions,
  namesChoice,
  namesDataset,
  ownTeam,
  sharedNameOnly,
  stated,
  unknownNouns,
  wordsBeside,
} from "./recognise/mentions.js";
import { type Part, splitParts } from "./recognise/parts.js";
import { MIN_SCORE, readQuestion } from "./recognise/question.js";
import type { Reading } from "./recognise/reading.js";
import { strong } from "./recognise/scores.js";
import { everydayWordsOnly, type OtherSenseReading, otherSenseOf } from "./recognise/senses.js";
import { recogniseSocial } from "./recognise/social.js";
import type { ConversationState } from "./state.js";
import { type ContentWord, contentWords, isEnglishWord } from "./text/analysis.js";
import { questionClauses } from "./text/matcher.js";
import { stem } from "./text/normalize.js";
import { STOPWORDS } from "./text/stopwords.js";
import { constraintCount, statesBrief, type Understanding, understand } from "./understand.js";

/** Readings whose reply must cover what was asked: the answers built from one dataset entry. */
const CHECKED: ReadonlySet<Reading["intent"]> = new Set([
  "fact",
  "profile",
  "compare",
  "topic",
  "need",
  "aspect-winner",
  "help",
  "off-topic",
]);

/**
 * How much a content word says about what is asked: nouns and names more than verbs and
 * adjectives, and words the source uses rarely more than words it uses everywhere.
 */
function weigher(k: Knowledge): (w: ContentWord) => number {
  return (w) => (isNoun(w) ? 1 : 0.5) * k.passages.rarity(w.stem);
}

/**
 * Readings that make a call (the source's pick for a need, the winner on an aspect): a passage
 * never replaces them, it has no call to make.
 */
const DECISIONS: ReadonlySet<Reading["intent"]> = new Set(["need", "aspect-winner"]);

/** Words that open a question only at the start of a clause ("is jax free?", not "my bill is huge"). */
const AUX = new Set("is are was were does do did can could should would will any".split(" "));

/**
 * The words of the message's asking part: clauses ending in "?", and in the others, from their
 * first question word on.
 * With no question word anywhere, the whole message asks ("tensorflow deployment options").
 */
function questionWords(u: Understanding, text: string): Set<string> {
  const out = new Set<string>();
  const opened = questionClauses(text);
  let clause = -1;
  for (const t of u.tokens) {
    const first = t.clause !== clause;
    clause = t.clause;
    if (!opened.has(t.clause) && (QUESTION_WORDS.has(t.raw) || (first && AUX.has(t.raw))))
      opened.add(t.clause);
    if (opened.has(t.clause)) out.add(t.raw);
  }
  if (opened.size === 0) for (const t of u.tokens) out.add(t.raw);
  // "jax enterprise support contract, ballpark per month?": the asking clause is a fragment that
  // names nothing of ours; what it asks about sits in the clause before it.
  const named = u.spans.some(
    (s) => s.kind !== "cue" && s.kind !== "tech" && opened.has(u.tokens[s.start]?.clause ?? -1),
  );
  if (!named && u.spans.some((s) => s.kind !== "cue" && s.kind !== "tech"))
    for (const t of u.tokens) out.add(t.raw);
  return out;
}

/** A word missing from a reply, and whether the source has it anywhere at all. */
interface Gap {
  word: ContentWord;
  known: boolean;
}

/**
 * Decides what to answer to a message outside the guided flow: a social line, the reading of
 * the question, or (when that reading leaves the question's content words unanswered) the
 * source's passages that hold them, or a plain "the source doesn't cover this".
 */
export function answerText(
  k: Knowledge,
  state: ConversationState,
  u: Understanding,
  text: string,
): TurnResult {
  return withUncovered(u, withQuoted(k, u, text, readAndAnswer(k, state, u, text)));
}

/**
 * "w&b integration matters most, what do u suggest": a name the source never covers, in a
 * message answered with a pick, is said plainly to have played no part in it.
 */
function withUncovered(u: Understanding, result: TurnResult): TurnResult {
  const { reply } = result;
  if ((reply.intent !== "recommend" && reply.intent !== "best-for") || u.unknown.length === 0) return result;
  const said = replyStrings(reply).toLowerCase();
  const names = u.unknown.filter((n) => !said.includes(n.toLowerCase()));
  if (names.length === 0) return result;
  const blocks = [...reply.blocks];
  blocks.splice(1, 0, {
    kind: "paragraph",
    text: `The source page doesn't cover ${listNames(names)}, so it played no part in this pick.`,
  });
  return { ...result, reply: { ...reply, blocks } };
}

function readAndAnswer(k: Knowledge, state: ConversationState, u: Understanding, text: string): TurnResult {
  const social = recogniseSocial(text, u);
  if (social) return { state, reply: socialReply(k, social) };
  // "if we rented the tpu v3-8 for 300 hrs, what's that cost": the page's rate, multiplied out.
  const worked = hoursAtRate(k, u, text, weigher(k));
  if (worked) return withFocus(state, worked);
  // "page says jax is perfect for numpy code but also says pytorch is ideal for ... which": two
  // statements set against each other are one doubt about the source, not two questions.
  const flaw = doubts(u, text) ? flawReply(k, u, state, text) : null;
  if (flaw) return answerOne(k, state, u, text, false, flaw);
  // A long story and then its question: the question, with the story's technologies as context
  // ("...half pytorch half tf... what license does each of the two use?").
  const closing = closingQuestion(k, u, text);
  if (closing) {
    const recent = [...new Set([...u.techs, ...(state.focus.recent ?? [])])];
    const told = { ...state, focus: { technologies: u.techs, aspect: null, recent } };
    return answerText(k, told, closing.u, closing.text);
  }
  // A description of a team asks one thing (what to use), however many "and"s it has.
  // "which for mobile and which for tpus" asks twice: two questions, not one brief.
  const whichStarts = new Set(
    u.spans.filter((s) => s.kind === "cue" && s.id === "which").map((s) => s.start),
  );
  const parts = splitParts(k, text);
  // Constraints alone describe a team only when no technology is the subject: "pytorch vs tf for
  // edge devices, and who has the better serving tooling?" asks two questions about them.
  const subjectParts = parts.length >= 2 && u.techs.some((t) => !u.constraintTechs.includes(t));
  // So does context in the first person: "our ds team is arguing tf vs pytorch. what's the
  // install footprint of each, how often do they release?" asks about them, not for a pick.
  // Unless it asks for one of them in so many words ("...tooling (tf serving, tfx). which framework").
  const asksForOne = u.cues.has("which") && u.tokens.some((t) => k.nounStems.has(t.stem));
  // "tf lite model sizes and the wasm build sizes pls": every part names a figure it asks for;
  // the deployment words in it describe no team.
  // A team described ("recsys team of 8, 5 yrs of tf serving infra") is a brief, whatever it names.
  const figuresAsked =
    !ownTeam(u.tokens, u.quantities) &&
    parts.length >= 2 &&
    !u.cues.has("description") &&
    !u.cues.has("recommend") &&
    parts.every((p) => p.u.aspects.some((a) => a.score >= MIN_SCORE));
  const describes =
    !figuresAsked &&
    whichStarts.size < 2 &&
    (u.cues.has("recommend") ||
      ((u.cues.has("description") || constraintCount(u, 3) >= 2) && (!subjectParts || asksForOne)));
  if (describes) return briefWithQuestion(k, state, parts) ?? answerOne(k, state, u, text, false, null);
  if (parts.length < 2) return answerOne(k, state, u, text, false, null);
  return (
    answerParts(k, state, u, parts) ??
    briefWithQuestion(k, state, parts) ??
    answerOne(k, state, u, text, false, null)
  );
}

/**
 * "4 person startup doing nlp on aws gpus, what should we use and roughly what'll it cost a
 * month?": a brief, then a question about what it picks. The recommendation comes from the brief
 * alone, and the last part is answered about its pick, in a section right under the result's
 * summary. Null when the message is not built that way (one question, or a last part that is
 * itself a brief or names a technology of its own).
 */
function briefWithQuestion(k: Knowledge, state: ConversationState, parts: Part[]): TurnResult | null {
  const question = parts[parts.length - 1];
  if (parts.length < 2 || !question) return null;
  const q = question.u;
  // The last part asks about the pick, not for one ("..., which framework is lightest on vram").
  // Its own "us" describes no team: "how much compute would it save us" asks about the pick.
  if (!q.asks || q.techs.length > 0 || namesChoice(k, q, question.text, false)) return null;
  if (constraintCount(q, MIN_SCORE) > 0 && !q.aspects.some((a) => a.score >= MIN_SCORE)) return null;
  const briefText = parts
    .slice(0, -1)
    .map((p) => p.text)
    .join(" and ");
  const brief = answerOne(k, state, understand(k, briefText), briefText);
  const pick = brief.reply.pick;
  if (!pick || (brief.reply.intent !== "recommend" && brief.reply.intent !== "best-for")) return null;
  const focus = { ...brief.state.focus, technologies: [pick], aspect: null };
  const answer = answerOne(k, { ...brief.state, focus }, q, question.text);
  if (!PART_INTENTS.has(answer.reply.intent) || answer.reply.intent === "not-covered") return null;
  return { state: brief.state, reply: withSection(brief.reply, answer.reply) };
}

/** Replies whose figures can follow a note on a flaw of the source. */
const FIGURES = new Set(["fact", "compare", "passage", "best-for", "profile"]);

/** Reply intents a part of a several-question message may have; anything else reads the whole. */
const PART_INTENTS = new Set([
  "fact",
  "compare",
  "best-for",
  "topic",
  "passage",
  "not-covered",
  "profile",
  // "when does it say to go jax?": the source's own reasons to pick a framework.
  "what-would-change",
]);

/**
 * "jax vs tf: compile time and install size?": each part answered in its own section. A part
 * that names no technology asks about the message's, or about the previous part's pick ("best
 * for mobile, and how big are its models?"). Null when a part is not a plain question.
 */
function answerParts(
  k: Knowledge,
  state: ConversationState,
  whole: Understanding,
  parts: Part[],
): TurnResult | null {
  let subject = whole.techs.length ? whole.techs : state.focus.technologies;
  let current = state;
  const replies: Reply[] = [];
  // The words of the source's reasons to pick a technology, once a part has listed them.
  let conditions = new Set<string>();
  // The words that named the last aspect asked ("inference latency"), for a later part that only names a technology.
  let aspectPhrase: string | null = null;
  for (const part of parts) {
    // "when does the page say to go jax: how many params, and what spend per run?": the source's
    // reasons list their thresholds; a later part asking about what they hold is answered.
    const listed =
      part.u.techs.length === 0 &&
      !namesChoice(k, part.u, part.text) &&
      searchTerms(part.text).some((s) => conditions.has(s));
    if (listed) continue;
    // "best for mobile and which for tpu training": a part asking its own choice starts afresh.
    const own = part.u.techs.length ? part.u.techs : namesChoice(k, part.u, part.text) ? [] : subject;
    const focus = { ...current.focus, technologies: own, aspect: null };
    // "jax: what are the cons, and what's the ecosystem like": a part that names no technology is
    // read as if it named the message's subject, so it asks about that subject, not for a pick.
    // Only a question: "TFX pipelines + tensorboard monitoring are non-negotiable" states a brief.
    const elliptic = whole.asks && part.u.techs.length === 0 && own.length > 0 && own.length <= 2;
    // "what does tf 3 do for inference latency, and what does pytorch 2 do?": a part naming only
    // a technology asks what the part before it asked, about that technology.
    // Not when the part has words of its own ("and how much has jax grown"): those are its question.
    const previousAspect: string | null = aspectPhrase;
    const sameQuestion =
      part.u.techs.length > 0 &&
      previousAspect !== null &&
      [...strong(part.u.aspects), ...strong(part.u.needs), ...strong(part.u.topics)].length === 0 &&
      contentWords(part.text).every((w) => k.idStems.has(w.stem) || /\d/.test(w.word));
    const text = elliptic
      ? `${own.map((t) => k.tech.get(t)?.name ?? t).join(" and ")} ${part.text}`
      : sameQuestion
        ? `${part.text} ${previousAspect}`
        : part.text;
    const pu: Understanding = elliptic || sameQuestion ? understand(k, text) : part.u;
    aspectPhrase = phraseOfAspect(pu) ?? aspectPhrase;
    const result = answerOne(k, { ...current, focus }, pu, text, focus.technologies.length > 0);
    // "for edge which one, and for tpu research which one?": each part asking its own choice gets
    // its own pick, recommended from what that part says.
    // Not a change to a brief ("oh and our stack is tf serving + tfx"): that redoes one result.
    const ownChoice =
      result.reply.intent === "recommend" &&
      !part.u.cues.has("description") &&
      namesChoice(k, part.u, part.text, false);
    if (!PART_INTENTS.has(result.reply.intent) && !ownChoice) return null;
    if (result.reply.intent === "what-would-change")
      conditions = new Set(searchTerms(replyStrings(result.reply)));
    // Two parts the same entry answers are shown once.
    const key = (r: Reply) =>
      r.aspect ? `${r.aspect}|${r.technologies.join(",")}` : JSON.stringify(r.blocks);
    // The later wording may hold what the earlier left out ("...and any long term support
    // versions?" adds the LTS sentence under the table): the fuller answer is kept.
    const same = replies.findIndex((r) => key(r) === key(result.reply));
    if (same < 0) replies.push(result.reply);
    else if (result.reply.blocks.length > (replies[same]?.blocks.length ?? 0)) replies[same] = result.reply;
    // A part whose answer is a technology ("which is best for mobile?") is what the next one asks about.
    const answer = result.reply.intent === "best-for" ? result.reply.pick : null;
    subject = answer ? [answer] : part.u.techs.length ? part.u.techs : subject;
    current = result.state;
  }
  const [only] = replies;
  if (replies.length === 1 && only) return { state: current, reply: only };
  return { state: current, reply: joinReplies(k, replies) };
}

/** The words, as typed, of the message's best-scored aspect; null when it names none. */
function phraseOfAspect(u: Understanding): string | null {
  const best = strong(u.aspects).sort((a, b) => b.score - a.score)[0];
  if (!best) return null;
  const span = u.spans.find((s) => s.kind === "aspect" && s.start === best.start);
  return span
    ? u.tokens
        .slice(span.start, span.end)
        .map((t) => t.raw)
        .join(" ")
    : null;
}

/**
 * One reply with a section per part: each part's title as a heading and its answer, then the
 * parts' further detail, so a long first part never folds the others away behind "More".
 */
function joinReplies(k: Knowledge, replies: Reply[]): Reply {
  const split = replies.map((r) => {
    const at = answerLength(r.blocks);
    return { r, head: r.blocks.slice(0, at), rest: r.blocks.slice(at) };
  });
  const blocks: Block[] = [
    ...split.flatMap(({ r, head }) => [
      ...(r.title ? [{ kind: "heading" as const, text: r.title }] : []),
      ...head,
    ]),
    ...split.flatMap(({ r, rest }) =>
      rest.some((b) => b.kind !== "choices")
        ? [{ kind: "heading" as const, text: `More on ${r.title ?? "that"}` }, ...rest]
        : rest,
    ),
  ];
  return compose(
    k,
    "multi-part",
    {
      technologies: replies.flatMap((r) => r.technologies),
      aspect: replies.find((r) => r.aspect)?.aspect ?? null,
      pick: replies.find((r) => r.pick)?.pick ?? null,
    },
    blocks,
    replies.flatMap((r) => r.sources.map((src) => src.id)),
  );
}

/**
 * How many of a part's blocks are its answer proper: the first paragraph (with what it
 * introduces, when it ends in a colon) and a table or list right after a one-line lead.
 */
function answerLength(blocks: Block[]): number {
  let at = 1;
  const first = blocks[0];
  if (first?.kind === "paragraph" && first.text.trimEnd().endsWith(":")) at++;
  const next = blocks[at];
  if (next?.kind === "table") at++;
  return Math.min(at, blocks.length);
}

/**
 * The answer to one question, opening with what the source does not mention when the question
 * asks about a thing the answer never names ("does jax run natively on windows?").
 */
function answerOne(
  k: Knowledge,
  state: ConversationState,
  u: Understanding,
  text: string,
  /** A part of a longer message whose subject came from the rest ("pt2 speedup | and latency drop"). */
  inherited = false,
  /** The known flaw this message doubts, when the caller already looked (null: none). */
  known?: Reply | null,
): TurnResult {
  // "wait tf really takes 15-45 MINUTES?? typo?": a doubt about the source meets its known flaws.
  // The figures themselves follow the note, when the question reads as a plain one too.
  const flaw = known !== undefined ? known : doubts(u, text) ? flawReply(k, u, state, text) : null;
  const result = readAndCheck(k, state, u, text, inherited);
  if (flaw) {
    const figures = FIGURES.has(result.reply.intent) ? result.reply : null;
    const blocks = [...flaw.blocks, ...(figures ? figures.blocks.filter((b) => b.kind !== "choices") : [])];
    const techs = [...new Set([...flaw.technologies, ...(figures?.technologies ?? [])])];
    const sources = [
      ...flaw.sources,
      ...(figures?.sources ?? []).filter((x) => !flaw.sources.some((f) => f.id === x.id)),
    ];
    return {
      state: { ...result.state, focus: { ...result.state.focus, technologies: [...techs] } },
      reply: { ...flaw, technologies: techs, blocks, sources },
    };
  }
  const said = replyStrings(result.reply).toLowerCase();
  if (said.includes("doesn't cover") || said.includes("doesn't mention")) return result;
  const missing = unmentioned(k, u, text, result.reply, said);
  if (missing.length === 0) return result;
  result.reply.blocks.unshift({
    kind: "paragraph",
    text: `The source page doesn't mention ${listNames(missing.map((w) => `"${w}"`))}${forTechs(k, result.reply.technologies.length <= 2 ? result.reply.technologies : [])}. The closest it says:`,
  });
  return result;
}

/**
 * A message that names one of ours only in another sense (a city, a seed, a verb), answered as
 * about something else, or asked about when either sense could be meant; null when it is ours.
 */
function otherSense(
  k: Knowledge,
  state: ConversationState,
  u: Understanding,
  text: string,
): TurnResult | null {
  // "my torch died on the camping trip": an everyday word that is also an alias names nothing of
  // ours when the rest of the message is about things the source never mentions.
  // "my dog jax ate my airpods": even a technology's own name, in a statement, names nothing of
  // ours beside two or more things the source never mentions. Asked about ("avg salary for a
  // pytorch engineer?"), it is the subject of a question the source does not cover.
  // "jax from mortal kombat best combos?": asked about, the name is another thing's when the
  // source knows none of the other words of the question and at least two nouns are strange to it.
  // "water and power consumption, jax vs pytorch?": two of ours named together vouch for each
  // other, as in sharedNameOnly.
  // "are flax seeds good for you", "a transformer blew on our street": the message's words fit
  // another sense of one of the dataset's words better than the field.
  const sense = otherSenseOf(k, u);
  if (sense) return { state, reply: otherSenseReply(k, sense) };
  // "cluster headaches at 3am every night", "build a deck off the back of the house": everyday
  // words of ours among at least twice as many everyday things the source never mentions. Mostly
  // dictionary words count as those things: "gdpr" or "cs" beside one is the software world's jargon.
  const everyday = everydayWordsOnly(k, u);
  if (everyday.length > 0) {
    const unknown = unknownNouns(k, u, text);
    const dictionary = unknown.filter(isEnglishWord).length;
    if (dictionary >= 2 * everyday.length || (dictionary >= 1 && unknown.length >= 3 * everyday.length))
      return { state, reply: outsideReply(k, unknown) };
  }
  const passing = namedInPassing(k, u);
  if (passing !== "no" && u.techs.length < 2) {
    const unknown = unknownNouns(k, u, text);
    const elsewhere =
      passing === "everyday"
        ? unknown.length >= 1
        : unknown.length >= 2 && (!u.asks || knownWords(k, u, text) === 0);
    if (elsewhere) return { state, reply: outsideReply(k, unknown) };
    // "is jax beach worth a visit in march": our name, two or more things the source never
    // mentions, and only common words besides. Either reading could be meant: ask.
    // A noun the source does hold ("salary for a jax engineer", "rocm support in jax") makes it
    // a question about the framework the source cannot answer, not another thing's name.
    // Only where the name sits inside another noun phrase ("jax beach", "my dog jax", "tf2 medic
    // loadout"): "does kafka run on a raspberry toaster" still asks about the software.
    if (
      passing === "name" &&
      unknown.length >= 2 &&
      u.asks &&
      knownNouns(k, u, text) === 0 &&
      nameInForeignPhrase(u, unknown)
    )
      return { state, reply: senseClarify(k, u.techs, unknown) };
  }
  // "cheap flights into jax from nyc", "the tf of my rc low pass filter": a name other things
  // share, two or more things the source never mentions and no word of the field besides. Only
  // where the name stands in a phrase of those things ("flights into jax") and they outnumber the
  // source's nouns two to one: "does jax work on apple metal gpus" asks about the framework. A
  // model code ("m1", "a100") is hardware talk, not another thing's name.
  if (sharedNameOnly(k, u)) {
    const unknown = unknownNouns(k, u, text).filter((w) => !/\d/.test(w));
    if (
      unknown.length >= 2 &&
      knownNouns(k, u, text) * 2 < unknown.length &&
      nameInForeignPhrase(u, unknown, true)
    )
      return { state, reply: outsideReply(k, unknown) };
    // "who won the jaguars game in jax last night": the same balance, the name not inside their
    // phrase. Either sense could be meant: ask rather than answer about the framework. A model
    // code beside it ("m2 macbooks", "rtx 3060") is hardware talk: the framework is meant.
    const names = namePositions(u);
    const modelCode = u.tokens.some((t, i) => !names.has(i) && /\d/.test(t.raw) && /[a-z]/.test(t.raw));
    if (unknown.length >= 2 && knownNouns(k, u, text) * 2 < unknown.length && !modelCode)
      return { state, reply: senseClarify(k, u.techs, unknown) };
  }
  // "gonna torch our old hadoop cluster next quarter": an alias used in its everyday sense, and no
  // other technology or word of the field, is talk about something else.
  if (
    u.otherSenses.length > 0 &&
    u.techs.length === 0 &&
    !u.tokens.some((t) => k.fieldStems.has(t.stem) || k.nounStems.has(t.stem)) &&
    constraintCount(u, MIN_SCORE) <= 1
  )
    return { state, reply: outsideReply(k, unknownNouns(k, u, text)) };
  return null;
}

/** The answer to one question: its reading, checked against what was asked. */
function readAndCheck(
  k: Knowledge,
  state: ConversationState,
  u: Understanding,
  text: string,
  inherited: boolean,
): TurnResult {
  const otherThing = otherSense(k, state, u, text);
  if (otherThing) return otherThing;
  const reading = readQuestion(k, state, u);
  // "recommend a good sci-fi novel": a request for a recommendation of something else entirely.
  // "recommend a mechanical keyboard under $150": a price alone is no brief for a framework.
  // "two-person team, $500/mo, text classification on 200k samples": counts of the field's work
  // (not a price alone: "a keyboard under $150") are in our words too.
  const inWords =
    u.techs.length > 0 ||
    u.tokens.some((t) => k.nounStems.has(t.stem)) ||
    u.spans.some((s) => s.kind === "option" || s.kind === "need") ||
    (u.tokens.some((t) => k.fieldStems.has(t.stem)) && u.quantities.some((q) => !MONEY_UNITS.has(q.unit)));
  let read = reading;
  if (reading.intent === "describe" && !reading.noConstraints && (isEmpty(reading) || !inWords)) {
    const unknown = unknownNouns(k, u, text);
    // "hobby project: music genre classifier, what do i use": a project of the field (one of its
    // general words) with no constraint the flow can weigh gets the default pick, not a refusal.
    if (unknown.length && isEmpty(reading) && u.tokens.some((t) => k.fieldStems.has(t.stem)))
      read = { ...reading, noConstraints: true };
    // "need a framework recommendation for our perception stack": our category asked for by name,
    // for work the page never mentions, gets the guided questions.
    else if (unknown.length && !u.tokens.some((t) => k.nounStems.has(t.stem)))
      return { state, reply: outsideReply(k, unknown) };
  }
  const result = act(k, state, read, u.techs);
  withWhyNote(k, u, result.reply);
  const [only] = read.intent === "fact" ? read.aspects : [];
  // Only about a technology the user named: one inferred from a result was not asked about by name.
  const otherOnly =
    only && read.intent === "fact" && u.techs.length > 0 ? onlyElsewhere(k, u.tokens, only, read.tech) : null;
  if (otherOnly) result.reply.blocks.unshift({ kind: "paragraph", text: otherOnly });
  const detail = comparisonDetail(k, reading, text, questionFrame(u) === "when");
  if (detail)
    result.reply.blocks.splice(result.reply.blocks.findIndex((b) => b.kind === "table") + 1, 0, detail);
  if (!CHECKED.has(reading.intent) || (reading.intent === "off-topic" && reading.asked)) return result;

  // A need answers "which is best for X"; a wh-question about X itself ("what hourly price does the
  // page assume for a p3.2xlarge") leaves X to be answered, unless it asks for a choice.
  const asksAbout =
    reading.intent === "need" && u.tokens.some((t) => QUESTION_WORDS.has(t.raw)) && !namesChoice(k, u, text);
  const explained = explainedWords(u, reading, asksAbout);
  const replyText = replyStrings(result.reply).toLowerCase();
  // "when was jax first released?", "h100 hourly price on aws?": a kind of figure was asked; if
  // the answer holds none, say so first.
  const missing = missingFigure(u, replyText);
  // "the tpu v3-8 rate per hour?": a price asked of a thing the reply never names is not answered
  // by the reply's own figures ("TPU support at no cost").
  const figure = missing ?? askedFigure(u);
  // "which is cheapest to serve?" asks for a choice, which the reading makes.
  const choice = u.cues.has("which") || u.cues.has("best") || namesChoice(k, u, text);
  const stated =
    figure && !choice && (missing || !namesAll(text, replyText))
      ? statedFigure(k, u, text, figure, u.techs, weigher(k))
      : [];
  if (stated.length) return withFocus(state, passageReply(k, forEachTech(k, u, stated), [], u.techs));
  // Only an answer with something to say is prefixed; "what year is it" read as nothing is not.
  if (missing && result.reply.sources.length > 0) {
    result.reply.blocks.unshift({
      kind: "paragraph",
      text: `The source page doesn't give ${missing.what} for that. What it does say:`,
    });
    return result;
  }
  // A stem inside the reply's text was answered ("licens" in "licensed"); no need to tokenise it.
  // A reading named by no phrase of the message (a retrieval guess, a profile) answers nothing
  // just because its long text happens to hold a word.
  const named = isAnchored(k, u, reading, new Set(u.tokens.map((t) => t.raw)));
  const said = (s: string) => named && replyText.includes(s);
  const open = (raw: string, s: string) =>
    !explained.has(raw) && !k.idStems.has(s) && !k.nounStems.has(s) && !MEASURES.has(s) && !said(s);
  // Most answers leave no word of the question open: check the matcher's own tokens first, and
  // only then tag parts of speech.
  if (!u.tokens.some((t) => t.raw.length > 1 && !STOPWORDS.has(t.raw) && open(t.raw, t.stem))) return result;

  const weight = weigher(k);
  // Only the asking part counts: "my boss asks | what licence tensorflow uses"; unless it holds
  // nothing ("k8s pod keeps getting OOMKilled, | any ideas?").
  const words = contentWords(text).filter(
    (w) => !k.idStems.has(w.stem) && !k.nounStems.has(w.stem) && !MEASURES.has(w.stem),
  );
  let asked = questionWords(u, text);
  if (!words.some((w) => asked.has(w.word))) asked = new Set(u.tokens.map((t) => t.raw));
  const content = words.filter((w) => asked.has(w.word));
  const techs = u.techs.length ? u.techs : reading.intent === "fact" ? [reading.tech] : [];
  const gaps: Gap[] = content
    .filter((w) => open(w.word, w.stem))
    .map((w) => ({ word: w, known: knows(k, u, w, techs) }));
  if (gaps.length === 0) return result;
  const unknown = gaps.filter((g) => !g.known && isNoun(g.word)).map((g) => g.word.word);

  // Something the source names nowhere, asked without naming any technology of ours and not as a
  // choice between them ("my s3 bill is huge", "what does an h100 cost per hour"): say so briefly.
  // A choice is asked for by its cues, or by naming the category ("physics informed nn framework?").
  // The cues alone choose nothing ("what's the difference between a latte and a flat white"):
  // something of the dataset must be what is chosen among.
  // "wanna train a gan on my rtx 3060": the field's own words beside something of the dataset
  // make it a question of the field, whatever else the source does not mention.
  // Two different words: "what transformer do i need for a 110v kettle" names only one.
  const inSpan = new Set<number>();
  for (const s of u.spans) if (s.kind !== "cue") for (let i = s.start; i < s.end; i++) inSpan.add(i);
  // A team describing its own work ("2 people, new project to segment mris") answers a flow
  // question in the same breath: that names the dataset as well as an aspect would.
  const describesOwn = u.cues.has("description") && u.spans.some((s) => s.kind === "option");
  const fieldWork =
    u.tokens.some((t, i) => k.fieldStems.has(t.stem) && !inSpan.has(i)) &&
    (namesDataset(k, u) || describesOwn);
  const choosing =
    ((namesChoice(k, u, text) || statesBrief(u, MIN_SCORE)) && namesDataset(k, u)) ||
    u.tokens.some((t) => k.nounStems.has(t.stem));
  const strange = gaps.filter((g) => !g.known).map((g) => g.word.word);
  const unknownWeight = sum(gaps.filter((g) => !g.known).map((g) => weight(g.word)));
  const knownWeight = sum(content.filter((w) => !strange.includes(w.word)).map(weight));
  if (
    unknown.length > 0 &&
    u.techs.length === 0 &&
    !inherited &&
    !choosing &&
    !fieldWork &&
    !(reading.intent === "topic" && topicPhrase(u, reading.topic) >= 2) &&
    knownWeight * OUTSIDE < unknownWeight
  ) {
    return { state, reply: outsideReply(k, unknown) };
  }
  // A call asked for (a pick between technologies) stands: passages have no call to make.
  // A team described ("small team doing cv research, need fast iteration") asks for one too; a
  // wh-question about something else ("what image size does the sample data use") does not.
  const whQuestion = u.tokens.some((t) => QUESTION_WORDS.has(t.raw));
  // A bare verdict ("pytorch or tf?") gives way when the question names something only a few
  // statements hold ("does tesla use pytorch or tf for autopilot"): that is what is asked.
  const verdictOnly = reading.intent === "compare" && reading.aspect === null;
  const specific = gaps.some((g) => g.known && isNoun(g.word) && k.passages.specific(g.word.stem));
  // "energy use / carbon footprint of jax vs pytorch?": a verdict is no answer to a topic the source
  // never mentions. Say so first; the verdict is what it does say about the pair.
  if (verdictOnly && unknown.length > 0 && knownWeight * OUTSIDE < unknownWeight) {
    result.reply.blocks.unshift({
      kind: "paragraph",
      text: `The source page doesn't cover ${listNames(unknown.map((w) => `"${w}"`))}${forTechs(k, u.techs)}. Its overall verdict on them:`,
    });
    return result;
  }
  if (
    (DECISIONS.has(reading.intent) && (choosing || !whQuestion)) ||
    (result.reply.pick !== null && (choosing || u.techs.length >= 2) && !(verdictOnly && specific))
  )
    return result;

  const missed = sum(gaps.map((g) => weight(g.word)));
  const covered = sum(content.map(weight)) - missed;
  // A reading built on a phrase of the question (an aspect, a topic) answers it; one reached
  // only through the focus or a fallback may be beside the point.
  // "how does torch.compile work?" asks for a mechanism: an entry of figures is no anchor for it.
  // Likewise "how much does a TPU v3-8 cost per hour": TPU support is no answer to a price.
  const frame = questionFrame(u);
  const mechanism = (frame === "how" || frame === "money") && !readingAnswers(k, reading, frame);
  const anchored = !mechanism && isAnchored(k, u, reading, asked);
  // "and the learning rate?": a phrase an editor listed for a statement ("learning rate", "batch
  // size") names it more surely than a guessed reading, when it is all the question asks.
  if (!anchored) {
    const phrased = k.passages.phraseHits(
      u.tokens.filter((t) => asked.has(t.raw)).map((t) => t.stem),
      techs.length ? techs : state.focus.technologies,
    );
    if (phrased && content.every((w) => phrased.phrase.includes(w.stem))) {
      const hits = phrased.docs
        .slice(0, 2)
        .map((doc) => ({ doc, score: 1, matched: new Set(phrased.phrase) }));
      const missing = unknown.filter((w) => !phrased.phrase.includes(stem(w)));
      return withFocus(state, passageReply(k, hits, missing, techs));
    }
  }

  // The passages may hold what the reading's entry does not ("how does torch.compile work?").
  // Against an anchored reading, only a word that points at few statements earns the switch.
  const knownGaps = gaps.filter(
    (g) => g.known && (mechanism || !anchored || (isNoun(g.word) && k.passages.specific(g.word.stem))),
  );
  if (knownGaps.length > 0) {
    const query = content.map((w) => w.stem);
    // A wide search: the statements holding the open word may rank below many that hold only the
    // anchoring words ("which optimizer does the example code use": every code passage has "code").
    const found = k.passages.find(query, techs, 30);
    const near = new Set(found.slice(0, 6).map((h) => h.doc.id));
    const hits = found
      .filter((h) => knownGaps.some((g) => h.matched.has(g.word.stem)))
      .map((h) => withinTopic(k, u, h));
    const best = chooseHits(hits, content, weight, near);
    // Against an anchored reading only rare words were let through: a smaller lead is enough.
    // A guessed reading gives way to passages that hold more of the question and at least half of it.
    const total = sum(content.map(weight));
    const wins = mechanism
      ? best.covered > covered
      : anchored
        ? best.covered > covered + MARGIN / 2
        : best.covered > covered + MARGIN ||
          (best.covered > covered && best.covered >= total / 2 && matchedWords(best.hits, content) >= 2);
    if (wins) {
      const missing = unknown.filter((w) => !best.hits.some((h) => h.matched.has(w)));
      const each = forEachTech(k, u, best.hits);
      return withFocus(state, passageReply(k, each, missing, techs));
    }
  }
  if (unknown.length === 0) return result;
  // The reading answers the rest: keep it, and say plainly what the source does not cover.
  if (anchored) {
    result.reply.blocks.unshift({
      kind: "paragraph",
      text: `The source page doesn't cover ${listNames(unknown.map((w) => `"${w}"`))}${forTechs(k, techs)}. Here is what it does say:`,
    });
    return result;
  }
  // Nothing of ours named and nothing anchored: no passage is close enough to be worth quoting.
  if (u.techs.length === 0) return { state, reply: outsideReply(k, unknown) };
  // Where the source uses the word only about something else, that passage is the closest.
  const elsewhere = unknown.flatMap((w) => k.passages.using(stem(w)).slice(0, 1));
  const closest = elsewhere.length
    ? elsewhere.map((doc) => ({ doc, score: 1, matched: new Set<string>() }))
    : k.passages.find(
        content.map((w) => w.stem),
        techs,
        2,
      );
  return withFocus(state, passageReply(k, closest, unknown, techs));
}

const forTechs = (k: Knowledge, techs: string[]) =>
  techs.length ? ` for ${listNames(techs.map((t) => k.tech.get(t)?.name ?? t))}` : "";

/** True when the reading's aspects answer this question frame (`aspect.frames` in the dataset). */
function readingAnswers(k: Knowledge, reading: Reading, frame: "how" | "money"): boolean {
  const aspects =
    "aspects" in reading ? reading.aspects : "aspect" in reading && reading.aspect ? [reading.aspect] : [];
  return aspects.length > 0 && aspects.every((a) => k.aspect.get(a)?.frames.includes(frame));
}

/** True when an aspect, need or topic the reading uses was named in the asking part. */
function isAnchored(k: Knowledge, u: Understanding, reading: Reading, asked: Set<string>): boolean {
  // "who runs tensorflow in prod": the frame word itself named the aspect that answers "who".
  const frame = questionFrame(u);
  const aspects =
    "aspects" in reading ? reading.aspects : "aspect" in reading && reading.aspect ? [reading.aspect] : [];
  if ((frame === "who" || frame === "when") && aspects.some((a) => k.aspect.get(a)?.frames.includes(frame)))
    return true;
  const ids = new Set<string>();
  if ("aspect" in reading && reading.aspect) ids.add(`aspect:${reading.aspect}`);
  if ("aspects" in reading) for (const a of reading.aspects) ids.add(`aspect:${a}`);
  if ("need" in reading) ids.add(`need:${reading.need}`);
  if ("topic" in reading) ids.add(`topic:${reading.topic}`);
  return u.spans.some((s) => ids.has(`${s.kind}:${s.id}`) && asked.has(u.tokens[s.start]?.raw ?? ""));
}

/** Words inside the phrases the reading was built from: tech names, cues, its own aspect or need. */
function explainedWords(u: Understanding, reading: Reading, needOpen = false): Set<string> {
  const used = new Set<string>();
  if ("aspect" in reading && reading.aspect) used.add(`aspect:${reading.aspect}`);
  if ("aspects" in reading) for (const a of reading.aspects) used.add(`aspect:${a}`);
  if ("need" in reading && !needOpen) used.add(`need:${reading.need}`);
  if ("topic" in reading) used.add(`topic:${reading.topic}`);
  const out = new Set<string>();
  for (const s of u.spans) {
    // Names outside the dataset ("ONNX") are recognised, never answered: they stay open.
    const always = s.kind === "tech" || s.kind === "cue";
    if (!always && !used.has(`${s.kind}:${s.id}`)) continue;
    for (let i = s.start; i < s.end; i++) {
      const t = u.tokens[i];
      if (t) out.add(t.raw);
    }
  }
  return out;
}

function withFocus(state: ConversationState, reply: Reply): TurnResult {
  const techs = reply.technologies;
  return {
    state: {
      ...state,
      focus: { ...state.focus, technologies: [...(techs.length ? techs : state.focus.technologies)] },
    },
    reply,
  };
}

/**
 * "why's that higher than tf?" after PyTorch's monthly cost: a comparison of figures asked why
 * is answered, as far as the source allows, by the editors' note on how those figures differ
 * (different assumptions behind each estimate), added under the figures with its section.
 */
function withWhyNote(k: Knowledge, u: Understanding, reply: Reply): void {
  const first = u.tokens[0]?.raw;
  if ((first !== "why" && first !== "whys") || reply.intent !== "compare" || !reply.aspect) return;
  const aspect = reply.aspect;
  const note = k.dataset.meta.editorialNotes.find((n) => n.about?.includes(aspect));
  if (!note || replyStrings(reply).includes(note.problem)) return;
  const at = reply.blocks.findIndex((b) => b.kind === "choices");
  reply.blocks.splice(at < 0 ? reply.blocks.length : at, 0, {
    kind: "paragraph",
    text: `${noteLead(note)} ${note.problem}`,
  });
  reply.sources = sourcesOf(k, [...reply.sources.map((s) => s.id), note.section]);
}

/** A message using one of our words in another sense: say which sense it reads as, and what we cover. */
function otherSenseReply(k: Knowledge, sense: OtherSenseReading): Reply {
  return shortHelp(
    k,
    "not-covered",
    `That reads as "${sense.term}" meaning ${sense.label}, which the source page doesn't cover.`,
  );
}

/** A message about something else entirely ("my s3 bill is huge"): say so, and what we do cover. */
function outsideReply(k: Knowledge, unknown: string[]): Reply {
  const what = unknown.length ? listNames(unknown.map((w) => `"${w}"`)) : "that";
  return shortHelp(k, "not-covered", `The source page doesn't cover ${what}.`);
}

/**
 * How many content words of the message the source holds, besides the technologies' own names:
 * in its statements, or as a word of the field. A word only an editor's term borrows ("game" of
 * "game playing") is no sign that the message is about the field.
 */
function knownWords(
  k: Knowledge,
  u: Understanding,
  text: string,
  only: (w: ContentWord) => boolean = () => true,
): number {
  const ofField = (w: ContentWord) => k.fieldStems.has(w.stem) || k.nounStems.has(w.stem) || stated(k, u, w);
  return contentWords(text).filter(
    (w) => only(w) && !k.idStems.has(w.stem) && !MEASURES.has(w.stem) && knows(k, u, w, []) && ofField(w),
  ).length;
}

/** The longest phrase, in words, that named this topic ("mlops platforms"): 0 when none did. */
function topicPhrase(u: Understanding, topic: string): number {
  return Math.max(
    0,
    ...u.spans.filter((s) => s.kind === "topic" && s.id === topic).map((s) => s.end - s.start),
  );
}

/** The message doubts the source: in so many words ("typo?", "sus") or by setting two claims against each other. */
const doubts = (u: Understanding, text: string) =>
  // "...a model that flags suspicious nodules in ct scans... which framework?": a brief asking for
  // a pick uses the word about its own work, not about the source.
  (u.cues.has("doubt") && !(u.cues.has("description") && (u.cues.has("which") || u.cues.has("recommend")))) ||
  contrastsClaims(u, text);

/**
 * True when a technology's name stands right beside a noun the source never mentions; with
 * `acrossSmallWords`, also when only small words stand between ("the tf of my rc filter").
 */
function nameInForeignPhrase(u: Understanding, unknown: string[], acrossSmallWords = false): boolean {
  const strange = new Set(unknown);
  const small = (raw: string) => acrossSmallWords && STOPWORDS.has(raw);
  return u.spans.some(
    (s) => s.kind === "tech" && wordsBeside(u.tokens, s, small).some((w) => strange.has(w)),
  );
}

/** How many nouns of the message the source holds, outside the technologies' names ("tf2"). */
function knownNouns(k: Knowledge, u: Understanding, text: string): number {
  const named = new Set([...namePositions(u)].map((i) => u.tokens[i]?.raw ?? ""));
  // The field's own words count whatever their part of speech ("training with tensorflow").
  return knownWords(k, u, text, (w) => (isNoun(w) || k.fieldStems.has(w.stem)) && !named.has(w.word));
}

/** Units of money: a price alone ("under $150") says nothing of the field's work. */
const MONEY_UNITS = new Set(["usd", "usd-month"]);

/** A message is about something else when its unknown nouns outweigh the known words this much. */
const OUTSIDE = 1 / 1.5;
/** How much more of the question (in content weight) passages must hold to replace a reading. */
const MARGIN = 0.75;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
