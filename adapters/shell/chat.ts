import { createInterface } from "node:readline/promises";
import {
  type Choice,
  Conversations,
  choiceInput,
  type Knowledge,
  type Logger,
  MemoryStore,
  type TurnInput,
  textInput,
} from "../../src/index.js";
import { shortcodesToEmoji } from "../shared/emoji.js";
import { renderTerminal } from "./render.js";

export interface ChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  log: Logger;
  /** ANSI colours and a prompt; false when piped. */
  interactive: boolean;
  maxInputChars: number;
}

const QUIT = new Set(["/quit", "/exit", "quit", "exit", ":q"]);

/** The local terminal chat: the same engine and conversation service as Slack and Discord. */
export async function runChat(k: Knowledge, options: ChatOptions): Promise<void> {
  const conversations = new Conversations(k, new MemoryStore(), options.log, {
    maxInputChars: options.maxInputChars,
  });
  const rl = createInterface({ input: options.input, output: options.output, terminal: options.interactive });
  const style = {
    color: options.interactive,
    width: Math.min(100, (options.output as { columns?: number }).columns ?? 100),
    fold: true,
  };
  const write = (s: string) => options.output.write(`${s}\n`);
  let choices: Choice[] = [];

  write(
    `Stackwise — ask about ${k.dataset.technologies.map((t) => t.name).join(", ")}. ` +
      `Try "pytorch vs tf on memory", "which is best for TPUs?" or "recommend". Type a number to pick a choice, /quit to leave.`,
  );
  rl.setPrompt("\nyou> ");
  if (options.interactive) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (QUIT.has(line.toLowerCase())) break;
    if (line) {
      const picked = /^\d{1,2}$/.test(line) ? choices[Number(line) - 1] : undefined;
      const input: TurnInput = picked ? choiceInput(picked.id) : textInput(shortcodesToEmoji(line));
      const outcome = await conversations.turn({ platform: "shell", key: "shell", input });
      if (outcome.status === "answered") {
        const rendered = renderTerminal(outcome.reply, style);
        choices = rendered.choices;
        write(`\nstackwise> ${rendered.text}`);
      }
    }
    if (options.interactive) rl.prompt();
  }
  rl.close();
}
