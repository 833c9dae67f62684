import { singleOut } from "../answers/attribute.js";
import { comparisonPick, type Direction } from "../answers/compare.js";
import { OPTION_THRESHOLD } from "../answers/flow.js";
import { marksFor } from "../answers/marks.js";
import type { Knowledge } from "../knowledge.js";
import { factMatch, MIN_OPEN_RETRIEVAL_SCORE, rareInFacts, retrieveAspect } from "../retrieval.js";
import type { ConversationState } from "../state.js";
import { hasDigit } from "../text/normalize.js";
import { STOPWORDS } from "../text/stopwords.js";
import { constraintCount, NEGATORS, type Scored, statesBrief, type Understanding } from "../understand.js";
import { questionFrame } from "./frame.js";
import {
  ADDRESSEE,
  comparesOtherThings,
  FIRST_PERSON,
  isEmpty,
  namePositions,
  overlaps,
  sharedNameOnly,
  whichAsksOther,
} from "./mentions.js";
import { asksPickOnly } from "./pick-asked.js";
import type { Reading } from "./reading.js";
import { MIN_SCORE, strong } from "./scores.js";

const hasWinner = (k: Knowledge, techs: string[], aspect: string | null, want?: Direction) =>
  comparisonPick(k, techs, aspect, want) !== null;

/** Prepositions that open a qualifier of the last answer ("with cuda?", "on gpus?"). */
const QUALIFIERS = new Set(["with", "without", "including", "incl", "on", "under", "in"]);

export { MIN_SCORE, strong } from "./scores.js";

/** True when the message has several clauses and `match` was read (also) from the last one, the question. */
function inLastClause(u: Understanding, match: Scored, kind: "aspect" | "need"): boolean {
  const last = u.tokens[u.tokens.length - 1]?.clause ?? 0;
  if (last === 0) return false;
  // The closing clause must be the question: "which framework should we use? we have a big tpu
  // cluster and train llms weekly" closes on the brief, which the question before it asks about.
  const asking = u.spans.some(
    (s) => s.kind === "cue" && (s.id === "which" || s.id === "best") && u.tokens[s.start]?.clause === last,
  );
  if (!asking) return false;
  // Any mention counts: "serving cost hurts. Which is cheapest to serve?" names it twice.
  return u.spans.some((s) => s.kind === kind && s.id === match.id && u.tokens[s.start]?.clause === last);
}

/** A strong flow answer read from words that name no technology ("a team of python devs"). */
function briefBesideNames(u: Understanding): boolean {
  const names = namePositions(u);
  return u.spans.some((s) => {
    if (s.kind !== "option" || overlaps(s, names)) return false;
    const [question = "", option] = s.id.split("/");
    const read = u.options.get(question);
    return read !== undefined && read.id === option && read.score >= OPTION_THRESHOLD;
  });
}

/** How much more of the question another fact must hold to join the named aspect's. */
const CLOSER_FACT_MARGIN = 2;

/**
 * "pt2 speedup on transformer training?": the named aspect (runtime performance) has the
 * technology's headline figure, but another of its facts holds more of the question's words
 * ("transformer"): that fact joins the answer, second.
 */
function withCloserFact(k: Knowledge, u: Understanding, tech: string, aspects: string[]): string[] {
  const [first] = aspects;
  // "how does torch.compile work" asks for a mechanism: the passages answer it, not a second fact.
  // Downsides asked ("jax cons around debugging") are gathered beside the facts already.
  if (!first || aspects.length > 1 || questionFrame(u) === "how" || u.cues.has("trouble")) return aspects;
  const found = retrieveAspect(k.facts, u.tokens, [tech], k.idStems);
  if (!found || found.aspect === first) return aspects;
  const own = factMatch(k.facts, u.tokens, tech, first, k.idStems);
  const other = factMatch(k.facts, u.tokens, tech, found.aspect, k.idStems);
  // Only for a rare word the named fact lacks ("transformer"), not for common ones ("size").
  const rare = [...other.stems].some((s) => !own.stems.has(s) && rareInFacts(k.facts, s));
  // And it holds every word the named fact matched: more of the same question, not another one.
  const more = own.stems.size > 0 && [...own.stems].every((s) => other.stems.has(s));
  return rare && more && other.score >= own.score + CLOSER_FACT_MARGIN ? [first, found.aspect] : aspects;
}

