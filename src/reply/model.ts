/**
 * The platform-neutral reply model. The engine speaks only this; Slack (Block Kit), Discord
 * (embeds + components) and the terminal each render it. Every string here is plain text as
 * the engine wrote it: renderers escape it for their platform.
 */

export interface Source {
  /** Section id in the dataset (stable, citable). */
  id: string;
  /** Section heading of the source document. */
  title: string;
}

/** A button or menu option. Ids are stable and short enough for Slack action values and Discord custom ids. */
export interface Choice {
  id: string;
  label: string;
  /** Navigation choices (back, skip, restart, cancel) render secondary; answers render primary. */
  role: "answer" | "nav";
}

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; caption?: string; headers: string[]; rows: string[][] }
  | { kind: "choices"; prompt: string; choices: Choice[] }
  | FormBlock;

/** One question of a form: a menu of options, one of which may be chosen (none = "not sure"). */
export interface FormField {
  /** Stable id (a flow question id): the key of the answer in a submission. */
  id: string;
  label: string;
  options: { id: string; label: string }[];
  /** The option chosen before (answering again starts from the last answers), if any. */
  initial?: string;
}

/**
 * Questions answered privately in one go (team decisions, issue 13): Slack draws it as a modal
 * with one select per field (views.open), Discord as ephemeral messages of select menus with
 * "Next" and "Submit" buttons. Every field is optional. Chat renderers show nothing of it in a
 * message; plain text lists its questions.
 */
export interface FormBlock {
  kind: "form";
  /** What the submission answers, e.g. "decision:<id>": carried back with the answers. */
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /**
   * The initial answers in one short code, for platforms that carry a half-filled form in
   * component ids (Discord): one base-36 digit per field, 0 for none, n for its n-th option.
   */
  state: string;
}

/** What a reply is about, for logs, metrics and the CLI's JSON contract. */
export interface ReplyMeta {
  intent: string;
  /** Technology ids the reply is about, most relevant first. */
  technologies: string[];
  aspect: string | null;
  /** The technology the reply recommends or declares the winner, if any. */
  pick: string | null;
}

/**
 * Who may see a reply: everyone where the question was asked, or only the person who asked or
 * clicked (Slack `chat.postEphemeral` / `response_type: "ephemeral"`, Discord's Ephemeral flag).
 */
export type Visibility = "public" | "asker";

/**
 * Buttons the dispatcher adds under a reply, apart from the reply's own choices, so they never
 * show in the CLI's `choices` nor among numbered choices. "vote": "Helpful" and "Not helpful"
 * under an answer; "note": a "What was wrong?" button that opens a text box (a modal).
 */
export interface FeedbackControls {
  /** The answer's id (AnswerRecord.id): short, URL-safe. */
  answerId: string;
  offer: "vote" | "note";
}

export interface Reply extends ReplyMeta {
  /**
   * The reply's headline, or null for none. Renderers show it as a Block Kit header, an embed
   * title, or the first line of plain text; blocks never repeat it.
   */
  title: string | null;
  visibility: Visibility;
  blocks: Block[];
  /**
   * Chat-sized replies: blocks from this index on (choices blocks excepted) are shown only after
   * the user asks for more. Chat renderers show the first part and a "More" button (`MORE_CHOICE`);
   * plain text and the CLI's JSON hold the whole reply. Absent: everything is shown.
   */
  fold?: number;
  /** Dataset sections the reply draws on, in citation order. */
  sources: Source[];
  /** Feedback buttons (set by the dispatcher, never by the engine); absent: none. */
  feedback?: FeedbackControls;
}

/** The button chat renderers add under a folded reply; the engine answers it with the rest. */
export const MORE_CHOICE: Choice = { id: "more", label: "More", role: "nav" };

/** The blocks a chat renderer shows first: those before `fold`, and every choices block. */
export function shownBlocks(reply: Reply): Block[] {
  const fold = reply.fold;
  if (fold === undefined) return reply.blocks;
  return reply.blocks.filter((b, i) => i < fold || b.kind === "choices");
}

/** Limits renderers rely on; the engine keeps within them so no platform has to truncate facts. */
export const REPLY_LIMITS = {
  choiceLabel: 75,
  choicesPerBlock: 25,
  choiceId: 90,
  tableColumns: 4,
} as const;

/** True when the reply asks a question with buttons or a menu. */
export const hasChoices = (reply: Reply): boolean => reply.blocks.some((b) => b.kind === "choices");
