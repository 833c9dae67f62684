/**
 * Screens gateway dispatches before discord.js reads them. discord.js dereferences fields a
 * malformed dispatch lacks (`d: null`, `author: null`, an interaction without `data`, `user` or
 * `message`) inside its packet handler, where nothing catches the TypeError and the process
 * dies on an unhandled rejection. Payload shapes:
 * https://discord.com/developers/docs/events/gateway-events#message-create,
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */
import type { Client } from "discord.js";
import { z } from "zod";

const id = z.string().min(1);
const user = z.object({ id });

const messageCreate = z.object({ id, channel_id: id, author: user });

/** Interaction types: 1 ping, 2 application command, 3 message component, 4 autocomplete, 5 modal. */
const interactionCreate = z
  .object({
    id,
    token: z.string().min(1),
    type: z.number().int(),
    user: user.nullish(),
    member: z.object({ user }).nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
    message: z.object({ id }).nullish(),
  })
  .refine((i) => i.type === 1 || Boolean(i.user ?? i.member?.user), { message: "no user or member" })
  .refine((i) => i.type === 1 || Boolean(i.data), { message: "no data" })
  .refine((i) => i.type !== 3 || Boolean(i.message), { message: "a component without its message" });

const SCREENED: Record<string, z.ZodType> = {
  MESSAGE_CREATE: messageCreate,
  INTERACTION_CREATE: interactionCreate,
};

/** A dispatch name no discord.js handler has: a packet renamed to it is dropped. */
export const DROPPED = "STACKWISE_MALFORMED";

interface Packet {
  t?: unknown;
  d?: unknown;
}

/**
 * Drops malformed MESSAGE_CREATE and INTERACTION_CREATE dispatches. discord.js emits "raw" with
 * the packet object it then hands to its handler, synchronously and before handling it; renaming
 * the dispatch there makes discord.js skip it (it has no handler for the new name).
 */
export function screenGateway(client: Client, onMalformed: (type: string, problem: string) => void): void {
  client.on("raw" as never, (packet: Packet) => {
    const type = typeof packet?.t === "string" ? packet.t : undefined;
    const schema = type ? SCREENED[type] : undefined;
    if (!type || !schema) return;
    const checked = schema.safeParse(packet.d);
    if (checked.success) return;
    packet.t = DROPPED;
    onMalformed(type, checked.error.issues.map((i) => `${i.path.join(".") || "d"}: ${i.message}`).join("; "));
  });
}
