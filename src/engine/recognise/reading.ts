import type { Direction } from "../answers/compare.js";
import type { Figure } from "../answers/marks.js";

/**
 * One way of reading a message, as plain data: what is asked and about what. The recognisers
 * produce readings, `decide` picks among them (or asks back), and `act` composes the reply of
 * the chosen ones. Nothing here is text for the user.
 *
 * Modelled on botbuilder-js `RecognizerResult`: scored intents with their entities.
 */
export type Reading =
  /** One technology on one or more aspects ("jax license"); `trouble` adds the related downsides. */
  | { intent: "fact"; tech: string; aspects: string[]; trouble: boolean }
  /** A technology named with nothing else asked; `unmatched` are words the dataset has nothing on. */
  | { intent: "profile"; tech: string; unmatched: string[] }
  /** Technologies side by side, on one aspect or the summary aspects. */
  | { intent: "compare"; techs: string[]; aspect: string | null; want?: Direction }
  /** The source's pick for a need ("best for TPUs"). */
  | { intent: "need"; need: string; techs: string[]; aspect: string | null }
  /** Which technology wins on an aspect ("which has the most downloads?"). */
  | { intent: "aspect-winner"; aspect: string; techs: string[]; want?: Direction }
  /** One technology singled out by a word only its facts contain (or lack, when `negated`). */
  | { intent: "single-out"; aspect: string; techs: string[]; pick: string; word: string; negated: boolean }
  /** "Which should we avoid for X?": the source ranks best fits only. */
  | { intent: "avoid"; need: string }
  | { intent: "no-worst" }
  /**
   * Names outside the dataset; `techs` are ours named beside them ("how does tf compare to
   * mxnet"), answered on `aspect` (or their overview) after the decline.
   */
  | { intent: "unknown-technology"; names: string[]; techs: string[]; aspect: string | null }
  /** A topic-level entry of the dataset (overall recommendation, related comparisons...). */
  | { intent: "topic"; topic: string }
  /** "Why not X?" after (or without) a recommendation; "why?" about the pick itself when X is the pick. */
  | { intent: "why-not"; tech: string }
  /**
   * "What would flip this?", "when would jax be worth it?": the answer that would change the last
   * result (toward `tech`, when one is named), and the source's own reasons to pick each.
   */
  /** `figures`: the user's own amounts, held against the source's marks ("3B params"). */
  | { intent: "what-would-change"; tech: string | null; figures?: Figure[] }
  /** A description that corrects or adds to the one the last recommendation came from. */
  | {
      intent: "revise";
      answers: Record<string, string>;
      needs: string[];
      /** Questions whose earlier answer was ruled out ("we don't use TPUs") or replaced. */
      changed: string[];
      /** The result asked for again ("so what's your pick?"), not a change: no note about changes. */
      again?: true;
    }
  /** A team or project described: the flow answers and needs read from it. */
  | {
      intent: "describe";
      answers: Record<string, string>;
      needs: string[];
      /** "no particular constraints": recommend the default without asking. */
      noConstraints: boolean;
      /** The technology whose worth for this team is asked ("is jax worth it for us?"), if any. */
      weighing?: string;
    }
  /** The menu when `asked` ("help", "what can you do?"), else a short hello (a greeting). */
  | { intent: "help"; asked: boolean }
  /** Nothing of the dataset recognised; `asked` when a request no dataset serves ("a poem"). */
  | { intent: "off-topic"; asked: boolean };

export type Intent = Reading["intent"];
