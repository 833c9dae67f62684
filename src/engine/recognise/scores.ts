import type { Scored } from "../understand.js";

/** Lowest match score that counts as the user naming an aspect, need or topic. */
export const MIN_SCORE = 3;

/** The readings scored at least MIN_SCORE. */
export const strong = (list: Scored[]) => list.filter((s) => s.score >= MIN_SCORE);