/** Content words the dataset knows nothing of: no term, typo or fact word comes near them. */
function unmatchedWords(k: Knowledge, u: Understanding): string[] {
  const words = u.tokens
    .filter(
      (t) =>
        t.candidates.size === 0 &&
        t.raw.length >= 4 &&
        !STOPWORDS.has(t.raw) &&
        !hasDigit(t.raw) &&
        !k.facts.idf.has(t.stem),
    )
    .map((t) => t.raw);
  return [...new Set(words)].slice(0, 3);
}

/** True when the text names something the dataset knows, so it is a question rather than noise. */
export function asksSomething(u: Understanding): boolean {
  return (
    u.techs.length > 0 ||
    u.unknown.length > 0 ||
    strong(u.aspects).length > 0 ||
    strong(u.needs).length > 0 ||
    u.cues.has("compare") ||
    u.cues.has("help")
  );
}

/** Up to two aspects: the best, and a second one only when it is nearly as clear. */
function pickAspects(u: Understanding): string[] {
  // "12 engineers, no tpus. jax or pt?": in a brief, what the team lacks is a constraint, not the
  // aspect asked about. "which one isn't apache licensed?" still asks about its negated aspect.
  const negated = new Set([...u.negatedNeeds, ...u.negatedOptions.values()].map((s) => s.start));
  const inBrief =
    (u.cues.has("description") || constraintCount(u, MIN_SCORE) >= 2) &&
    !u.cues.has("which") &&
    !u.cues.has("best") &&
    !u.cues.has("avoid");
  // "no i meant for pytorch": "meant for" is the correction, not the "best for" aspect's phrase.
  const correcting = (a: Scored) =>
    u.tokens[a.start]?.raw === "meant" && FIRST_PERSON.has(u.tokens[a.start - 1]?.raw ?? "");
  const [first, second] = strong(u.aspects).filter(
    (a) => !(inBrief && negated.has(a.start)) && !correcting(a),
  );
  if (!first) return [];
  return second && second.score >= first.score * 0.75 ? [first.id, second.id] : [first.id];
}

/**
 * A question framed "who ..." or "when ..." asks for the aspect that answers that frame: the
 * matched one if it does ("who is behind pytorch" -> maintainers), else the dataset's first that
 * does ("who runs tensorflow in prod" -> companies, not deployment).
 */
function framedAspects(k: Knowledge, u: Understanding, aspects: string[], about: string[]): string[] {
  const frame = questionFrame(u);
  if (frame === "money") {
    // "jax tco mentions a tpu v3-8, how much per hour is it": the aspect named that answers in
    // money leads; the others stay beside it.
    const priced = strong(u.aspects).find((a) => k.aspect.get(a.id)?.frames.includes("money"));
    return priced ? [priced.id, ...aspects.filter((a) => a !== priced.id)] : aspects;
  }
  if (frame !== "who" && frame !== "when") return aspects;
  const answers = (id: string) => k.aspect.get(id)?.frames.includes(frame) ?? false;
  const matched = strong(u.aspects).find((a) => answers(a.id));
  // The frame alone names an aspect only of something of ours: "what year is it" asks no date of them.
  const fallback = about.length ? k.dataset.aspects.find((a) => a.frames.includes(frame)) : undefined;
  const chosen = matched?.id ?? fallback?.id;
  return chosen ? [chosen] : aspects;
}

