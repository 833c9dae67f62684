/**
 * A team decision as replies of the platform-neutral model: the card (in the channel, edited in
 * place), the form (answered privately), the record (posted in the thread when it closes) and
 * the channel's list of records. Plain text throughout: each renderer escapes it, so a topic
 * holding mention syntax stays inert.
 */

import type { Knowledge } from "../../engine/knowledge.js";
import { aggregate, type MemberAnswers, type TeamResult, teamReasons } from "../../engine/team/aggregate.js";
import type { Block, Choice, FormBlock, Reply, Source } from "../../reply/model.js";
import type { Decision, DecisionSummary } from "../../runtime/store/decision-types.js";

/** Choice ids of the card's buttons and of a form's submission: "decision:<id>:<what>". */
export const decisionChoice = (id: string, what: "answer" | "close") => `decision:${id}:${what}`;
/** The form block id of a decision's form: its submission names the decision. */
export const formId = (id: string) => `decision:${id}`;

/** The parts of a decision choice id, or null for any other id. */
export function parseDecisionChoice(choice: string): { id: string; what: "answer" | "close" } | null {
  const m = /^decision:([0-9a-f]{6,32}):(answer|close)$/.exec(choice);
  return m ? { id: m[1] as string, what: m[2] as "answer" | "close" } : null;
}

/** Shown as the option for leaving a question unanswered. */
export const NOT_SURE = "Not sure";

/** How the card says the answers were combined, for a dataset of `n` options. */
const how = (n: number, min: number) =>
  `How it is combined: each member's ranking gives Borda points (${Array.from(
    { length: n },
    (_, i) => n - 1 - i,
  )
    .map((p, i) => (i === 0 ? `first place ${p}` : i === n - 1 ? `last ${p}` : `then ${p}`))
    .join(
      ", ",
    )}); a tie goes to the summed scores, then to the source's default. Members with fewer than ${min} answers abstain.`;

const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const count = (n: number) => WORDS[n] ?? String(n);

const base = (intent: string, title: string, blocks: Block[], visibility: Reply["visibility"] = "public") =>
  ({
    intent,
    title,
    visibility,
    technologies: [],
    aspect: null,
    pick: null,
    blocks,
    sources: [],
  }) satisfies Reply;

/** The members' answers as the engine takes them. */
export const ballots = (d: Decision): MemberAnswers[] =>
  d.members.map((m) => ({ member: m.user, answers: m.answers }));

function names(k: Knowledge) {
  const tech = (id: string) => k.tech.get(id)?.name ?? id;
  const topic = (q: string) => k.question.get(q)?.topic ?? q;
  const option = (q: string, o: string) =>
    k.question.get(q)?.options.find((x) => x.id === o)?.label ?? (o === "skip" ? NOT_SURE : o);
  return { tech, topic, option };
}

