/**
 * The public surface of the core. adapters/ import from this file only (tests/ops/boundary
 * checks it), and nothing in src/ imports adapters/, Bolt or discord.js.
 */

// ---- the dataset and the engine
export { DatasetError, loadDataset } from "./dataset/load.js";
export type { Dataset } from "./dataset/schema.js";
export { choiceInput, type TurnInput, textInput } from "./engine/input.js";
export { compile, type Knowledge } from "./engine/knowledge.js";
export { respond, type TurnResult } from "./engine/respond.js";
export { type ConversationState, initialState } from "./engine/state.js";
// ---- feedback on answers and the review (issue 14)
export { cleanReviewText } from "./feedback/clean.js";
export { Feedback, type FeedbackOptions, newAnswerId } from "./feedback/feedback.js";
export { replyKind } from "./feedback/kinds.js";
export {
  buildReview,
  dayOf,
  intentsTable,
  loadReview,
  minuteOf,
  questionId,
  type ReviewReport,
  type ReviewTable,
  reviewTotals,
  unansweredTable,
} from "./feedback/review.js";
// ---- the platform contract and the turn pipeline
export type {
  Clicked,
  Inbound,
  Intro,
  MessageEdit,
  MessageRef,
  PlatformAdapter,
  PlatformFailure,
  Posted,
} from "./platform/contract.js";
export {
  asksForRecord,
  CLOSED_TEXT,
  DecisionDesk,
  type DecisionDeskOptions,
  type DecisionInbound,
  type DecisionRequest,
} from "./platform/decisions/desk.js";
export { formOf, parseDecisionChoice } from "./platform/decisions/render.js";
export { APOLOGY, Dispatcher, type DispatcherOptions, type DispatchResult } from "./platform/dispatch.js";
export {
  FEEDBACK_LABELS,
  type FeedbackAction,
  type FeedbackInbound,
  NOTE_MAX,
} from "./platform/feedback-turns.js";
export type { AdapterDeps, AdapterModule, HttpRoutes } from "./platform/module.js";
export { rank, type Suggestion, suggestAspects, suggestTechnologies } from "./platform/suggest.js";
// ---- replies
export type {
  Block,
  Choice,
  FeedbackControls,
  FormBlock,
  FormField,
  Reply,
  ReplyMeta,
  Source,
  Visibility,
} from "./reply/model.js";
export { hasChoices, MORE_CHOICE, REPLY_LIMITS, shownBlocks } from "./reply/model.js";
export { notice } from "./reply/notice.js";
export { textTable, toPlainText } from "./reply/plain-text.js";
export { chatBlocks } from "./reply/shown.js";
export { codePointBoundary } from "./reply/text-cut.js";
// ---- the runtime shared by every platform
export {
  type Config,
  ConfigError,
  checkEnv,
  configSchema,
  type Env,
  failOnProblems,
  loadConfig,
  optionalEnv,
  optionalUrlEnv,
  prefixedEnv,
  SHARED_SECRETS,
} from "./runtime/config.js";
export { Conversations, type ConversationsOptions, type TurnOutcome } from "./runtime/conversations.js";
export { ErrorSink } from "./runtime/errors.js";
export { createLogger, type Logger, scrubText, silentLogger, wantsPretty } from "./runtime/logger.js";
export { type ErrorKind, instrumentStore, Metrics } from "./runtime/metrics.js";
export { defaultDataDir } from "./runtime/paths.js";
export { createRateLimiter, type RateLimiter } from "./runtime/rate-limit.js";
export { createDecisionStore } from "./runtime/store/decision-create.js";
export { MemoryDecisionStore } from "./runtime/store/decision-memory.js";
export type { Decision, DecisionStore } from "./runtime/store/decision-types.js";
export { createFeedbackStore } from "./runtime/store/feedback-create.js";
export { MemoryFeedbackStore } from "./runtime/store/feedback-memory.js";
export type { FeedbackStore, Vote } from "./runtime/store/feedback-types.js";
export { type ConversationStore, createStore } from "./runtime/store/index.js";
export { MemoryStore } from "./runtime/store/memory.js";
