import {
  type Choice,
  type ConversationState,
  choiceInput,
  initialState,
  type Knowledge,
  newAnswerId,
  type Reply,
  replyKind,
  respond,
  type TurnInput,
  textInput,
  toPlainText,
} from "../../src/index.js";
import { shortcodesToEmoji } from "../shared/emoji.js";

/** The CLI's JSON contract: one object per question, other tools rely on these field names. */
export interface AnswerJson {
  intent: string;
  technologies: string[];
  aspect: string | null;
  pick: string | null;
  text: string;
  sources: string[];
  /** The reply's buttons in display order (the numbers a user can type), possibly empty. */
  choices: { id: string; label: string }[];
  /**
   * A fresh id for a reply that answers a question (one a chat platform would show with
   * feedback buttons), else null. The CLI records nothing: the id only names the answer.
   */
  answer_id: string | null;
}

/** Every choice of a reply, in the order renderers number them. */
export function replyChoices(reply: Reply): Choice[] {
  return reply.blocks.flatMap((b) => (b.kind === "choices" ? b.choices : []));
}

export function toJson(reply: Reply): AnswerJson {
  return {
    intent: reply.intent,
    technologies: reply.technologies,
    aspect: reply.aspect,
    pick: reply.pick,
    text: toPlainText(reply),
    sources: reply.sources.map((s) => s.id),
    choices: replyChoices(reply).map(({ id, label }) => ({ id, label })),
    answer_id: replyKind(reply.intent, null) === "answer" ? newAnswerId() : null,
  };
}

/** Answers one question in a fresh conversation. */
export function askOnce(k: Knowledge, question: string): Reply {
  return respond(k, initialState(), textInput(shortcodesToEmoji(question))).reply;
}

/**
 * Lines of a stream: only "\n" (with an optional "\r" before it) ends a line, so a lone carriage
 * return inside a question never splits it and output lines keep pairing with input lines.
 */
export async function* lines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  let pending = "";
  input.setEncoding?.("utf8");
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    pending += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    let end = pending.indexOf("\n");
    while (end >= 0) {
      yield pending.slice(0, end).replace(/\r$/, "");
      pending = pending.slice(end + 1);
      end = pending.indexOf("\n");
    }
  }
  if (pending) yield pending.replace(/\r$/, "");
}

/**
 * `stackwise ask --json` with no question: one JSON line out per stdin line. Each line is a fresh
 * conversation, or with `thread` all lines are one conversation, where a bare number picks that
 * numbered choice of the previous reply, as in the chat.
 */
export async function askBatch(
  k: Knowledge,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  options: { thread?: boolean } = {},
): Promise<void> {
  let state: ConversationState = initialState();
  let choices: Choice[] = [];
  for await (const line of lines(input)) {
    if (!options.thread) {
      output.write(`${JSON.stringify(toJson(askOnce(k, line)))}\n`);
      continue;
    }
    const picked = /^\s*\d{1,2}\s*$/.test(line) ? choices[Number(line.trim()) - 1] : undefined;
    const turnInput: TurnInput = picked ? choiceInput(picked.id) : textInput(shortcodesToEmoji(line));
    const result = respond(k, state, turnInput);
    state = result.state;
    choices = replyChoices(result.reply);
    output.write(`${JSON.stringify(toJson(result.reply))}\n`);
  }
}