/** "alice, bob and carol". */
function listed(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The combined ranking, one numbered line per option (a list would number it twice). */
function rankingBlock(tech: (id: string) => string, r: TeamResult): Block {
  return {
    kind: "paragraph",
    text: r.ranking
      .map((x, i) => `${i + 1}. ${tech(x.tech)}: ${x.points} Borda points (summed score ${x.score})`)
      .join("\n"),
  };
}

/** The team's result in blocks: ranking, picks, agreements, splits, the swing. */
function resultBlocks(k: Knowledge, d: Decision, r: TeamResult): Block[] {
  const n = names(k);
  const who = new Map(d.members.map((m) => [m.user, m.name] as const));
  const blocks: Block[] = [];
  if (r.pick) {
    blocks.push({ kind: "heading", text: "Combined ranking" });
    blocks.push(rankingBlock(n.tech, r));
    blocks.push({
      kind: "paragraph",
      text: how(k.techIds.length, k.dataset.flow.minAnswersToRecommend),
    });
  } else if (d.members.length > 0) {
    blocks.push({ kind: "paragraph", text: "No ranking yet: nobody has answered enough questions." });
  }
  if (d.members.length > 0) {
    if (d.anonymous) {
      const picks = new Map<string, number>();
      let abstain = 0;
      for (const m of r.members) {
        if (m.pick) picks.set(m.pick, (picks.get(m.pick) ?? 0) + 1);
        else abstain += 1;
      }
      const items = [...picks].map(([t, c]) => `${n.tech(t)}: ${c}`);
      if (abstain > 0) items.push(`too few answers: ${abstain}`);
      blocks.push({ kind: "heading", text: "Top picks" }, { kind: "list", items });
    } else {
      blocks.push(
        { kind: "heading", text: "Top picks" },
        {
          kind: "list",
          items: r.members.map(
            (m) => `${who.get(m.member) ?? "someone"}: ${m.pick ? n.tech(m.pick) : "too few answers"}`,
          ),
        },
      );
    }
  }
  if (r.agreements.length > 0) {
    blocks.push(
      { kind: "heading", text: "Where the team agrees" },
      {
        kind: "list",
        items: r.agreements.map(
          (a) => `${n.topic(a.question)}: ${n.option(a.question, a.option)} (all ${a.members})`,
        ),
      },
    );
  }
  if (r.splits.length > 0) {
    blocks.push(
      { kind: "heading", text: "Where the team splits" },
      {
        kind: "list",
        items: r.splits.map((s) => {
          const parts = s.options.map((o) => {
            const label = n.option(s.question, o.option);
            return d.anonymous
              ? `${label} ${o.members.length}`
              : `${label} (${listed(o.members.map((u) => who.get(u) ?? "someone"))})`;
          });
          return `${n.topic(s.question)}: ${parts.join(" vs ")}`;
        }),
      },
    );
  }
  if (r.swing) {
    const s = r.swing;
    blocks.push({
      kind: "paragraph",
      text: `What would change the pick: if ${count(s.members)} of you answered ${n.topic(s.question)} = ${n.option(
        s.question,
        s.option,
      )}, ${n.tech(s.winner)} would lead.`,
    });
  }
  return blocks;
}

/** The decision card: topic, starter, state, answer count, the result so far, and its buttons while open. */
export function cardReply(k: Knowledge, d: Decision): Reply {
  const r = aggregate(k, ballots(d));
  const answered =
    d.members.length === 1 ? "1 member has answered" : `${d.members.length} members have answered`;
  const state = d.status === "open" ? "open" : "closed";
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `Started by ${d.starterName} · ${state} · ${answered}${d.anonymous ? " · anonymous" : ""}`,
    },
    ...resultBlocks(k, d, r),
  ];
  if (d.status === "open") {
    const choices: Choice[] = [
      { id: decisionChoice(d.id, "answer"), label: "Add my answers", role: "answer" },
      { id: decisionChoice(d.id, "close"), label: "Close", role: "nav" },
    ];
    blocks.push({ kind: "choices", prompt: "Answer privately; the card shows the team's result.", choices });
  } else {
    blocks.push({ kind: "paragraph", text: "This decision is closed: the record is in the thread." });
  }
  return { ...base("decision-card", `Team decision: ${d.topic}`, blocks), pick: r.pick };
}

/** Answers as a form's state code (see FormBlock.state): one base-36 digit per flow question. */
export function encodeAnswers(k: Knowledge, answers: Record<string, string>): string {
  return k.dataset.flow.questions
    .map((q) => (q.options.findIndex((o) => o.id === answers[q.id]) + 1).toString(36))
    .join("");
}

/** A form's state code back to answers; digits out of range, or missing, count as "not sure". */
export function decodeAnswers(k: Knowledge, code: string): Record<string, string> {
  const out: Record<string, string> = {};
  k.dataset.flow.questions.forEach((q, i) => {
    const n = Number.parseInt(code[i] ?? "0", 36);
    const option = Number.isInteger(n) && n > 0 ? q.options[n - 1] : undefined;
    out[q.id] = option ? option.id : "skip";
  });
  return out;
}

