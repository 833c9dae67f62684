/**
 * A team decision's state changes, pure: start, a member's submission, close. The decision desk
 * loads, applies one of these and saves with the store's version check.
 */
import { randomBytes } from "node:crypto";
import type { Decision } from "../../runtime/store/decision-types.js";

/** At most this many members answer one decision (issue 13, "Limits"). */
export const MAX_PARTICIPANTS = 50;
/** Submission ids remembered per decision, so a retried delivery counts once. */
const APPLIED_KEPT = 200;

/** A new, open decision with no answers yet. `topic` must already be cleaned. */
export function newDecision(fields: {
  platform: string;
  channelKey: string;
  topic: string;
  startedBy: string;
  starterName: string;
  anonymous: boolean;
  now: number;
}): Decision {
  return {
    version: 1,
    id: randomBytes(6).toString("hex"),
    platform: fields.platform,
    channelKey: fields.channelKey,
    threadKey: null,
    cardId: null,
    topic: fields.topic,
    startedBy: fields.startedBy,
    starterName: fields.starterName,
    anonymous: fields.anonymous,
    status: "open",
    createdAt: fields.now,
    closedAt: null,
    closedBy: null,
    members: [],
    applied: [],
  };
}

/**
 * What a submission did: added a member, replaced a member's answers, nothing (a retried delivery
 * of one already applied), or was refused (the decision is closed or full).
 */
export type SubmitOutcome = "added" | "replaced" | "duplicate" | "closed" | "full";

/** A member's answers (question id -> option id or "skip"), applied to a copy of the decision. */
export function submit(
  d: Decision,
  s: { user: string; name: string; answers: Record<string, string>; submissionId: string; now: number },
): { decision: Decision; outcome: SubmitOutcome } {
  if (d.applied.includes(s.submissionId)) return { decision: d, outcome: "duplicate" };
  if (d.status === "closed") return { decision: d, outcome: "closed" };
  const at = d.members.findIndex((m) => m.user === s.user);
  if (at < 0 && d.members.length >= MAX_PARTICIPANTS) return { decision: d, outcome: "full" };
  const member = { user: s.user, name: s.name, answers: s.answers, at: s.now };
  const members = [...d.members];
  if (at < 0) members.push(member);
  else members[at] = member;
  const applied = [...d.applied, s.submissionId].slice(-APPLIED_KEPT);
  return { decision: { ...d, members, applied }, outcome: at < 0 ? "added" : "replaced" };
}

/** The decision closed by `user` now (closing twice keeps the first close). */
export function close(d: Decision, user: string, now: number): Decision {
  if (d.status === "closed") return d;
  return { ...d, status: "closed", closedAt: now, closedBy: user };
}
