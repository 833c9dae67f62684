/**
 * A team's answers combined into one result (issue 13, "Team decisions"). Pure: no I/O, no
 * platform, no topic words; everything it knows comes from the dataset's guided flow.
 *
 * How the answers are combined:
 * - each member's answers are scored exactly as in the one-person flow (`score()`: the prior plus
 *   every answered option's weights);
 * - a member who answered fewer than the flow's `minAnswersToRecommend` questions has no ranking
 *   of their own and abstains ("too few answers");
 * - every other member's ranking (the one-person flow's, whose ties go to the source's default)
 *   gives Borda points: with n options, first place n-1 points, last 0;
 * - the team ranking orders by Borda points, ties broken by the summed scores of the voting
 *   members, then by the source's default (the prior's weights), then by dataset order.
 */
import type { Knowledge } from "../knowledge.js";
import { optionKey } from "../knowledge.js";
import { score } from "../scoring.js";

/** One member's answers: question id -> option id, or "skip" for "not sure". */
export interface MemberAnswers {
  /** The member's platform-neutral id (what the caller uses to tell members apart). */
  member: string;
  answers: Record<string, string>;
}

/** One member as the team result sees them. */
export interface MemberResult {
  member: string;
  /** Questions answered with an option (not "not sure"). */
  answered: number;
  /** Their own top option, or null when they abstain. */
  pick: string | null;
  /** True when they answered too few questions for a ranking of their own. */
  abstains: boolean;
}

/** One option of the team ranking. */
export interface TeamRank {
  tech: string;
  /** Borda points summed over the voting members. */
  points: number;
  /** The voting members' scores summed: the first tie-break. */
  score: number;
}

/** A question every member who answered it answered the same way (at least two did). */
export interface Agreement {
  question: string;
  option: string;
  /** How many members chose it. */
  members: number;
}

/** A question on which members chose different options. */
export interface Split {
  question: string;
  /** Each option chosen, most chosen first, with who chose it. */
  options: { option: string; members: string[] }[];
}

/**
 * The smallest change found that would move the team's pick: `members` voting members (named in
 * `who`) switching `question` to `option` would make `winner` lead.
 */
export interface Swing {
  question: string;
  option: string;
  members: number;
  who: string[];
  winner: string;
}

/** How the leading option got its lead: Borda points alone, the summed scores, or the source's default. */
export type DecidedBy = "points" | "score" | "default" | "order";

/** The team's combined answer. */
export interface TeamResult {
  /** Highest first; empty when nobody votes. */
  ranking: TeamRank[];
  /** The team's pick, or null when every member abstains. */
  pick: string | null;
  decidedBy: DecidedBy | null;
  members: MemberResult[];
  /** Members with a ranking of their own. */
  voters: number;
  agreements: Agreement[];
  splits: Split[];
  swing: Swing | null;
}

const SKIP = "skip";

/** The answers that name a real option of the flow (unknown ids and "not sure" dropped). */
function validAnswers(k: Knowledge, answers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of k.dataset.flow.questions) {
    const a = answers[q.id];
    if (a && a !== SKIP && k.option.has(optionKey(q.id, a))) out[q.id] = a;
  }
  return out;
}

/**
 * Borda points of one member's ranking (as the one-person flow ranks it, its ties already broken
 * by the source's default): first place n-1 points, last 0.
 */
function bordaPoints(ranked: string[]): Map<string, number> {
  const n = ranked.length;
  return new Map(ranked.map((tech, place) => [tech, n - 1 - place] as const));
}

interface Ballot {
  member: string;
  answers: Record<string, string>;
  scores: Map<string, number>;
  points: Map<string, number>;
  pick: string;
}

function ballot(k: Knowledge, member: string, answers: Record<string, string>): Ballot {
  const ranked = score(k, answers).ranking;
  const scores = new Map(ranked.map((r) => [r.tech, r.score] as const));
  return {
    member,
    answers,
    scores,
    points: bordaPoints(ranked.map((r) => r.tech)),
    pick: ranked[0]?.tech as string,
  };
}

