import type { Knowledge } from "./knowledge.js";
import { optionKey } from "./knowledge.js";
import { type ConversationState, initialState } from "./state.js";

/**
 * A stored state may be older than the dataset (conversations live for days): drop every
 * reference the current dataset no longer has, so no answer names a vanished technology.
 */
export function checkedState(k: Knowledge, raw: unknown): ConversationState {
  if (typeof raw !== "object" || raw === null || (raw as ConversationState).version !== 1)
    return initialState();
  const s = raw as Partial<ConversationState>;
  const tech = (t: unknown): t is string => typeof t === "string" && k.tech.has(t);
  const focus = s.focus ?? { technologies: [], aspect: null };
  const flow = s.flow && typeof s.flow === "object" ? s.flow : null;
  const answers: Record<string, string> = {};
  for (const [q, o] of Object.entries(flow?.answers ?? {})) {
    if (k.question.has(q) && (o === "skip" || k.option.has(optionKey(q, String(o))))) answers[q] = String(o);
  }
  const last = s.lastRecommendation;
  return {
    version: 1,
    focus: {
      technologies: Array.isArray(focus.technologies) ? focus.technologies.filter(tech) : [],
      aspect: typeof focus.aspect === "string" && k.aspect.has(focus.aspect) ? focus.aspect : null,
      recent: Array.isArray(focus.recent) ? focus.recent.filter(tech).slice(0, 3) : [],
    },
    flow: flow
      ? {
          answers,
          history: Array.isArray(flow.history) ? flow.history.filter((q) => q in answers) : [],
          current: typeof flow.current === "string" && k.question.has(flow.current) ? flow.current : null,
          asked: Array.isArray(flow.asked)
            ? flow.asked.filter((q) => typeof q === "string" && k.question.has(q))
            : [],
          needs: Array.isArray(flow.needs)
            ? flow.needs.filter((n) => typeof n === "string" && k.need.has(n))
            : [],
        }
      : null,
    lastRecommendation:
      last && Array.isArray(last.ranking) && last.ranking.every((r) => tech(r?.tech))
        ? {
            ranking: last.ranking,
            answers: { ...(last.answers ?? {}) },
            needs: Array.isArray(last.needs)
              ? last.needs.filter((n) => typeof n === "string" && k.need.has(n))
              : [],
          }
        : null,
    // Choice ids are re-validated when picked (a stale one gets "no longer valid"): keep strings only.
    offered: Array.isArray(s.offered) ? s.offered.filter((c) => typeof c === "string").slice(0, 25) : [],
    more: checkedMore(s.more),
  };
}

/** The folded rest of a reply, if it still has the shape the engine wrote. */
function checkedMore(raw: unknown): ConversationState["more"] {
  if (typeof raw !== "object" || raw === null) return null;
  const more = raw as NonNullable<ConversationState["more"]>;
  if (!Array.isArray(more.blocks) || !Array.isArray(more.sources)) return null;
  const blocks = more.blocks.filter((b) => typeof b === "object" && b !== null && typeof b.kind === "string");
  return blocks.length
    ? {
        title: typeof more.title === "string" ? more.title : null,
        blocks,
        sources: more.sources.filter((x) => typeof x === "string"),
      }
    : null;
}
