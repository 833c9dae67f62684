import type { Knowledge } from "../src/engine/knowledge.js";
import type { Config } from "../src/runtime/config.js";
import type { Conversations } from "../src/runtime/conversations.js";
import type { Logger } from "../src/runtime/logger.js";

/** What the composition root hands every platform adapter. */
export interface PlatformDeps {
  config: Config;
  conversations: Conversations;
  /** For dataset-driven UI only (autocomplete lists); adapters never interpret it. */
  knowledge: Knowledge;
  log: Logger;
}

/** A started platform connection, as the composition root and /readyz see it. */
export interface RunningPlatform {
  readonly name: string;
  /** Connected and able to answer. */
  isReady(): boolean;
  /** Stop taking events, finish what is in flight, disconnect. */
  stop(): Promise<void>;
}