/** The team ranking of a set of ballots, and what decided its lead. */
function teamRanking(k: Knowledge, ballots: Ballot[]): { ranking: TeamRank[]; decidedBy: DecidedBy | null } {
  if (ballots.length === 0) return { ranking: [], decidedBy: null };
  const prior = k.dataset.flow.prior.weights;
  const rows = k.techIds.map((tech, i) => ({
    tech,
    i,
    points: ballots.reduce((s, b) => s + (b.points.get(tech) ?? 0), 0),
    score: ballots.reduce((s, b) => s + (b.scores.get(tech) ?? 0), 0),
  }));
  rows.sort(
    (a, b) =>
      b.points - a.points || b.score - a.score || (prior[b.tech] ?? 0) - (prior[a.tech] ?? 0) || a.i - b.i,
  );
  const [first, second] = rows;
  let decidedBy: DecidedBy = "points";
  if (first && second && first.points === second.points) {
    decidedBy =
      first.score !== second.score
        ? "score"
        : (prior[first.tech] ?? 0) !== (prior[second.tech] ?? 0)
          ? "default"
          : "order";
  }
  return { ranking: rows.map(({ tech, points, score }) => ({ tech, points, score })), decidedBy };
}

function agreementsAndSplits(
  k: Knowledge,
  members: { member: string; answers: Record<string, string> }[],
): { agreements: Agreement[]; splits: Split[] } {
  const agreements: Agreement[] = [];
  const splits: Split[] = [];
  for (const q of k.dataset.flow.questions) {
    const byOption = new Map<string, string[]>();
    for (const m of members) {
      const a = m.answers[q.id];
      if (a) byOption.set(a, [...(byOption.get(a) ?? []), m.member]);
    }
    const options = [...byOption].map(([option, who]) => ({ option, members: who }));
    if (options.length === 1 && (options[0]?.members.length ?? 0) >= 2) {
      const only = options[0] as { option: string; members: string[] };
      agreements.push({ question: q.id, option: only.option, members: only.members.length });
    } else if (options.length > 1) {
      // Most chosen first; equal counts keep the flow's option order.
      const order = q.options.map((o) => o.id);
      options.sort(
        (a, b) => b.members.length - a.members.length || order.indexOf(a.option) - order.indexOf(b.option),
      );
      splits.push({ question: q.id, options });
    }
  }
  return { agreements, splits };
}

/**
 * The fewest voting members who, each changing one answer (the same question to the same option),
 * would make another option lead. For every question, option and challenger, the members whose
 * switch helps the challenger most against the current pick switch first (greedy), one at a time,
 * until the challenger leads; the smallest such group over all of them wins (ties: the flow's
 * question order). Members who already chose that option are never counted.
 */
function findSwing(k: Knowledge, ballots: Ballot[], pick: string): Swing | null {
  let best: Swing | null = null;
  for (const q of k.dataset.flow.questions) {
    for (const o of q.options) {
      const movable = ballots.filter((b) => b.answers[q.id] !== o.id);
      if (movable.length === 0) continue;
      const switched = new Map(
        movable.map((b) => [b.member, ballot(k, b.member, { ...b.answers, [q.id]: o.id })] as const),
      );
      for (const challenger of k.techIds) {
        if (challenger === pick) continue;
        const gain = (b: Ballot) => {
          const after = switched.get(b.member) as Ballot;
          const d = (x: Ballot) => (x.points.get(challenger) ?? 0) - (x.points.get(pick) ?? 0);
          return d(after) - d(b);
        };
        const order = [...movable].filter((b) => gain(b) > 0).sort((a, b) => gain(b) - gain(a));
        const limit = best ? best.members - 1 : order.length;
        const current = new Map(ballots.map((b) => [b.member, b] as const));
        for (let n = 1; n <= Math.min(limit, order.length); n++) {
          const who = order[n - 1] as Ballot;
          current.set(who.member, switched.get(who.member) as Ballot);
          const { ranking } = teamRanking(k, [...current.values()]);
          if (ranking[0]?.tech === challenger) {
            best = {
              question: q.id,
              option: o.id,
              members: n,
              who: order.slice(0, n).map((b) => b.member),
              winner: challenger,
            };
            break;
          }
        }
      }
    }
  }
  return best;
}

