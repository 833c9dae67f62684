import type { MessageRef, PlatformAdapter } from "./contract.js";

/** A question the bot posted whose buttons are still live. */
export interface Prompt {
  // biome-ignore lint/suspicious/noExplicitAny: prompts of every adapter share one record.
  adapter: PlatformAdapter<any, any>;
  place: unknown;
  message: MessageRef;
}

/**
 * The last question posted per conversation, so the next one can retire its buttons. In-process
 * and bounded (the oldest conversations are forgotten): retiring buttons is cosmetic, a click on
 * a forgotten one is handled as a stale click.
 */
export class Prompts {
  private readonly byKey = new Map<string, Prompt>();

  constructor(private readonly max = 1000) {}

  remember(key: string, prompt: Prompt): void {
    this.byKey.delete(key);
    this.byKey.set(key, prompt);
    if (this.byKey.size > this.max) {
      const oldest = this.byKey.keys().next().value;
      if (oldest !== undefined) this.byKey.delete(oldest);
    }
  }

  /**
   * Forgets and returns the conversation's prompt, unless it is one of `keep` (the message just
   * clicked or just posted, which are edited or kept by the caller); those are forgotten only.
   */
  take(key: string, keep: ReadonlyArray<string | undefined>): Prompt | undefined {
    const prompt = this.byKey.get(key);
    if (!prompt) return undefined;
    this.byKey.delete(key);
    return keep.includes(prompt.message.id) ? undefined : prompt;
  }
}