/**
 * The private form: one optional menu per flow question, starting from `draft` (a form half
 * filled in) or else from the member's last answers.
 */
export function formReply(k: Knowledge, d: Decision, user: string, draft?: Record<string, string>): Reply {
  const previous = draft ?? d.members.find((m) => m.user === user)?.answers ?? {};
  const form: FormBlock = {
    kind: "form",
    id: formId(d.id),
    title: "Your answers",
    submitLabel: "Submit",
    state: encodeAnswers(k, previous),
    fields: k.dataset.flow.questions.map((q) => {
      const initial = previous[q.id];
      return {
        id: q.id,
        label: q.prompt,
        options: q.options.map((o) => ({ id: o.id, label: o.label })),
        ...(initial && initial !== "skip" ? { initial } : {}),
      };
    }),
  };
  return base("decision-form", `Team decision: ${d.topic}`, [form], "asker");
}

/** The form block of a form reply. */
export const formOf = (reply: Reply): FormBlock | undefined =>
  reply.blocks.find((b): b is FormBlock => b.kind === "form");

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The record posted in the thread at closing: pick, ranking, reasons with sources, open splits, who took part, date. */
export function recordReply(k: Knowledge, d: Decision): Reply {
  const n = names(k);
  const r = aggregate(k, ballots(d));
  const blocks: Block[] = [];
  const closer =
    d.members.find((m) => m.user === d.closedBy)?.name ??
    (d.closedBy === d.startedBy ? d.starterName : "an admin");
  blocks.push({
    kind: "paragraph",
    text: r.pick
      ? `The team's pick: ${n.tech(r.pick)}. Closed by ${closer} on ${day(d.closedAt ?? d.createdAt)}.`
      : `No pick: nobody answered enough questions. Closed by ${closer} on ${day(d.closedAt ?? d.createdAt)}.`,
  });
  const sources: Source[] = [];
  if (r.pick) {
    blocks.push(rankingBlock(n.tech, r));
    const reasons = teamReasons(k, ballots(d), r.pick);
    blocks.push({ kind: "heading", text: "Why" });
    blocks.push({
      kind: "list",
      items: reasons.map((x) =>
        x.option
          ? `${n.topic(x.from)} = ${n.option(x.from, x.option)} (${x.members} of you): ${x.rationale}`
          : x.rationale,
      ),
    });
    for (const id of reasons.flatMap((x) => x.sources)) {
      const section = k.section.get(id);
      if (section && !sources.some((s) => s.id === id)) sources.push({ id, title: section.title });
    }
  }
  if (r.splits.length > 0) {
    blocks.push({ kind: "heading", text: "Still split" });
    blocks.push({
      kind: "list",
      items: r.splits.map(
        (s) =>
          `${n.topic(s.question)}: ${s.options.map((o) => `${n.option(s.question, o.option)} ${o.members.length}`).join(" vs ")}`,
      ),
    });
  }
  const people = d.anonymous
    ? `${d.members.length} members`
    : `${listed(d.members.map((m) => m.name))} (${d.members.length})`;
  blocks.push({ kind: "paragraph", text: `Took part: ${d.members.length > 0 ? people : "nobody"}.` });
  return { ...base("decision-record", `Decision record: ${d.topic}`, blocks), pick: r.pick, sources };
}

/** The channel's recent records, each with a link when the adapter can make one. */
export function listReply(records: { summary: DecisionSummary; link: string | null }[]): Reply {
  if (records.length === 0)
    return base(
      "decision-list",
      "Team decisions",
      [{ kind: "paragraph", text: "No closed decisions here yet. Start one with the decide command." }],
      "asker",
    );
  return base(
    "decision-list",
    "Recent team decisions",
    [
      {
        kind: "list",
        items: records.map(
          ({ summary, link }) => `${day(summary.closedAt)}: ${summary.topic}${link ? ` ${link}` : ""}`,
        ),
      },
    ],
    "asker",
  );
}
