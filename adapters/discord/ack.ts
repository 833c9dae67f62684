/**
 * A Discord interaction's one response
 * (https://discord.com/developers/docs/interactions/receiving-and-responding): it must come within
 * 3 seconds of the interaction, and only once (a second one is refused with 40060; one past 3 s,
 * or to an interaction Discord no longer knows, with 10062). Past `deadlineMs` of work the
 * interaction is deferred, and later calls edit or follow up instead of responding.
 */
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  StringSelectMenuInteraction,
} from "discord.js";
import { MessageFlags } from "discord.js";

/**
 * The interactions the bot responds to (autocomplete answers on its own; a modal submit is a
 * feedback note; a message command starts a team decision).
 */
export type AckedInteraction =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | StringSelectMenuInteraction
  | ModalSubmitInteraction;

/**
 * open: no response yet. deferred: "thinking" (a command) or a deferred update (a click) was
 * sent. done: responded. dead: Discord refused the response (expired or already answered):
 * only the channel is left.
 */
export type AckState = "open" | "deferred" | "done" | "dead";

/** One interaction's response state, and the clock that defers it in time. */
export class Ack {
  private state: AckState = "open";
  private timer: NodeJS.Timeout | undefined;
  private deferral: Promise<void> | undefined;

  constructor(
    readonly interaction: AckedInteraction,
    /** A command answered privately defers privately, so the deferred reply can become the answer. */
    readonly privately: boolean,
    private readonly onDeferFailed: (err: unknown) => void,
  ) {}

  /** A click (deferred as an update of its message) rather than a command. */
  get isClick(): boolean {
    return !this.interaction.isCommand();
  }

  /** Starts the clock: past `deadlineMs` the interaction is deferred. */
  start(deadlineMs: number): void {
    if (this.timer || this.state !== "open") return;
    this.timer = setTimeout(() => {
      const i = this.interaction;
      const defer = i.isCommand()
        ? i.deferReply(this.privately ? { flags: MessageFlags.Ephemeral } : {})
        : i.deferUpdate();
      this.deferral = defer.then(
        () => {
          this.state = "deferred";
        },
        (err: unknown) => {
          this.state = "dead";
          this.onDeferFailed(err);
        },
      );
    }, deadlineMs);
    this.timer.unref();
  }

  /**
   * Stops the clock before a response is attempted, and waits for a deferral already on its
   * way, so the clock and a response never race. Returns the state to act on.
   */
  async settle(): Promise<AckState> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.deferral;
    return this.state;
  }

  done(): void {
    this.state = "done";
  }

  dead(): void {
    this.state = "dead";
  }
}
