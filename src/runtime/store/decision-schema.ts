import { z } from "zod";
import type { Decision } from "./decision-types.js";

/**
 * A stored decision as read back from a store: JSON written by this or an older version, or
 * damaged by hand. Read with zod so a record that does not fit is treated as absent (the
 * decision is then unknown, and a click on its card says it is closed) instead of crashing a
 * turn. Fields added later must get a default here.
 */
const decisionSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  platform: z.string(),
  channelKey: z.string(),
  threadKey: z.string().nullable(),
  cardId: z.string().nullable(),
  topic: z.string().max(400),
  startedBy: z.string(),
  starterName: z.string().default(""),
  anonymous: z.boolean().default(false),
  status: z.enum(["open", "closed"]),
  createdAt: z.number(),
  closedAt: z.number().nullable(),
  closedBy: z.string().nullable().default(null),
  members: z
    .array(
      z.object({
        user: z.string(),
        name: z.string().default(""),
        answers: z.record(z.string(), z.string()),
        at: z.number(),
      }),
    )
    .max(200),
  applied: z.array(z.string()).default([]),
});

/** The decision in `json`, or null when it is not one (unreadable, or of an unknown shape). */
export function readDecision(json: string): Decision | null {
  try {
    const parsed = decisionSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as Decision) : null;
  } catch {
    return null;
  }
}