/** What a description of a team or project states: flow answers and needs, each read once. */
export function describeReading(k: Knowledge, u: Understanding): Extract<Reading, { intent: "describe" }> {
  const answers: Record<string, string> = {};
  for (const [question, option] of u.options)
    if (option.score >= OPTION_THRESHOLD) answers[question] = option.id;
  const optionStarts = new Set(
    [...u.options.values()].filter((o) => o.score >= OPTION_THRESHOLD).map((o) => o.start),
  );
  // A need read from the same words as a flow answer is the same constraint: count it once. One
  // whose words would answer a question that other words answered differently lost that slot
  // ("meta learning research": the workload is meta-learning, not generic research).
  // Only in one phrase: "ios and android plus a web demo" names two deployments, both meant.
  const answeredElsewhere = (start: number) =>
    u.spans.some((s) => {
      if (s.kind !== "option" || s.start !== start) return false;
      const [question = "", option] = s.id.split("/");
      if (!(question in answers) || answers[question] === option) return false;
      const answering = u.spans.filter(
        (a) => a.kind === "option" && a.id === `${question}/${answers[question]}`,
      );
      return answering.some((a) => a.end === s.start || a.start === s.end);
    });
  // A reason the source names as enough on its own to leave its default ("custom autodiff",
  // "TPU-centric") is more than the flow answer its words also give: kept beside the answer.
  const triggers = new Set(k.dataset.meta.standaloneTriggers);
  const needs = u.needs
    .filter(
      (n) =>
        n.score >= OPTION_THRESHOLD &&
        (triggers.has(n.id) || !optionStarts.has(n.start)) &&
        !answeredElsewhere(n.start),
    )
    .slice(0, 3)
    .map((n) => n.id);
  return { intent: "describe", answers, needs, noConstraints: u.cues.has("noConstraints") };
}

/**
 * The last recommendation's constraints with this message's applied: options it rules out are
 * dropped, options it states replace the earlier answer to their question, needs are added or
 * ruled out. Null when the message changes nothing.
 */
function reviseReading(
  k: Knowledge,
  u: Understanding,
  last: NonNullable<ConversationState["lastRecommendation"]>,
): Extract<Reading, { intent: "revise" }> | null {
  const answers = { ...last.answers };
  const changed: string[] = [];
  for (const [question, option] of u.negatedOptions) {
    if (answers[question] === option.id) {
      delete answers[question];
      changed.push(question);
    }
  }
  const stated = describeReading(k, u);
  for (const [question, option] of Object.entries(stated.answers)) {
    if (answers[question] === option) continue;
    answers[question] = option;
    if (!changed.includes(question)) changed.push(question);
  }
  const ruledOut = new Set(u.negatedNeeds.map((n) => n.id));
  // "no wait, 200k samples, not dollars; runs cost $500": the budget answer changed, so the
  // "$50K runs" need read with the old answer goes with it, unless this message states it again.
  for (const need of last.needs ?? [])
    if (changed.some((q) => k.needQuestions.get(need)?.has(q)) && !stated.needs.includes(need))
      ruledOut.add(need);
  const before = last.needs ?? [];
  const needs = [...new Set([...before.filter((n) => !ruledOut.has(n)), ...stated.needs])].slice(0, 3);
  const needsChanged = needs.length !== before.length || needs.some((n) => !before.includes(n));
  if (changed.length === 0 && !needsChanged) return null;
  return { intent: "revise", answers, needs, changed };
}

/**
 * Ours named beside a name outside the dataset, to be answered after the decline. A name other
 * things share ("jax or fiora top lane") beside a word that only stands where a name would is
 * another thing's name, not ours; beside a framework the dataset knows of ("pt vs mxnet") it is ours.
 */
function oursBeside(k: Knowledge, u: Understanding, techs: string[]): string[] {
  const knownOther = u.spans.some((s) => s.kind === "other");
  return knownOther || !sharedNameOnly(k, u) ? techs : [];
}

/**
 * The reading of a question about the dataset: a fact, a comparison, a best fit, a description
 * to recommend from... Rules in order of precedence, each naming the phrasing it serves.
 */
