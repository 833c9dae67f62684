import type { Dataset } from "../dataset/schema.js";

/** A dataset plus the indices the engine builds once at start-up (pure, no I/O). */
export interface Knowledge {
  dataset: Dataset;
}

export function compile(dataset: Dataset): Knowledge {
  return { dataset };
}
