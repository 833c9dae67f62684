import { createInterface } from "node:readline";
import { textInput } from "../../src/engine/input.js";
import type { Knowledge } from "../../src/engine/knowledge.js";
import { respond } from "../../src/engine/respond.js";
import { initialState } from "../../src/engine/state.js";
import type { Reply } from "../../src/reply/model.js";
import { toPlainText } from "../../src/reply/plain-text.js";

/** The CLI's JSON contract: one object per question, other tools rely on these field names. */
export interface AnswerJson {
  intent: string;
  technologies: string[];
  aspect: string | null;
  pick: string | null;
  text: string;
  sources: string[];
}

export function toJson(reply: Reply): AnswerJson {
  return {
    intent: reply.intent,
    technologies: reply.technologies,
    aspect: reply.aspect,
    pick: reply.pick,
    text: toPlainText(reply),
    sources: reply.sources.map((s) => s.id),
  };
}

/** Answers one question in a fresh conversation. */
export function askOnce(k: Knowledge, question: string): Reply {
  return respond(k, initialState(), textInput(question)).reply;
}

/** `stackwise ask --json` with no question: one question per stdin line, one JSON line out each. */
export async function askBatch(
  k: Knowledge,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    output.write(`${JSON.stringify(toJson(askOnce(k, line)))}\n`);
  }
}