export function readQuestion(k: Knowledge, state: ConversationState, u: Understanding): Reading {
  const all = k.dataset.technologies.map((t) => t.id);
  const focus = state.focus;
  // "no i meant for pytorch, not tf": a technology named after "not" is the one corrected away.
  const correctedAway = u.cues.has("correction") ? negatedTechs(u) : new Set<string>();
  let techs = u.techs.length > correctedAway.size ? u.techs.filter((t) => !correctedAway.has(t)) : u.techs;
  const recent = [...new Set([...u.techs, ...(focus.recent ?? []), ...focus.technologies])].slice(0, 3);
  if (techs.length === 0 && u.cues.has("plural")) {
    // "the same three", "all 3": a count of them names every technology, not the last two. "which
    // of the three suits us" chooses among them: no subject, as with no name at all.
    const count = u.tokens.some((t) => t.raw === "three" || t.raw === "3");
    const choosing = u.cues.has("which") || u.cues.has("best") || u.cues.has("recommend");
    if (!(count && choosing))
      techs = count ? all : focus.technologies.length >= 2 ? focus.technologies : recent.slice(0, 2);
  } else if (techs.length === 0 && u.cues.has("pronoun")) techs = focus.technologies;
  const aspects = framedAspects(k, u, pickAspects(u), techs);
  const aspect = aspects[0] ?? null;
  const need = strong(u.needs)[0];
  const topic = strong(u.topics)[0];
  // "which companies run jax": a "which" before a noun of something else asks about that thing.
  const superlative =
    u.cues.has("best") ||
    (u.cues.has("which") && !whichAsksOther(k, u, u.tokens.map((t) => t.raw).join(" ")));
  const want: Direction | undefined =
    u.cues.has("high") && !u.cues.has("low")
      ? "high"
      : u.cues.has("low") && !u.cues.has("high")
        ? "low"
        : undefined;
  const withWant: { want?: Direction } = want ? { want } : {};
  const needOf = (id: string, aspectId: string | null = aspect): Reading => ({
    intent: "need",
    need: id,
    techs,
    aspect: aspectId,
  });

  // After a recommendation, new or corrected constraints redo it ("actually we don't use TPUs").
  const last = state.lastRecommendation;
  // "a single machine with a few gpus" after a result: one more answer, stated, not asked.
  const statesAnswer =
    !u.asks && u.techs.length === 0 && [...u.options.values()].some((o) => o.score >= OPTION_THRESHOLD);
  const revising =
    u.cues.has("description") || u.cues.has("correction") || u.cues.has("whatIf") || statesAnswer;
  // "so what's your pick?", "pick one please", "so?" after a result asks for it again, from the
  // same answers.
  if (
    last &&
    (u.cues.has("result") || asksPickOnly(u)) &&
    u.techs.length === 0 &&
    constraintCount(u, MIN_SCORE) === 0
  )
    return {
      intent: "revise",
      answers: { ...last.answers },
      needs: [...(last.needs ?? [])],
      changed: [],
      again: true,
    };
  if (last && revising) {
    const revised = reviseReading(k, u, last);
    if (revised) return revised;
    // "no, I meant 200k samples, not dollars": a correction that changes nothing is still answered.
    if (u.cues.has("correction") && u.techs.length === 0)
      return { intent: "revise", answers: { ...last.answers }, needs: [...(last.needs ?? [])], changed: [] };
  }
  // "how big are tflite models" → "and a web build?": a follow-up whose words the last answer's
  // statement holds ("WASM builds for the web are 5-15MB") asks for that detail of the same fact.
  const [focusTech] = focus.technologies;
  if (
    focusTech &&
    focus.technologies.length === 1 &&
    focus.aspect &&
    u.techs.length === 0 &&
    u.cues.has("followUp") &&
    u.tokens.length <= 6 &&
    heldByFact(k, u, focusTech, focus.aspect)
  )
    return { intent: "fact", tech: focusTech, aspects: [focus.aspect], trouble: false };
  // "how big is the jax install" → "with cuda n everything?": a phrase opening with a preposition
  // qualifies the last fact; the same fact answers it, with its qualified figures.
  const [lead] = u.tokens;
  if (
    lead &&
    QUALIFIERS.has(lead.raw) &&
    u.tokens.length <= 6 &&
    u.techs.length === 0 &&
    focus.technologies.length === 1 &&
    focus.technologies[0] &&
    focus.aspect &&
    !u.cues.has("which") &&
    !u.cues.has("best")
  )
    return { intent: "fact", tech: focus.technologies[0], aspects: [focus.aspect], trouble: false };
  // "when would jax be worth it?": about a result, or about the source's reasons when no team is
  // described; "huge legacy tf codebase, worth switching?" describes one and asks for a pick.
  // "when does the page say to go jax, and at what spend?" names the technology whose conditions
  // are asked; a described team ("our team has tpus, when would jax pay off?") is a brief.
  const conditionsOf = u.techs.length === 1 && u.cues.has("conditions") && !u.cues.has("description");
  // "we're at 3B params, is that where jax pays off?", "40 GPU-hours a month, is jax worth it?": a
  // figure held against one technology's own marks, and nothing else of the team said, asks
  // whether it reaches them. The marks answer, whether or not there was a result before.
  const figures = u.quantities.map(({ unit, value }) => ({ unit, value }));
  const [only] = u.techs;
  const outsideFigures = (start: number) => !u.quantities.some((q) => q.start <= start && start < q.end);
  if (
    only &&
    u.techs.length === 1 &&
    (u.cues.has("whatIf") || u.cues.has("conditions")) &&
    marksFor(k, figures, only).length > 0 &&
    constraintCount(u, MIN_SCORE, outsideFigures) === 0
  )
    return { intent: "what-would-change", tech: only, figures };
  if (u.cues.has("whatIf") && (last || conditionsOf || constraintCount(u, MIN_SCORE) === 0))
    return { intent: "what-would-change", tech: u.techs[0] ?? null, figures };
  // "we spend about 5k a month on cloud, is jax worth it for us": a team described, and whether
  // a framework pays off for it, asks for the recommendation from that brief.
  // So does "3 of us, zero fp experience. use jax for our first project?": with nothing the guided
  // questions can weigh, the source's default for a team that states no constraint.
  if ((u.cues.has("whatIf") || u.cues.has("adopt")) && u.cues.has("description") && u.techs.length <= 2) {
    const described = describeReading(k, u);
    const weighing = u.techs.length === 1 && u.techs[0] ? { weighing: u.techs[0] } : {};
    return { ...described, ...weighing, noConstraints: isEmpty(described) || described.noConstraints };
  }
  if (u.cues.has("whyNot") && techs[0]) return { intent: "why-not", tech: techs[0] };
  // "why?", "why pytorch?", "why the switch?" after a recommendation: the reasons for its pick.
  const pick = last?.ranking[0]?.tech;
  if (
    pick &&
    u.tokens[0]?.raw === "why" &&
    u.tokens.length <= 4 &&
    strong(u.aspects).length === 0 &&
    strong(u.needs).length === 0 &&
    (u.techs.length === 0 || u.techs[0] === pick)
  )
    return { intent: "why-not", tech: pick };
  // "would we regret switching?", "any downsides?" after a result: the pick's own downsides.
  const tradeoff = k.dataset.meta.tradeoffAspect;
  if (
    pick &&
    tradeoff &&
    u.cues.has("trouble") &&
    u.techs.length === 0 &&
    strong(u.aspects).length === 0 &&
    strong(u.needs).length === 0 &&
    u.tokens.length <= 8
  )
    return { intent: "fact", tech: pick, aspects: [tradeoff], trouble: true };
  // "a bird song classifier, what do i use": a tool asked for, for work of the field, is no request
  // for a song.
  // "weather-forecasting research w/ neural operators, custom autodiff, free TPU credits": two
  // constraints of ours make it a brief, whatever everyday word ("weather") it opens with.
  const fieldWork =
    (u.cues.has("recommend") && u.tokens.some((t) => k.fieldStems.has(t.stem))) ||
    constraintCount(u, MIN_SCORE) >= 2;
  if (u.cues.has("offTopic") && techs.length === 0 && !fieldWork) return { intent: "off-topic", asked: true };

  // "which one is NOT good for mobile?": the one whose facts lack it, when exactly one does.
  // A team saying what it does not need ("we don't use TPUs, what framework?") is a brief instead.
  const negatedAsk =
    u.negatedNeeds.length > 0 &&
    !need &&
    techs.length === 0 &&
    (u.cues.has("which") || u.cues.has("best")) &&
    !u.cues.has("description") &&
    !u.cues.has("recommend");
  if (negatedAsk && aspect) {
    const singled = singleOut(k, u.tokens, aspect, all);
    if (singled) return { intent: "single-out", aspect, techs: all, ...singled };
  }
  // "which should we NOT use for mobile?", "worst for beginners": the source ranks best fits only.
  const ruledOut = u.negatedNeeds[0] ?? need;
  if ((u.cues.has("avoid") || negatedAsk) && ruledOut && techs.length === 0)
    return { intent: "avoid", need: ruledOut.id };
  if (u.cues.has("avoid") && techs.length === 0 && !aspect) return { intent: "no-worst" };

  const constraints = constraintCount(u, MIN_SCORE);
  // A choice asked for in so many words: "which one", "what fw", "recommend", "framework?".
  const asksChoice =
    u.cues.has("which") ||
    u.cues.has("recommend") ||
    u.tokens.some((t) => k.nounStems.has(t.stem)) ||
    statesBrief(u, MIN_SCORE);
  // "team knows numpy + sklearn, new to DL, mostly NLP: easiest framework?", "we burn 2000
  // gpu-hours a month, which framework?": a name outside the dataset inside a brief that asks for
  // a choice among ours is context (a skill, a verb, a dataset), not the subject.
  // "research lab, w&b integration matters most, what do u suggest": asked for advice in so many
  // words, one constraint of ours is enough.
  const nameInBrief = techs.length === 0 && asksChoice && constraints >= (u.cues.has("recommend") ? 1 : 2);
  if (
    u.unknown.length > 0 &&
    !nameInBrief &&
    (techs.length === 0 || (techs.length === 1 && u.cues.has("compare")))
  ) {
    return { intent: "unknown-technology", names: u.unknown, techs: oursBeside(k, u, techs), aspect };
  }

  // "we need X, which one?" describes a team; "can we get paid support for pytorch" asks a fact.
  // "...we keep hitting OOM. Which framework has the lowest memory footprint?" closes on a ranking
  // question: the context before it explains, it does not ask for a recommendation.
  const closingSuperlative =
    u.cues.has("best") &&
    !u.cues.has("recommend") &&
    strong(u.aspects).some((a) => inLastClause(u, a, "aspect"));
  // "10 devs who know keras" names a team's skill, not the subject of the question; only a
  // description in the first person has one ("which companies use tensorflow" asks about it).
  // "team knows pytorch inside out, what fw": a technology named as a skill or an estate, in a
  // message that states a brief and asks for a choice, is a constraint, not the subject.
  const briefWithSkill = asksChoice && constraints >= 2;
  const firstPerson = u.tokens.some((t) => FIRST_PERSON.has(t.raw));
  // "cv startup, 3 eng, 8 A100s, train monthly, everyone already writes pytorch": a brief stated
  // without a question names its technology as what the team has, however it is phrased.
  const statedBrief = !u.asks && u.cues.has("description") && constraints >= 3;
  const subject = statedBrief
    ? []
    : firstPerson || briefWithSkill
      ? techs.filter((t) => !u.constraintTechs.includes(t))
      : techs;
  // Two or more constraints and a choice asked for ("rl research on tpus at huge scale, which
  // fw?") describe a project, in the first person or not. A comparison or a ranking on them
  // ("compare all 3 on tpu support", "which has the most mature serving?") does not, and
  // "which has the best tpu and mobile support?" ranks on two needs: a third makes it a brief.
  // "...25 engineers, we just want the path of least resistance": a team's statement asks no
  // ranking, and a superlative with no aspect to rank on ranks nothing; the brief stands. "best for
  // distributed training past 128 GPUs" describes no team: a ranking asked in keywords.
  const ranking = (u.cues.has("high") || u.cues.has("low")) && strong(u.aspects).length > 0;
  const stated = statesBrief(u, MIN_SCORE);
  const teamStated = stated && u.cues.has("description");
  const brief =
    subject.length === 0 &&
    asksChoice &&
    !u.cues.has("compare") &&
    !ranking &&
    constraints >= (teamStated ? 1 : u.cues.has("best") ? 3 : stated ? 1 : 2);
  const describes =
    !closingSuperlative &&
    !(subject.length > 0 && aspect) &&
    ((u.cues.has("description") && (constraints >= 2 || (constraints >= 1 && u.cues.has("which")))) || brief);
  // "what's the bottom line recommendation?": the source's own verdict, not the guided questions.
  if (k.dataset.meta.adviceTopic && asksSourceAdvice(k, u, techs))
    return { intent: "topic", topic: k.dataset.meta.adviceTopic };
  if (u.cues.has("recommend") || describes) {
    // One stated need is a "which is best for" question ("what should I use for mobile?", "we need
    // X, which one?"); a team asking for a recommendation on one fact gets the questions instead.
    const asksAdvice = u.cues.has("recommend") && u.cues.has("description");
    if (need && constraints <= 1 && !asksAdvice) return needOf(need.id);
    // "...our CI disks are tight. Which framework has the smallest install?": the context explains,
    // the closing question asks for one need's best fit.
    const asked =
      superlative && techs.length === 0 ? strong(u.needs).find((n) => inLastClause(u, n, "need")) : undefined;
    if (asked) return needOf(asked.id);
    // "should we use pytorch?" / "thoughts on jax?" is about the named technologies, not a brief.
    if (!(subject.length >= 1 && constraints === 0)) return describeReading(k, u);
  }

  if (
    need &&
    techs.length <= 1 &&
    (superlative || techs.length === 0) &&
    (!aspect || superlative || need.score >= (strong(u.aspects)[0]?.score ?? 0))
  ) {
    return needOf(need.id);
  }
  // "Which one isn't Apache licensed?" singles one out by a word; "which is biggest?" ranks instead.
  if (u.cues.has("which") && !u.cues.has("best") && aspect && techs.length === 0) {
    const singled = singleOut(k, u.tokens, aspect, all);
    if (singled) return { intent: "single-out", aspect, techs: all, ...singled };
  }
  if (superlative && aspect && techs.length <= 1 && !(techs.length === 1 && !u.cues.has("best"))) {
    return { intent: "aspect-winner", aspect, techs: all, ...withWant };
  }

  // A need naming one of the compared technologies is more specific than the overall verdict,
  // and settles an aspect on which the source declares no winner: `act` checks the verdict.
  if (techs.length >= 2) {
    const needPick = need ? k.need.get(need.id)?.pick : undefined;
    if (need && needPick && techs.includes(needPick) && (!aspect || !hasWinner(k, techs, aspect, want)))
      return needOf(need.id);
    // "pt or tf for a team of python devs": no aspect to compare on, but an answer to the guided
    // questions to weigh them by: a brief, recommended from. Not one made of a compared name
    // ("does tesla use pytorch or tf" is no "existing PyTorch code").
    if (!aspect && briefBesideNames(u)) return describeReading(k, u);
    return { intent: "compare", techs, aspect, ...withWant };
  }
  // "what data is the jax sample code written for": a topic named in more words than any aspect
  // ("code sample" over "sample") is what is asked, whoever it is about.
  const topAspect = strong(u.aspects)[0];
  const topicWords = topic
    ? Math.max(
        0,
        ...u.spans.filter((s) => s.kind === "topic" && s.id === topic.id).map((s) => s.end - s.start),
      )
    : 0;
  if (
    topic &&
    topicWords >= 2 &&
    techs.length <= 1 &&
    !need &&
    !u.cues.has("compare") &&
    (!topAspect || topic.score > topAspect.score)
  )
    return { intent: "topic", topic: topic.id };
  const [tech] = techs;
  if (tech) {
    // "vs tf?", "add tf too", "and tf?" after a comparison: the same comparison, one more technology.
    const before = focus.technologies.filter((t) => t !== tech);
    const extends_ = u.cues.has("extend") || (u.cues.has("followUp") && before.length >= 2);
    if (before.length && (u.cues.has("compare") || extends_)) {
      return { intent: "compare", techs: [...before, tech], aspect: aspect ?? focus.aspect, ...withWant };
    }
    // One technology against the others; but "PyTorch 2 vs PyTorch 1.x" compares its versions, a
    // fact, and "tf latency for small vs large models" compares two things about one technology.
    if (u.cues.has("compare") && u.techMentions < 2 && !comparesOtherThings(u)) {
      return { intent: "compare", techs: [tech, ...all.filter((t) => t !== tech)], aspect, ...withWant };
    }
    if (aspects.length)
      return {
        intent: "fact",
        tech,
        aspects: withCloserFact(k, u, tech, aspects),
        trouble: u.cues.has("trouble"),
      };
    if (need) return needOf(need.id);
    // "and TensorFlow?" after a fact question: the same aspect, for the new technology; so is
    // "no sorry, I meant tf", which corrects the technology the last question was about.
    if (focus.aspect && (u.cues.has("followUp") || u.cues.has("correction") || u.tokens.length <= 3)) {
      return { intent: "fact", tech, aspects: [focus.aspect], trouble: false };
    }
    const found = retrieveAspect(k.facts, u.tokens, [tech], k.idStems);
    // One common word shared ("is keras part of tf": "part") picks no fact; the profile answers.
    const shared = found
      ? factMatch(k.facts, u.tokens, tech, found.aspect, k.idStems).stems
      : new Set<string>();
    const telling = shared.size >= 2 || [...shared].some((s) => rareInFacts(k.facts, s));
    if (found && telling) return { intent: "fact", tech, aspects: [found.aspect], trouble: false };
    return { intent: "profile", tech, unmatched: unmatchedWords(k, u) };
  }

  if (aspects.length) {
    if (focus.technologies.length === 1 && focus.technologies[0]) {
      return { intent: "fact", tech: focus.technologies[0], aspects, trouble: false };
    }
    const group = focus.technologies.length >= 2 && !superlative ? focus.technologies : all;
    if (need && !hasWinner(k, group, aspect, want)) return needOf(need.id);
    return { intent: "compare", techs: group, aspect, ...withWant };
  }
  if (topic) return { intent: "topic", topic: topic.id };
  if (need) return needOf(need.id, null);
  const found =
    u.unknown.length === 0
      ? retrieveAspect(k.facts, u.tokens, [], k.idStems, MIN_OPEN_RETRIEVAL_SCORE, 2)
      : null;
  if (found) return { intent: "compare", techs: all, aspect: found.aspect };
  if (u.unknown.length > 0)
    return { intent: "unknown-technology", names: u.unknown, techs: oursBeside(k, u, techs), aspect };
  if (u.cues.has("help") || u.cues.has("greeting")) return { intent: "help", asked: u.cues.has("help") };
  if (u.cues.has("compare")) return { intent: "compare", techs: all, aspect: null };
  // "python generalists", "a cloud api": an answer the guided questions know, said on its own.
  if (statesAnswer) return describeReading(k, u);
  return { intent: "off-topic", asked: false };
}

