import { loadDataset } from "../../src/dataset/load.js";
import { choiceInput, textInput } from "../../src/engine/input.js";
import { compile, type Knowledge } from "../../src/engine/knowledge.js";
import { respond } from "../../src/engine/respond.js";
import { type ConversationState, initialState } from "../../src/engine/state.js";
import type { Choice, Reply } from "../../src/reply/model.js";
import { toPlainText } from "../../src/reply/plain-text.js";

let cached: Knowledge | undefined;
/** The real dataset, compiled once per test file. */
export function knowledge(): Knowledge {
  cached ??= compile(loadDataset("data"));
  return cached;
}

/** What a user reads, whitespace folded, lower-cased: assertions look for facts in it. */
export function readable(reply: Reply): string {
  return toPlainText(reply).replace(/\s+/g, " ").toLowerCase();
}

export function ask(question: string, k: Knowledge = knowledge()): Reply {
  return respond(k, initialState(), textInput(question)).reply;
}

/** A conversation in one thread: each say() / click() is a turn, state carried between them. */
export class Chat {
  state: ConversationState = initialState();
  last!: Reply;
  constructor(readonly k: Knowledge = knowledge()) {}

  say(text: string): Reply {
    const r = respond(this.k, this.state, textInput(text));
    // The state must survive a store round trip unchanged.
    this.state = JSON.parse(JSON.stringify(r.state)) as ConversationState;
    this.last = r.reply;
    return r.reply;
  }

  click(id: string): Reply {
    const r = respond(this.k, this.state, choiceInput(id));
    this.state = JSON.parse(JSON.stringify(r.state)) as ConversationState;
    this.last = r.reply;
    return r.reply;
  }

  /** The choices the last reply offered. */
  choices(): Choice[] {
    return this.last.blocks.flatMap((b) => (b.kind === "choices" ? b.choices : []));
  }

  /** Clicks the offered choice whose label matches. */
  pick(label: RegExp): Reply {
    const choice = this.choices().find((c) => label.test(c.label));
    if (!choice)
      throw new Error(
        `no choice matching ${label} in: ${this.choices()
          .map((c) => c.label)
          .join(" | ")}`,
      );
    return this.click(choice.id);
  }
}
