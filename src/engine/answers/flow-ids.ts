import type { Choice } from "../../reply/model.js";

/**
 * Choice ids of the guided flow. They carry the question they answer, so a click on an old
 * message (or a second instance racing the first) is recognised as stale, never misapplied.
 */
export type FlowCommand =
  | { kind: "start" }
  | { kind: "answer"; question: string; option: string }
  | { kind: "back"; question: string }
  | { kind: "skip"; question: string }
  | { kind: "restart" }
  | { kind: "cancel" };

const NAV = new Set(["back", "skip"]);

export function parseFlowChoice(id: string): FlowCommand | null {
  const parts = id.split(":");
  if (parts[0] !== "flow") return null;
  if (parts.length === 2) {
    if (parts[1] === "start") return { kind: "start" };
    if (parts[1] === "restart") return { kind: "restart" };
    if (parts[1] === "cancel") return { kind: "cancel" };
    return null;
  }
  if (parts.length !== 3 || !parts[1] || !parts[2]) return null;
  const [, question, second] = parts as [string, string, string];
  if (NAV.has(second)) return { kind: second as "back" | "skip", question };
  return { kind: "answer", question, option: second };
}

export const startChoice = (): Choice => ({
  id: "flow:start",
  label: "Start a recommendation",
  role: "answer",
});
export const answerId = (question: string, option: string) => `flow:${question}:${option}`;
export const navChoices = (question: string, canGoBack: boolean): Choice[] => [
  ...(canGoBack ? [{ id: `flow:${question}:back`, label: "Back", role: "nav" as const }] : []),
  { id: `flow:${question}:skip`, label: "Not sure / skip", role: "nav" },
  { id: "flow:restart", label: "Start over", role: "nav" },
  { id: "flow:cancel", label: "Cancel", role: "nav" },
];