/** Technologies named right after a negator ("for pytorch, not tf", "without tf"). */
function negatedTechs(u: Understanding): Set<string> {
  const out = new Set<string>();
  for (const s of u.spans) {
    const before = u.tokens[s.start - 1]?.raw ?? "";
    if (s.kind === "tech" && NEGATORS.has(before)) out.add(s.id);
  }
  return out;
}

/**
 * True when the message's content words, two or more, are all in the statement of this fact
 * ("web build" in "WASM builds for the web"). One word alone ("memory?") names an aspect of its own.
 */
function heldByFact(k: Knowledge, u: Understanding, tech: string, aspect: string): boolean {
  const fact = k.facts.docs.find((d) => d.tech === tech && d.aspect === aspect);
  if (!fact) return false;
  const words = u.tokens.filter((t) => !STOPWORDS.has(t.raw) && !k.rawCues.has(t.raw));
  return words.length >= 2 && words.every((t) => fact.stems.has(t.stem));
}

/**
 * "what's the bottom line recommendation", "the page's overall verdict?": the source's own advice
 * (`meta.adviceTopic`), named in words of its own ("bottom line", "default choice"), not only in
 * the words that ask for advice ("recommend a sci-fi book", "which framework has the slowest
 * builds?"), with no team described and nobody asking for themselves ("what do you recommend").
 */
function asksSourceAdvice(k: Knowledge, u: Understanding, techs: string[]): boolean {
  const cueAt = new Set<number>();
  for (const s of u.spans)
    if (s.kind === "cue" && (s.id === "recommend" || s.id === "which"))
      for (let i = s.start; i < s.end; i++) cueAt.add(i);
  const ownWords = (s: (typeof u.spans)[number]) =>
    u.tokens
      .slice(s.start, s.end)
      .some((t, i) => !cueAt.has(s.start + i) && !k.nounStems.has(t.stem) && !STOPWORDS.has(t.raw));
  const advice = u.spans.filter((s) => s.kind === "topic" && s.id === k.dataset.meta.adviceTopic);
  // A need read from the topic's own words ("default choice") is no constraint of a team.
  const inAdvice = (at: number) => advice.some((s) => s.start <= at && at < s.end);
  const outside = [...u.options.values(), ...u.needs].filter(
    (c) => c.score >= MIN_SCORE && !inAdvice(c.start),
  );
  return (
    advice.some(ownWords) &&
    outside.length === 0 &&
    techs.length === 0 &&
    !u.tokens.some((t) => FIRST_PERSON.has(t.raw) || ADDRESSEE.has(t.raw))
  );
}
