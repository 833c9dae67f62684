/** What a user did, as the engine sees it: typed text, or a click on a choice the engine offered. */
export type TurnInput = { kind: "text"; text: string } | { kind: "choice"; id: string };

export const textInput = (text: string): TurnInput => ({ kind: "text", text });
export const choiceInput = (id: string): TurnInput => ({ kind: "choice", id });
