import type { Reply } from "../../reply/model.js";
import { compose, listNames } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import type { Social } from "../recognise/social.js";

/**
 * One line back for thanks, an acknowledgement, a goodbye or a question about the bot itself:
 * no menu, no technologies.
 */
export function socialReply(k: Knowledge, kind: Social): Reply {
  const names = listNames(k.dataset.technologies.map((t) => t.name));
  const text =
    kind === "thanks"
      ? `You're welcome! Ask me anything else about ${names}.`
      : kind === "farewell"
        ? "Bye! 👋 I'm here whenever the next question comes up."
        : kind === "about-bot"
          ? `I'm Stackwise, a bot that answers questions about ${names} from one sourced comparison page. What would you like to know?`
          : "👍 Anything else? Just ask.";
  return compose(k, "social", {}, [{ kind: "paragraph", text }]);
}