/**
 * Combines every member's answers into the team's result (see the file's comment for the rules).
 * Members are reported in the order given; unknown question or option ids count as unanswered.
 */
export function aggregate(k: Knowledge, memberAnswers: MemberAnswers[]): TeamResult {
  const min = k.dataset.flow.minAnswersToRecommend;
  const cleaned = memberAnswers.map((m) => ({ member: m.member, answers: validAnswers(k, m.answers) }));
  const ballots: Ballot[] = [];
  const members: MemberResult[] = cleaned.map((m) => {
    const answered = Object.keys(m.answers).length;
    if (answered < min) return { member: m.member, answered, pick: null, abstains: true };
    const b = ballot(k, m.member, m.answers);
    ballots.push(b);
    return { member: m.member, answered, pick: b.pick, abstains: false };
  });
  const { ranking, decidedBy } = teamRanking(k, ballots);
  const pick = ranking[0]?.tech ?? null;
  return {
    ranking,
    pick,
    decidedBy,
    members,
    voters: ballots.length,
    ...agreementsAndSplits(k, cleaned),
    swing: pick ? findSwing(k, ballots, pick) : null,
  };
}

/** A reason behind the team's pick: an answer many members gave that weighs toward it. */
export interface TeamReason {
  /** "prior" or the question id. */
  from: string;
  option: string | null;
  /** Members who gave the answer (0 for the prior). */
  members: number;
  rationale: string;
  sources: string[];
}

/**
 * The answers that pushed the team's pick most (members who gave it × the option's weight for
 * the pick), strongest first, at most `limit`; the source's starting point when nothing else did.
 */
export function teamReasons(
  k: Knowledge,
  memberAnswers: MemberAnswers[],
  pick: string,
  limit = 3,
): TeamReason[] {
  const counts = new Map<string, number>();
  for (const m of memberAnswers)
    for (const [q, o] of Object.entries(validAnswers(k, m.answers))) {
      const key = optionKey(q, o);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const reasons = [...counts]
    .map(([key, members]) => {
      const option = k.option.get(key);
      const [question = "", id = ""] = key.split("/");
      return { key, question, id, members, option, push: members * (option?.weights[pick] ?? 0) };
    })
    .filter((r) => r.option && r.push > 0)
    .sort((a, b) => b.push - a.push || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((r) => ({
      from: r.question,
      option: r.id,
      members: r.members,
      rationale: r.option?.rationale ?? "",
      sources: r.option?.sources ?? [],
    }));
  if (reasons.length > 0) return reasons;
  const prior = k.dataset.flow.prior;
  return [{ from: "prior", option: null, members: 0, rationale: prior.rationale, sources: prior.sources }];
}

/**
 * The team's common answers: per question, the option most members chose; a question nobody
 * answered, or one split evenly at the top, stays "not sure". The team's context for follow-up
 * questions ("why not …?", "what would change it?"), which the engine reasons about as one
 * person's answers.
 */
export function commonAnswers(k: Knowledge, memberAnswers: MemberAnswers[]): Record<string, string> {
  const out: Record<string, string> = {};
  const cleaned = memberAnswers.map((m) => validAnswers(k, m.answers));
  for (const q of k.dataset.flow.questions) {
    const counts = new Map<string, number>();
    for (const a of cleaned) {
      const o = a[q.id];
      if (o) counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
    out[q.id] = first && (!second || second[1] < first[1]) ? first[0] : SKIP;
  }
  return out;
}
