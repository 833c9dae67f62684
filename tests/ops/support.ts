import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { textInput } from "../../src/engine/input.js";
import { compile, type Knowledge, loadDataset } from "../../src/index.js";
import type { TurnRequest } from "../../src/runtime/conversations.js";
import { createLogger, type Logger } from "../../src/runtime/logger.js";

let knowledge: Knowledge | undefined;
export function knowledgeForTests(): Knowledge {
  knowledge ??= compile(loadDataset(fileURLToPath(new URL("../../data", import.meta.url))));
  return knowledge;
}

/** A real (redacting) logger whose JSON lines are kept for assertions. */
export function capturingLogger(level = "debug"): {
  log: Logger;
  lines: () => Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level, destination: sink });
  return {
    log,
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

let seq = 0;
/** A turn from `userId` in a thread of its own. */
export function request(text: string, userId?: string, extra: Partial<TurnRequest> = {}): TurnRequest {
  seq += 1;
  return { platform: "test", key: `test:thread-${seq}`, input: textInput(text), userId, ...extra };
}
