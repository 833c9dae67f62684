/**
 * Conversation cues: how people phrase a comparison, a superlative, a request for advice or a
 * flow command, in any topic. Each cue is matched like a dataset term (typos tolerated).
 */
export const CUES = {
  compare: [
    "vs", "v", "versus", "compare", "comparison", "compared", "comparing", "difference", "differences",
    "differ", "against", "or", "between", "stack up", "head to head", "side by side", "contrast",
  ],
  best: [
    "best", "better", "ideal", "top", "winner", "wins", "good for", "great for", "suited", "suitable", "fit for",
    "go to", "dominate", "dominates", "dominant", "leading", "leader", "most", "least", "fastest", "cheapest",
    "smallest", "biggest", "largest", "highest", "lowest", "strongest", "prefer", "preferred", "optimal", "ideal for",
    "should i use for", "should we use for", "recommended for", "pick for", "choice for",
  ],
  which: ["which", "what framework", "which one"],
  recommend: [
    "recommend", "recommendation", "suggest", "suggestion", "advice", "advise", "should we", "should i",
    "what should", "help me choose", "help us choose", "help me pick", "help us pick", "help me decide",
    "help us decide", "choose for", "decide", "guide me", "pick one", "which should", "what to use",
    "what do we use", "go with", "adopt", "quiz", "questionnaire", "start recommendation",
  ],
  help: ["help", "commands", "what can you do", "how do i use", "usage", "menu", "how does this work", "instructions"],
  greeting: ["hi", "hello", "hey", "yo", "sup", "howdy", "good morning", "good afternoon", "hiya", "thanks", "thank you", "ty"],
  whyNot: ["why not", "why isnt", "why wasnt", "why didnt", "how come", "what about instead", "why wouldnt"],
  back: ["back", "go back", "previous", "undo", "prev", "previous question"],
  skip: [
    "skip", "not sure", "unsure", "dont know", "no idea", "idk", "dunno", "pass", "no preference",
    "doesnt matter", "not applicable", "n a", "no clue", "whatever",
  ],
  restart: ["start over", "restart", "reset", "from scratch", "begin again", "start again", "redo"],
  cancel: ["cancel", "stop", "quit", "exit", "nevermind", "never mind", "forget it", "abort"],
  followUp: ["and", "what about", "how about", "also", "same for", "same question for"],
  pronoun: ["it", "its", "that one", "this one", "them", "both", "they", "theirs", "that framework"],
  description: ["we", "were", "our", "us", "my team", "our team", "startup", "company", "lab", "org", "i am", "im building"],
} as const;

export type Cue = keyof typeof CUES;
