import type { Block } from "../reply/model.js";

/**
 * Conversation state: a plain JSON-serialisable object, one per thread. Stores persist it as-is,
 * so every field must survive JSON.stringify/parse and old versions must stay readable.
 */

export interface FlowState {
  /** questionId -> optionId, or "skip" when the user was not sure. */
  answers: Record<string, string>;
  /** Questions in the order they were answered or skipped, for "back". */
  history: string[];
  /** The question awaiting an answer; null once the result was given. */
  current: string | null;
  /** Questions shown, in order (the last is `current`): "back" returns to the one before. */
  asked?: string[];
  /** Needs read from the description that started the flow (need ids): they weigh in the result. */
  needs?: string[];
}

export interface RankedTech {
  tech: string;
  score: number;
}

export interface ConversationState {
  version: 1;
  /** What the last answer was about, so "and TensorFlow?" and "what about its memory?" resolve. */
  focus: {
    technologies: string[];
    aspect: string | null;
    /** Technologies named lately, newest first, so "compare them" can mean the last two. */
    recent?: string[];
  };
  flow: FlowState | null;
  /** Choice ids of the last reply, in display order, so a typed "2" picks the second. */
  offered?: string[];
  /** The part of the last reply folded behind "More" (the engine's own text, never the user's). */
  more?: { title: string | null; blocks: Block[]; sources: string[] } | null;
  /** The last recommendation, so "why not JAX?" can be explained. */
  lastRecommendation: {
    ranking: RankedTech[];
    answers: Record<string, string>;
    /** Needs read from a description (need ids), which weighed in besides the answers. */
    needs?: string[];
  } | null;
}

export function initialState(): ConversationState {
  return { version: 1, focus: { technologies: [], aspect: null }, flow: null, lastRecommendation: null };
}
