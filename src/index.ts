/** Public surface of the core, for adapters: load a dataset once, then call respond() per turn. */
export { DatasetError, loadDataset } from "./dataset/load.js";
export type { Dataset } from "./dataset/schema.js";
export { choiceInput, type TurnInput, textInput } from "./engine/input.js";
export { compile, type Knowledge } from "./engine/knowledge.js";
export { respond, type TurnResult } from "./engine/respond.js";
export { type ConversationState, initialState } from "./engine/state.js";
export type { Block, Choice, Reply, ReplyMeta, Source } from "./reply/model.js";
export { REPLY_LIMITS } from "./reply/model.js";
export { toPlainText } from "./reply/plain-text.js";
