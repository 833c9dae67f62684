/**
 * Conversation cues: how people phrase a comparison, a superlative, a request for advice or a
 * flow command, in any topic. Each cue is matched like a dataset term (typos tolerated). Phrases
 * are written "|"-separated to keep the lists readable.
 */
const list = (phrases: string): string[] => phrases.split("|");

export const CUES = {
  compare: list(
    "vs|v|versus|compare|comparison|compared|comparing|difference|differences|differ|against|or|" +
      "between|stack up|head to head|side by side|contrast|than",
  ),
  best: list(
    "best|better|ideal|top|winner|wins|good for|great for|suited|suitable|fit for|go to|" +
      "dominate|dominates|dominant|leading|leader|most|least|fastest|cheapest|smallest|biggest|" +
      "largest|highest|lowest|strongest|prefer|preferred|optimal|ideal for|should i use for|" +
      "should we use for|recommended for|pick for|choice for",
  ),
  /** "what framework" and "which broker" are added from the dataset's own noun (meta.noun). */
  which: list("which|which one"),
  recommend: list(
    "recommend|recommendation|suggest|suggestion|advice|advise|should we|should i|what should|" +
      "help me choose|help us choose|help me pick|help us pick|help me decide|help us decide|" +
      "choose for|decide|guide me|pick one|which should|what to use|what do we use|what do i use|" +
      "what would you use|what would you pick|what would u use|what'd you use|go with|" +
      "quiz|questionnaire|start recommendation|what to pick|which to pick|what to choose|" +
      "which to choose|reco|recs|any thoughts|what do you think|your take|opinions|standardise on|" +
      "standardize on|thoughts|stick with|should we switch|switch or stay|or switch|better than just|" +
      "stay or migrate|migrate or stay|stay or switch|stay or move|stay on|or migrate|or move|keep using|keep going with|carry on with|continue with|" +
      "should we migrate|should we move|worth migrating|time to switch|time to migrate|what do i do|" +
      "what do we do|wat do|what now|where do i start|where do we start|where to start|where should we start|" +
      "where should i start|what would you do|what would u do|guided recommendation|guided flow|" +
      "guided thing|guided questions|walk me through|walk us through|take me through|take us through|" +
      "what fits|what suits|what would fit|what fits best|what works for us",
  ),
  help: list("help|commands|what can you do|how do i use|usage|menu|how does this work|instructions"),
  /** Pronouns for more than one technology: "compare them", "both". */
  plural: list(
    "them|both|they|theirs|those|these|the two|each of them|all of them|all three|all 3|the three|the 3|same three|those three|these three|each of the three",
  ),
  /** Adding a technology to what is being discussed: "add tf too". */
  extend: list("add|too|as well|include|plus|also"),
  greeting: list(
    "hi|hello|hey|yo|sup|howdy|good morning|good afternoon|good evening|gm|hiya|hey there|thanks|thank you|ty",
  ),
  /** Asking what would change a result, or what would make one technology the pick. */
  whatIf: list(
    "what would change|what would flip|flip this|flip it|flip the|change your mind|change the recommendation|" +
      "change the pick|change the result|change the answer|what would it take|under what conditions|" +
      "what would make|when would|when should we|worth it|worth switching|worth the switch|would that change|" +
      "does that change|change things|what if|would it change|tip the balance|tip it|" +
      "starts to shine|start to shine|starts to pay off|start to pay off|pays off|pay off|at what point|" +
      "above what|beyond what|makes sense|make sense|even consider|worth considering|the bar for|over the bar|" +
      "the threshold|over the threshold|the cutoff|the cut-off|even matter|matter for us|matters for us|" +
      "does it matter|big enough|large enough|enough to justify|in the range where|the range where",
  ),
  /**
   * Asking for the conditions under which one technology is the pick ("when to use jax"); also set
   * for "when" before a verb of choosing anywhere in its clause ("when does the page say to go jax").
   */
  conditions: list(
    "when to use|when to pick|when to choose|when to go with|when to switch to|the right call|the right choice|" +
      "the better choice|the way to go",
  ),
  /** Asking for the result before the guided questions are done ("just give me your pick"). */
  result: list(
    "your pick|whats your pick|what's your pick|just tell me|give me the recommendation|" +
      "recommendation now|give me the result|the result now|your recommendation|just recommend|" +
      "what would you go with|what you'd go with|what youd go with|what do you recommend|" +
      "so what do you recommend|skip the rest|enough questions|cut to the chase|bottom line|your verdict|" +
      "the verdict|the pick|final pick|final answer|your call|just pick one|just pick|you pick|would you pick",
  ),
  /** Correcting what was said before ("actually we don't use TPUs", "I meant 200k samples"). */
  correction: list(
    "actually|i meant|i mean|no wait|sorry|correction|scratch that|let me rephrase|to be clear|" +
      "not dollars|oh and|oh also|forgot to mention|also we|turns out",
  ),
  /** Asking for the rest of a long reply. */
  more: list(
    "more|tell me more|show more|show me more|continue|go on|keep going|the rest|rest of it|and then",
  ),
  whyNot: list("why not|why isnt|why wasnt|why didnt|how come|what about instead|why wouldnt"),
  back: list("back|go back|previous|undo|prev|previous question"),
  skip: list(
    "skip|not sure|unsure|dont know|no idea|idk|dunno|pass|no preference|doesnt matter|" +
      "not applicable|n a|no clue|whatever",
  ),
  restart: list("start over|restart|reset|from scratch|begin again|start again|redo"),
  cancel: list("cancel|stop|quit|exit|nevermind|never mind|forget it|abort"),
  followUp: list("and|what about|how about|also|same for|same question for"),
  pronoun: list("it|its|that one|this one|them|both|they|theirs"),
  /** The user asks what NOT to use. */
  avoid: list(
    "worst|avoid|least suited|stay away|steer clear|shouldnt use|should not use|worse for|" +
      "should we not|should i not|would you not|wouldnt|shouldnt|weakest|not good for|bad for|" +
      "poorest|poor at",
  ),
  /** A problem the user runs into ("why does it keep running out of memory", "issues with"). */
  trouble: list(
    "why does|why do|why is|keeps|keep|issue|issues|problem|problems|error|errors|crash|crashes|" +
      "crashing|bug|bugs|struggle|struggling|pain|painful|gotcha|gotchas|downside|downsides|catch|" +
      "cons|drawback|drawbacks|pitfall|pitfalls|weakness|weaknesses|oom|ooms|out of memory|regret|" +
      "regrets|risk|risks|risky|trade-off|tradeoff|tradeoffs|trade-offs",
  ),
  /** Doubting a figure or a statement of the source ("typo?", "apples to apples?", "seems sus"). */
  doubt: list(
    "typo|sus|suspicious|fishy|sketchy|apples to apples|apples-to-apples|inconsistent|inconsistency|" +
      "contradiction|contradictory|contradicts|discrepancy|mismatch|doesnt add up|does not add up|" +
      "makes no sense|cant be right|which is it|bug in the|mistake in|is that a mistake|legit|seems off|" +
      "sounds off|looks off|make it make sense|how is that possible|how can that be|math ok|math right|" +
      "does the math|math check out|exact same|identical|looks wrong|seems wrong|a bug|buggy|even run|" +
      "would it run|wouldnt run|would not run|copy paste|copy-paste|copypasta|copy pasted|add up|adds up|" +
      "sum to|sums to|where does that come from|where is that from|wheres that from|where do they get|" +
      "source for that|says who|which one is it|which number|exactly the same|same numbers|same figures|" +
      "even real|even a real|even possible|even true|even right|even correct|a real release|a real version|mislabeled|mislabelled|mislabel|wrong label|" +
      "wrong unit|unit weird|units weird|weird unit|odd unit|whats the point of that|placeholder|" +
      "a mistake|an error in|compare them at all|comparable at all|even comparable",
  ),
  /** Requests no comparison dataset can serve, however they mention a topic word. */
  offTopic: list(
    "poem|joke|story|song|recipe|weather|lunch|dinner|pizza|limerick|write me|sql query|essay|cover letter",
  ),
  /** Which end of a figure the user asks for ("biggest install", "least downloads"). */
  high: list(
    "bigger|biggest|larger|largest|heavier|heaviest|more|most|higher|highest|slower|slowest|" +
      "longer|longest|greater|greatest|more expensive|most expensive|pricier|priciest",
  ),
  low: list(
    "smaller|smallest|lighter|lightest|less|least|fewer|fewest|lower|lowest|faster|fastest|" +
      "quicker|quickest|shorter|shortest|cheaper|cheapest|leaner|leanest|tinier|tiniest|slimmer|" +
      "slimmest",
  ),
  noConstraints: list(
    "no constraints|no particular constraints|no requirements|no special requirements|" +
      "nothing special|general purpose|default choice|safe default|safe bet|standard choice|" +
      "no strong preference",
  ),
  description: list("we|were|our|us|my team|our team|startup|company|lab|org|i am|im building"),
  /**
   * Whether to take up a named technology, for the asker's own work ("use it for our first
   * project?"); also found from a choice verb with such an object (`understand`).
   */
  adopt: list("worth adopting|should we adopt|should i adopt|adopt it"),
} as const;

export type Cue = keyof typeof CUES;
