import type { Reply } from "../../reply/model.js";
import { compose, listNames } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import type { Social } from "../recognise/social.js";

/** One line back for thanks or an acknowledgement: no menu, no technologies. */
export function socialReply(k: Knowledge, kind: Social): Reply {
  const text =
    kind === "thanks"
      ? `You're welcome! Ask me anything else about ${listNames(k.dataset.technologies.map((t) => t.name))}.`
      : "👍 Anything else? Just ask.";
  return compose(k, "social", {}, [{ kind: "paragraph", text }]);
}
