import { describe, expect, it } from "vitest";
import { understand } from "../../src/engine/understand.js";
import { ask, Chat, knowledge, readable } from "./helpers.js";

/** How every reply about a known flaw of the source opens, whatever the flaw's kind. */
const FLAW_LEAD = /good catch: |careful: |caveat: |this is how our editors read/;

/**
 * Kinds of misreading from the understanding issue, one example each (more in the question sets):
 * chat manners, off-topic text, what the source does not cover, and statements only the
 * passages hold.
 */
describe("chat manners", () => {
  it.each(["great, ty", "cheers", "thanks!", "ok cool", "lol", "👍", "🙏🙏"])(
    "%j gets one short line, no menu and no technology",
    (text) => {
      const reply = ask(text);
      expect(reply.intent).toBe("social");
      expect(reply.technologies).toEqual([]);
      expect(readable(reply).length).toBeLessThan(120);
      expect(reply.blocks.some((b) => b.kind === "choices")).toBe(false);
    },
  );

  it.each(["gm", "hey there", "hello"])("%j gets a pointer of chat size (200 characters at most)", (text) => {
    const reply = ask(text);
    expect(reply.technologies).toEqual([]);
    expect(readable(reply).length).toBeLessThanOrEqual(200);
  });

  it("a question that starts with thanks is still a question", () => {
    expect(ask("thanks, and what license does jax use?").technologies).toEqual(["jax"]);
  });
});

describe("text about something else", () => {
  it.each([
    ["my s3 bill is huge", "s3"],
    ["k8s pod keeps getting OOMKilled, any ideas?", "k8s"],
  ])("%j says the source doesn't cover %s, names no technology and quotes no figure", (text, word) => {
    const reply = ask(text);
    expect(reply.intent).toBe("not-covered");
    expect(reply.technologies).toEqual([]);
    expect(readable(reply)).toContain(`doesn't cover "${word}"`);
    expect(readable(reply)).not.toMatch(/\d+\s*(mb|gb|%)|\$\d/);
  });

  it("an alias that is an everyday word ('torch') names nothing when the rest is about something else", () => {
    const reply = ask("my torch died on the camping trip, which batteries last longest?");
    expect(reply.technologies).toEqual([]);
    // The batteries and the camping trip belong to the torch you carry (senses.json).
    expect(readable(reply)).toMatch(/"torch" meaning a torch you light or carry.*doesn't cover/);
    expect(readable(reply).length).toBeLessThan(300);
    expect(ask("is torch faster than tf on gpus?").technologies).toEqual(
      expect.arrayContaining(["pytorch", "tensorflow"]),
    );
  });

  it("a technology's own name in a statement about other things names nothing of ours", () => {
    const reply = ask("my dog jax ate my airpods 😭");
    expect(reply.technologies).toEqual([]);
    expect(readable(reply)).toMatch(/doesn't cover "dog" and "airpods"/);
    // Asked about, it stays the subject of a question the source does not cover.
    expect(ask("avg salary for a pytorch engineer?").technologies).toContain("pytorch");
  });

  it("a comparison of things the dataset never mentions is declined, not answered with ours", () => {
    const reply = ask("what's the difference between a latte and a flat white");
    expect(reply.technologies).toEqual([]);
    expect(readable(reply)).toMatch(/doesn't cover "latte"/);
  });

  it("a project description with an unfamiliar word is still read as one", () => {
    expect(ask("quick one: ml team at a quant fund, porting numpy sims to gpus").pick).toBe("jax");
  });
});

describe("what the source does not cover", () => {
  it("names the missing words before the closest answer it has", () => {
    const text = readable(ask("how do I install jax on an M1 mac?"));
    expect(text).toMatch(/doesn't cover "m1" and "mac" for jax/);
    expect(text).toMatch(/150-200 mb/);
  });

  it("a name the dataset lists as outside (ONNX) is not covered, with the closest passages", () => {
    const reply = ask("can u export jax models to onnx");
    expect(reply.intent).toBe("not-covered");
    expect(readable(reply)).toContain(`doesn't cover "onnx" for jax`);
    expect(reply.sources.length).toBeGreaterThan(0);
  });

  it("chatter around the question does not count as what was asked", () => {
    const reply = ask("hey quick q, my boss asks what licence tensorflow uses");
    expect(reply.intent).toBe("fact");
    expect(readable(reply)).toMatch(/apache 2\.0/);
    expect(readable(reply)).not.toMatch(/doesn't cover/);
  });
});

describe("several questions in one message", () => {
  it("answers each aspect asked, in a section each: 'jax vs tf: compile time and install size?'", () => {
    const reply = ask("jax vs tf: compile time and install size?");
    const text = readable(reply);
    expect(reply.technologies).toEqual(expect.arrayContaining(["jax", "tensorflow"]));
    expect(text).toMatch(/45-90 seconds/);
    expect(text).toMatch(/15-45 minutes/);
    expect(text).toMatch(/500-700mb/);
    expect(reply.blocks.filter((b) => b.kind === "heading")).toHaveLength(2);
  });

  it("answers two facts about one technology: 'who's behind pytorch and how often does it ship?'", () => {
    const text = readable(ask("who's behind pytorch and how often does it ship?"));
    expect(text).toMatch(/linux foundation/);
    expect(text).toMatch(/every 3-4 months/);
  });

  it("a second part about 'it' asks about the first part's pick", () => {
    const reply = ask("best for mobile apps, and how big are the models it produces?");
    expect(reply.pick).toBe("tensorflow");
    // One section per part; their further detail follows under "More on ..." headings.
    const sections = reply.blocks.filter((b) => b.kind === "heading" && !b.text.startsWith("More on"));
    expect(sections).toHaveLength(2);
  });

  it("a team description with 'and' in it is still one brief, not two questions", () => {
    expect(ask("our models are ~3B params and eng time is the bottleneck, jax or pytorch?").pick).toBe(
      "pytorch",
    );
  });
});

describe("the words around a keyword", () => {
  it("'how does torch.compile actually work?' explains the mechanism, not the compile time", () => {
    const text = readable(ask("how does torch.compile actually work?"));
    expect(text).toMatch(/torchdynamo/);
    expect(text).toMatch(/torchinductor/);
    expect(text).not.toMatch(/15-45 seconds/);
  });

  it("'who actually runs tensorflow in prod?' names the companies, not the production tooling", () => {
    const reply = ask("who actually runs tensorflow in prod?");
    expect(reply.aspect).toBe("companies");
    expect(readable(reply)).toMatch(/airbnb|paypal|uber/);
  });

  it("'who' that picks one of them ('who has more stack overflow questions') still compares", () => {
    expect(ask("jax vs tf: who has more stack overflow qs").pick).toBe("tensorflow");
  });

  it("'when would jax be worth it?' asks for conditions, not a release date", () => {
    expect(ask("when would jax be worth it for us?").aspect).not.toBe("release-cadence");
  });
});

describe("answers that agree with each other", () => {
  it("'does jax work out cheaper than torch?' lets the source's cost conclusion decide, and says so", () => {
    const reply = ask("does jax work out cheaper than torch for a 5-person team?");
    expect(reply.pick).toBe("pytorch");
    const text = readable(reply);
    expect(text).toMatch(/by the figures alone, jax/);
    expect(text).toMatch(/the source's own conclusion decides/);
  });

  it("'is the tf install lighter than jax's?' says the ranges overlap and shows JAX's core figure", () => {
    const text = readable(ask("is the tf install lighter than jax's?"));
    expect(text).toMatch(/overlaps/);
    expect(text).toMatch(/150-200 mb \(core library\)/);
  });
});

describe("statements only the passages hold", () => {
  it.each([
    ["what kind of data is the jax sample code written for", /mnist|28x28|28 x 28/],
    ["lr in the jax example?", /0\.001/],
    ["how much does a TPU v3-8 cost per hour according to this", /\$8\/hour/],
    ["how does tensorflow take community input on changes", /rfc/],
    ["anything useful in the FAQ section?", /faq|frequently asked/],
  ])("%j finds %s", (text, expected) => {
    expect(readable(ask(text))).toMatch(expected);
  });
});

describe("project descriptions in chat style", () => {
  it("a statement of what someone is building asks what to use, with no question in it", () => {
    const reply = ask(
      "iot sensors w tiny chips, want an anomaly detection model running on the device itself",
    );
    expect(reply.pick).toBe("tensorflow");
    expect(readable(reply)).toMatch(/edge|iot/);
  });

  it("several constraints and 'which fw' are a brief, not a best-for on the first need", () => {
    const reply = ask("deepmind-style rl research on tpus at huge scale, which fw and why");
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("jax");
  });

  it("a technology the team knows is a constraint of the brief, not the subject of a fact", () => {
    const reply = ask(
      "building a 7b llm w custom attention on a few a100s, team knows pytorch inside out, what fw",
    );
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("pytorch");
  });

  it("'pretraining' a model is not 'pretrained models'", () => {
    const text = readable(ask("pretraining a 70b llm on tpu pods, which framework"));
    expect(text).not.toMatch(/pretrained models and hugging face/);
  });

  it("a generic word of a slot already answered in the same phrase is not a second need", () => {
    // "meta learning research": the workload is meta-learning; "research" is not read again.
    const reply = ask("meta learning research that needs grad of grad, team is fp nerds");
    expect(readable(reply)).not.toMatch(/you mentioned research/);
    expect(reply.pick).toBe("jax");
  });

  it("'what do i use' asks for a pick, and fine-tuning points at the pretrained-model ecosystem", () => {
    const reply = ask("trying to fine-tune stable diffusion on my gaming pc lol, what do i use");
    expect(reply.pick).toBe("pytorch");
  });

  it("'learn dl' is a beginner learning deep learning, not downloads", () => {
    expect(ask("solo dev, want to learn dl for a side project, which one").pick).toBe("pytorch");
    expect(readable(ask("how many dls does pytorch get"))).toMatch(/15 million/);
  });

  it("a keyword query is not a brief: 'tpu support' still asks about the aspect", () => {
    expect(ask("tpu support").intent).not.toBe("recommend");
  });
});

describe("chat around the questions", () => {
  it.each([
    ["cya later", /bye/],
    ["who made u", /i'm stackwise/],
    ["how r u today", /i'm stackwise/],
  ])("%j gets one short line about the bot, no technology", (text, line) => {
    const reply = ask(text);
    expect(reply.intent).toBe("social");
    expect(reply.technologies).toEqual([]);
    expect(readable(reply)).toMatch(line);
    expect(readable(reply).length).toBeLessThanOrEqual(200);
  });

  it.each(["thx that helped a ton", "lol ur pretty smart for a bot", "sry wrong channel lol"])(
    "%j gets one short line, never the menu",
    (text) => {
      const reply = ask(text);
      expect(reply.intent).toBe("social");
      expect(readable(reply).length).toBeLessThanOrEqual(200);
    },
  );

  it("the bot's own name is no unknown word: 'hey stackwise 👋' is a greeting", () => {
    const reply = ask("hey stackwise 👋");
    expect(readable(reply)).not.toMatch(/doesn't cover/);
    expect(readable(reply).length).toBeLessThanOrEqual(200);
  });

  it("a verb where a name would stand ('upgrading vs switching') is no unknown technology", () => {
    const reply = ask(
      "we have a big tf 2 codebase in prod w/ tf serving + tfx, thinking about upgrading vs switching. wat do u reccomend",
    );
    expect(reply.intent).not.toBe("unknown-technology");
    expect(reply.pick).toBe("tensorflow");
  });

  it("a recommendation from nothing said does not claim to have read something", () => {
    expect(readable(ask("we have no particular constraints, what should we use"))).not.toMatch(
      /what i read from your description: \./,
    );
  });

  it("chat shorthand for a date ('what yr') still asks for a year", () => {
    expect(readable(ask("what yr did pytorch 2.0 land"))).toMatch(/2023/);
  });
});

describe("a brief, then a question about what it picks", () => {
  it("answers the recommendation and the question about its pick, right under the summary", () => {
    const reply = ask(
      "we're a 4 person startup doing nlp on aws gpus - what should we use and roughly what'll it cost a month?",
    );
    expect(reply.pick).toBe("pytorch");
    const text = readable(reply);
    expect(text).toMatch(/2,000-\$8,000 per month/);
    // The cost section comes before the ranking, so a folded reply still shows it.
    expect(text.indexOf("per month")).toBeLessThan(text.indexOf("rank"));
  });

  it("'and will it be hard to learn' is asked about the pick", () => {
    const reply = ask("porting a numpy climate sim to tpus, framework? and will it be hard to learn");
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/jax: learning curve/);
  });

  it("a last part that asks for a choice is the question itself, not a follow-up", () => {
    const reply = ask("we only have 8gb cards so memory is tight, which framework is lightest on vram");
    expect(reply.pick).toBe("jax");
  });
});

describe("two questions, one of them carried by its frame word", () => {
  it("'who made jax and how long does it take to compile' answers the maker and the compile time", () => {
    const reply = ask("who made jax and how long does it take to compile");
    expect(reply.intent).toBe("multi-part");
    const text = readable(reply);
    expect(text).toMatch(/google research maintains jax/);
    expect(text).toMatch(/45-90 sec/);
  });

  it("'which for mobile and which for tpu training' asks two choices, each answered afresh", () => {
    const reply = ask("wich fw is best for mobile and wich for tpu training");
    expect(reply.intent).toBe("multi-part");
    const text = readable(reply);
    expect(text).toMatch(/best for mobile apps.*tensorflow 3\.0/);
    expect(text).toMatch(/best for training on google tpus: jax/);
  });

  it("chat's 'n' joins two questions like 'and'", () => {
    const text = readable(ask("pt: who maintains it n whats the license"));
    expect(text).toMatch(/pytorch foundation/);
    expect(text).toMatch(/bsd/);
  });

  it("'who governs X' asks for its maintainers, 'who uses X' for its users", () => {
    expect(readable(ask("who governs pytorch these days, still meta?"))).toMatch(/pytorch foundation/);
    expect(readable(ask("who uses jax"))).toMatch(/anthropic/);
  });

  it("a part whose subject comes from the rest of the message is answered, never declined as off-topic", () => {
    const text = readable(ask("pt2 transformer training speedup and inference latency drop"));
    expect(text).not.toMatch(/i answer questions about/);
    expect(text).toMatch(/pytorch 2\.0/);
  });

  it("two parts answered by the same entry show it once", () => {
    const reply = ask("pt2 transformer training speedup and inference latency drop");
    const text = readable(reply);
    expect(text.split("runs inference up to 2x faster").length - 1).toBe(1);
  });
});

describe("a detail inside a part of the page", () => {
  it("'which optimizer' asks about the optimizer, not for a pick; the code sample's statements answer it", () => {
    const reply = ask("which optimizer does the example code use");
    expect(reply.pick).toBeNull();
    expect(readable(reply)).toMatch(/adam/);
  });

  it("a rare word of the question finds its statement even when common words fill the top results", () => {
    expect(readable(ask("what prng seed does the sample use lol"))).toMatch(/prngkey\(42\)/);
  });

  it("'which companies run jax' asks about companies, not for the best framework for production", () => {
    const reply = ask("which companies actualy run jax in prod / research");
    expect(reply.pick).toBeNull();
    expect(readable(reply)).toMatch(/anthropic/);
  });

  it("'which framework' still asks for a pick", () => {
    expect(ask("which framework is best for tpus").pick).toBe("jax");
  });
});

describe("stay or switch", () => {
  it.each([
    [
      "we've got ~200k lines of TF2 code in prod with TFX pipelines and TF Serving, 40 ML engineers. stay or migrate?",
      "tensorflow",
    ],
    [
      "we retrain weekly, each run costs like $80k on google cloud TPUs, and the team already knows jax well. stay on jax?",
      "jax",
    ],
  ])("%j is a recommendation from the estate described", (text, pick) => {
    const reply = ask(text);
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe(pick);
  });
});

describe("'vs' between other things", () => {
  it("'tf latency for small vs large models' asks about TensorFlow alone, not a comparison of frameworks", () => {
    const reply = ask("tf inference latency on gpu for small vs large models");
    expect(reply.intent).toBe("fact");
    expect(reply.technologies).toEqual(["tensorflow"]);
  });

  it("'or' between two things about one technology asks about that technology", () => {
    const reply = ask("is jax memory efficient or does it OOM, the page says both lol");
    expect(reply.intent).toBe("fact");
    expect(readable(reply)).toMatch(/oom errors/);
  });

  it("'cons' asks for the downsides beside the facts", () => {
    expect(readable(ask("jax cons around debugging and memory, explain both"))).toMatch(
      /among jax's downsides/,
    );
  });

  it("'tf vs the others' still compares the frameworks", () => {
    expect(ask("tf vs the others on latency").intent).toBe("compare");
  });
});

describe("a price inside a larger figure", () => {
  it("'how much per hour' asks for a price: the cost estimate that holds it answers", () => {
    expect(readable(ask("jax tco mentions a tpu v3-8, how much per hour is it"))).toMatch(/\$8\/hour/);
  });

  it("the code sample is JAX code, so its topic names JAX", () => {
    expect(ask("wait what does the code sample on the page even train").technologies).toEqual(["jax"]);
  });
});

describe("a phrase an editor listed for a statement", () => {
  it("'and the learning rate?' after the code sample finds the statement holding it", () => {
    const chat = new Chat();
    chat.say("what does the code sample on the page do");
    expect(readable(chat.say("and the learning rate?"))).toMatch(/learning_rate=0\.001/);
  });
});

describe("elliptical follow-ups in chat shorthand", () => {
  it("'how bout tf' after a licence answer asks the same of TensorFlow", () => {
    const chat = new Chat();
    chat.say("what license is pytorch under");
    expect(readable(chat.say("how bout tf"))).toMatch(/apache 2\.0/);
  });

  it("'with cuda n everything?' qualifies the last fact, not a new best-for question", () => {
    const chat = new Chat();
    chat.say("how big is the jax install");
    const reply = chat.say("with cuda n everything?");
    expect(reply.intent).toBe("fact");
    expect(readable(reply)).toMatch(/500 mb-1 gb/);
  });
});

describe("what is new in a release", () => {
  it.each([
    ["what changed in tf 3.0 compared to previous versions", /keras 3/],
    ["wat actually changed in pytorch 2.0", /torchdynamo/],
  ])("%j is answered from the release's overview, not a comparison of frameworks", (text, line) => {
    const reply = ask(text);
    expect(reply.intent).toBe("fact");
    expect(readable(reply)).toMatch(line);
  });

  it("'jax compared to pytorch' still compares", () => {
    expect(ask("jax compared to pytorch on memory").intent).toBe("compare");
  });
});

describe("a bare verdict gives way to what the question names", () => {
  it("'does tesla use pytorch or tf for autopilot' quotes the statement naming Tesla, items kept apart", () => {
    const reply = ask("does tesla use pytorch or tf for autopilot");
    const text = readable(reply);
    expect(text).toMatch(/tesla \(autopilot\)/);
    expect(text).not.toMatch(/\(primary developer\) microsoft/);
  });

  it("'pytorch or tf?' alone still gets the verdict", () => {
    expect(ask("pytorch or tf?").pick).toBe("pytorch");
  });
});

describe("a list of questions separated by commas", () => {
  it("answers each item of a comma list about one technology, in its own section", () => {
    const reply = ask("jax: license, release cadence, stack overflow questions?");
    const text = readable(reply);
    expect(reply.technologies).toEqual(["jax"]);
    expect(text).toContain("apache 2.0");
    expect(text).toMatch(/2-4 weeks/);
    expect(text).toMatch(/3,500\+ questions/);
  });

  it("keeps a list of technologies whole: 'jax, pytorch, tensorflow' is one comparison", () => {
    const reply = ask("jax, pytorch, tensorflow: which has the smallest install?");
    expect(reply.intent).not.toBe("multi-part");
    expect(reply.technologies.sort()).toEqual(["jax", "pytorch", "tensorflow"]);
  });
});

describe("a comparison with an earlier release of the same technology", () => {
  it.each([
    ["pytorch 2 vs 1.x speed, what's the gain?", "pytorch", /30-40% faster/],
    ["is tensorflow 3 faster than 2.x at training", "tensorflow", /1\.5-2x faster than tf 2\.x/],
  ])("%j answers about that one technology", (question, tech, figure) => {
    const reply = ask(question);
    expect(reply.technologies).toEqual([tech]);
    expect(readable(reply)).toMatch(figure);
  });

  it("a later part comparing with a release keeps the message's subject", () => {
    const reply = ask("tensorflow: compile time, and how much faster is training vs 2.x?");
    expect(reply.technologies).toEqual(["tensorflow"]);
    expect(readable(reply)).toMatch(/15-45 minutes/);
    expect(readable(reply)).toMatch(/1\.5-2x faster/);
  });
});

describe("words that name the kind of figure wanted", () => {
  it.each([
    ["annual price range for paid pytorch support?", /\$5,000-\$50,000\+ annually/],
    ["tf3 vs tf2 training speed, whats the gain", /1\.5-2x faster/],
  ])("%j: 'range' and 'gain' ask for the figure, they are not topics the page lacks", (q, figure) => {
    const text = readable(ask(q));
    expect(text).toMatch(figure);
    expect(text).not.toContain("doesn't cover");
  });
});

describe("a comparison on a topic the page never mentions", () => {
  it("says the topic is not covered before giving the overall verdict", () => {
    const reply = ask("water and power consumption, jax vs pytorch?");
    const text = readable(reply);
    expect(text).toMatch(/doesn't cover "water", "power"/);
    expect(reply.technologies).toEqual(["jax", "pytorch"]);
  });

  it("a plain 'jax or pytorch?' still gets the verdict with no such note", () => {
    const text = readable(ask("jax or pytorch?"));
    expect(text).toContain("verdict");
    expect(text).not.toContain("doesn't cover");
  });
});

describe("what the page itself suggests", () => {
  it.each([
    ["which mlops platforms does the page suggest looking into", /kubeflow/],
    ["what distributed training frameworks does the article suggest we compare", /deepspeed/],
  ])("%j lists the page's related comparisons instead of starting a recommendation", (q, name) => {
    const reply = ask(q);
    expect(reply.intent).toBe("topic");
    expect(readable(reply)).toMatch(name);
  });

  it("'what does it recommend for mobile' still answers with the page's pick", () => {
    expect(ask("what does it recommend for mobile apps").pick).toBe("tensorflow");
  });

  it("'can you suggest a framework' still starts a recommendation", () => {
    expect(ask("can you suggest a framework for us?").intent).toBe("flow");
  });
});

describe("turns that refer to the conversation so far", () => {
  it("'what if' with a new constraint after a result redoes it with that answer", () => {
    const chat = new Chat();
    chat.say("we're 4 people doing computer vision on a few nvidia gpus, small budget, what should we use?");
    const reply = chat.say("what if every training run cost about $90k?");
    expect(reply.intent).toBe("recommend");
    expect(readable(reply)).toMatch(/updated from what you said: budget: large training spend/);
  });

  it("'no sorry, I meant tf' asks the last question again about the technology meant", () => {
    const chat = new Chat();
    chat.say("how much memory does pytorch use?");
    const reply = chat.say("no sorry i meant tf");
    expect(reply.technologies).toEqual(["tensorflow"]);
    expect(reply.aspect).toBe("memory");
  });

  it("'back to it, and tf?' after a detour keeps the topic of the thread", () => {
    const chat = new Chat();
    chat.say("which companies use pytorch?");
    chat.say("unrelated but where do you get good tacos around here");
    const reply = chat.say("ok back to it, and tf?");
    expect(reply.technologies).toEqual(["tensorflow"]);
    expect(reply.aspect).toBe("companies");
  });
});

describe("asking what to choose in other words", () => {
  it("'what do we pick' closing a first-person brief is a request for a recommendation", () => {
    const reply = ask(
      "insurance claims models, we need a support contract with an sla and everything we run today is tf. what do we pick",
    );
    expect(reply.pick).toBe("tensorflow");
  });

  it("'what should a bootcamp use' asks for advice for a group of beginners", () => {
    const reply = ask("what should a bootcamp use to teach deep learning to people who only know python");
    expect(reply.pick).toBe("pytorch");
  });

  it("'what does <company> use' asks a fact about the company, not for a pick", () => {
    const reply = ask("what does jane street use, according to the page?");
    expect(reply.intent).not.toBe("flow");
    expect(reply.technologies).toContain("jax");
  });
});

describe("a recommendation of something else", () => {
  it("'recommend a standing desk under $400' is outside the page, whatever the price", () => {
    const reply = ask("recommend a standing desk under $400?");
    expect(reply.intent).toBe("not-covered");
    expect(reply.technologies).toEqual([]);
    expect(reply.pick).toBeNull();
  });

  it("a price with the framework named is still a brief", () => {
    expect(ask("which framework for us with about $500 a month to spend?").pick).toBe("pytorch");
  });
});

describe("a correctly spelled word is what the user meant", () => {
  it.each([
    ["is blorp better than jax?", "blorp"],
    ["is flux better than jax?", "flux"],
    ["standing desk or treadmill desk for ml engineers?", "standing"],
  ])("%j: %s is not read as a typo of a dataset word", (q, word) => {
    const text = readable(ask(q));
    expect(text).toContain(word);
    expect(text).toMatch(/doesn.t cover|not in my dataset/);
  });

  it("a misspelling is still read as the word it misspells", () => {
    expect(ask("jax perfomance on tpus?").technologies).toContain("jax");
    expect(readable(ask("pytorch memroy usage"))).toMatch(/10-20%/);
  });
});

describe("a comparison that turns on a word inside the full statements", () => {
  it("shows the sentence holding the word when the table's short values leave it out", () => {
    const text = readable(ask("consulting rates: pytorch vs tensorflow?"));
    expect(text).toMatch(/\$150-\$400\/hour/);
    expect(text).toMatch(/\$150-\$300 per hour/);
  });

  it("adds nothing when the question names only the aspect", () => {
    const reply = ask("tf vs pytorch license");
    expect(reply.blocks.some((b) => b.kind === "list")).toBe(false);
  });
});

describe("a technology's name used for something else, in a question", () => {
  it.each(["jax in tekken or mortal kombat, any combos?", "jax beach surf conditions today?"])(
    "%j is outside the page and names no technology",
    (q) => {
      const reply = ask(q);
      expect(reply.intent).toBe("not-covered");
      expect(reply.technologies).toEqual([]);
    },
  );

  it("a question that also names something of the source stays about the technology", () => {
    const reply = ask("how many kwh of energy does training with tensorflow use?");
    expect(reply.technologies).toContain("tensorflow");
    expect(readable(reply)).not.toMatch(/\d+\s*kwh/);
  });
});

describe("a yes/no question about a thing the answer never names", () => {
  it.each([
    ["is jax usable on windows?", "windows"],
    ["is tf.estimator still supported in tensorflow 3?", "estimator"],
  ])("%j opens by saying the page doesn't mention %s", (q, word) => {
    expect(readable(ask(q))).toContain(`doesn't mention "${word}"`);
  });

  it("a question the answer covers in its own words gets no such note", () => {
    expect(readable(ask("does jax support tpus?"))).not.toContain("doesn't mention");
    expect(readable(ask("what prng seed does the sample use"))).not.toContain("doesn't mention");
  });
});

describe("a project of the field with no constraint the flow can weigh", () => {
  it("gets the source's default pick, not a refusal", () => {
    const reply = ask("weekend project: a bird song classifier, what do i use");
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("pytorch");
  });

  it("a correction that changes nothing keeps that default instead of restarting the questions", () => {
    const chat = new Chat();
    chat.say("we have 300k for a spam classifier, what should we use");
    const reply = chat.say("no i meant 300k emails not dollars");
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("pytorch");
  });

  it("a request about something outside the field is still declined", () => {
    expect(ask("what should i use for my wedding photos").intent).toBe("not-covered");
  });
});

describe("vocabulary: experience and training jobs", () => {
  it("'no dl experience at all' is a team new to deep learning", () => {
    expect(ask("which fw for a team with no dl experience at all?").pick).toBe("pytorch");
  });

  it("'training jobs' are a training cost, not job postings", () => {
    const reply = ask("are tensorflow training jobs cheaper than pytorch ones?");
    expect(reply.aspect).not.toBe("jobs");
  });
});

describe("a technology singled out by a word", () => {
  it("shows the statement's sentence holding the word, an initialism spelled out included", () => {
    const text = readable(ask("which one offers LTS versions?"));
    expect(text).toMatch(/only tensorflow 3\.0's release frequency mentions "lts": .*long-term support/);
    expect(text).toMatch(/1-2 years/);
  });
});

describe("the page's own triggers decide a recommendation", () => {
  it("deployment on phones outweighs several general preferences for PyTorch", () => {
    const reply = ask(
      "we're 3 python devs, small budget, starting from scratch, building a computer vision app that runs offline on phones",
    );
    expect(reply.pick).toBe("tensorflow");
  });

  it("the same team with a cloud API keeps the default", () => {
    const reply = ask(
      "we're 3 python devs, small budget, starting from scratch, building a computer vision api on aws gpus",
    );
    expect(reply.pick).toBe("pytorch");
  });
});

describe("a doubt about a figure meets the source's known flaws", () => {
  it("'is that a typo?' about TensorFlow's build time explains the unit mismatch, with the figures", () => {
    const chat = new Chat();
    chat.say("how long does pytorch take to compile?");
    const text = readable(chat.say("and tf takes 15-45 minutes?? typo?"));
    expect(text).toContain("good catch: the page is inconsistent here.");
    expect(text).toMatch(/15-45 minutes/);
    expect(text).toMatch(/seconds/);
  });

  it("'apples to apples?' on throughput names the different GPUs", () => {
    const text = readable(ask("jax samples/s on v100 vs tensorflow images/s on a100, apples to apples?"));
    expect(text).toMatch(/v100/);
    expect(text).toMatch(/a100/);
  });

  it("without a doubt word the question is read as usual", () => {
    expect(readable(ask("how long does tensorflow take to build?"))).not.toContain("known flaw");
  });
});

describe("several questions about named technologies are not a team description", () => {
  it("'pytorch vs tf for phones, and who has the better serving tooling?' answers both parts", () => {
    const reply = ask("pytorch vs tf for phones, and who has the better serving tooling?");
    expect(reply.intent).toBe("multi-part");
    const text = readable(reply);
    expect(text).toMatch(/lite/);
    expect(text).toMatch(/serving/);
  });

  it("a first-person brief naming a technology is still a brief", () => {
    const reply = ask("we're on tf already with edge devices and need serving, what should we pick?");
    expect(reply.pick).toBe("tensorflow");
  });
});

describe("slang for strengths and weaknesses", () => {
  it("'what sucks about pytorch' asks for its weaknesses", () => {
    expect(ask("what sucks about pytorch tho").aspect).toBe("weaknesses");
  });
});

describe("a word only another technology's statement holds", () => {
  it("'does jax offer LTS versions?' says the page gives LTS for TensorFlow only", () => {
    const text = readable(ask("does jax offer LTS versions?"));
    expect(text).toMatch(/doesn't mention "lts" for jax; it does for tensorflow 3\.0/);
    expect(text).toMatch(/1-2 years/);
  });

  it("a word the asked technology's statement holds gets no such note", () => {
    expect(readable(ask("does tensorflow have LTS versions?"))).not.toContain("doesn't mention");
  });
});

describe("vocabulary: a library's size", () => {
  it("'how big is the jax core lib' asks for the install size, with both of the page's figures", () => {
    const reply = ask("how big is the jax core lib vs with all the deps");
    expect(reply.aspect).toBe("install-size");
    expect(readable(reply)).toMatch(/150-200 mb/);
  });
});

describe("requests to write something", () => {
  it("'write me a sql query...' is a request no source serves, whatever its topic words", () => {
    const reply = ask("write me a sql query listing our biggest customers");
    expect(reply.intent).toBe("off-topic");
    expect(reply.technologies).toEqual([]);
  });
});

describe("a reason the source names as enough on its own", () => {
  it.each([
    ["we use TPUs, what do you recommend?", "jax"],
    ["meta-learning research, lots of grad-of-grad stuff and custom autodiff, what framework", "jax"],
    ["we want enterprise vendor support, what do you recommend?", "tensorflow"],
  ])("%j recommends at once, naming the reason", (text, pick) => {
    const reply = ask(text);
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe(pick);
  });

  it("a condition the source names only beside others (functional programming skill) weighs like any answer", () => {
    const reply = ask(
      "our team is strong in functional programming, we're on nvidia gpus with a tight budget and train occasionally, what should we use?",
    );
    expect(reply.pick).toBe("pytorch");
  });
});

describe("a number with a unit is that count, never a budget", () => {
  it("'~50k images' is a dataset size, not a $50K training run", () => {
    const reply = ask("cv startup, 2 gpus, ~50k images, need to ship an mvp fast");
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).not.toMatch(/what i read from your description:[^.]*\$50k/);
  });
});

describe("a negation reaches past filler words, and stops at a new subject", () => {
  it("'nobody on the team has done functional programming' rules the skill out", () => {
    const reply = ask(
      "we're 3 ppl, early startup, building a custom recsys model on aws gpus, nobody on the team has done functional programming. what should we use",
    );
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).not.toMatch(/team: functional programming/);
  });

  it("'no TPUs, it's 8 nvidia gpus' keeps the GPUs", () => {
    const chat = new Chat();
    chat.say("we run everything on tpu pods and train big transformers, 15B+ params. what should we use?");
    const reply = chat.say(
      "actually we don't use TPUs - it's 8 nvidia gpus on aws, small team that knows pytorch",
    );
    expect(readable(reply)).toMatch(/hardware: nvidia gpus \(was google cloud tpus\)/);
  });
});

describe("a correction takes back what was read with the old answer", () => {
  it("'200k samples, not dollars' drops the over-$50K reason along with the budget answer", () => {
    const chat = new Chat();
    chat.say("we're looking at training runs of around 200k, team of 4 on cloud gpus, which framework?");
    expect(chat.say("i meant $200k in cloud costs per training run").pick).toBe("jax");
    const reply = chat.say("no wait sorry, 200k samples, not dollars. each run costs maybe $500");
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).not.toMatch(/you mentioned training runs costing over \$50k/);
  });
});

describe("a name outside the dataset inside a brief is context", () => {
  it.each([
    [
      "12 data scientists, know numpy + sklearn, new to deep learning, mostly NLP. easiest framework to start with?",
      "pytorch",
    ],
    [
      "we retrain nightly and burn ~2000 gpu-hours a month; team is comfortable writing pure functional code. which framework?",
      "jax",
    ],
    [
      "undergrad here, cats vs dogs classifier w/ 5k images on my laptop gpu lol which one should i learn",
      "pytorch",
    ],
  ])("%j gets a pick", (text, pick) => {
    const reply = ask(text);
    expect(reply.intent).not.toBe("unknown-technology");
    expect(reply.pick).toBe(pick);
  });
});

describe("advice asked in slang", () => {
  it("'8 gpus, 7B params, team knows torch. wat do' is a brief", () => {
    const reply = ask("8 gpus, 7B params, team knows torch. wat do");
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("pytorch");
  });
});

describe("'when' before a verb of choosing asks for conditions, not a date", () => {
  it("'when does the page say to go jax' lists the source's reasons with their thresholds", () => {
    const reply = ask("when does the page say to go jax: how many params, and what cloud spend per run?");
    expect(reply.intent).toBe("what-would-change");
    const text = readable(reply);
    expect(text).toMatch(/10b/);
    expect(text).toMatch(/\$50k/);
    expect(text).not.toMatch(/doesn't give a date/);
  });

  it("two 'which' questions about named technologies are two comparisons, not a brief", () => {
    const reply = ask(
      "past 128 gpus, which gives more control, jax or pytorch, and which is easier to adopt?",
    );
    expect(reply.intent).not.toBe("recommend");
    const text = readable(reply);
    expect(text).toMatch(/pjit|sharding/);
    expect(text).toMatch(/fsdp/);
  });
});

describe("the guided flow, as people talk to it", () => {
  it.each(["can you walk me through picking a framework", "let's do the guided recommendation thing"])(
    "%j starts the questions",
    (text) => {
      const reply = ask(text);
      expect(reply.intent).toBe("flow");
      expect(readable(reply)).toMatch(/question 1 of/);
    },
  );

  it("'a handful of A100s, no TPUs' answers the hardware question with NVIDIA GPUs", () => {
    const chat = new Chat();
    chat.say("help me choose a framework");
    chat.say("nlp research");
    const reply = chat.say("a handful of A100s, no TPUs");
    expect(reply.intent).toBe("flow");
    expect(readable(reply)).toMatch(/noted for hardware: nvidia gpus/);
  });

  it.each(["just give me the recommendation now", "ok what's your pick?", "just tell me what you'd go with"])(
    "%j mid-flow gives the result from the answers so far and names what was not asked",
    (text) => {
      const chat = new Chat();
      chat.say("help me choose a framework");
      chat.say("computer vision");
      chat.say("skip");
      const reply = chat.say(text);
      expect(reply.intent).toBe("flow-result");
      expect(reply.pick).toBe("pytorch");
      expect(readable(reply)).toMatch(/from your 1 answer so far; not asked: .*scale/);
      // Refining goes on from there.
      expect(reply.blocks.some((b) => b.kind === "choices")).toBe(true);
    },
  );

  it("a full description typed at a question, asking what to use, is recorded and answered at once", () => {
    const chat = new Chat();
    chat.say("recommend something for us");
    const reply = chat.say(
      "we're a research lab doing 50B param pretraining on tpu pods, the team is fluent in functional programming. what should we use?",
    );
    expect(reply.intent).toBe("flow-result");
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/also noted: .*hardware: google cloud tpus/);
  });
});

describe("asking back when a name may be another thing's", () => {
  // Words no sense of senses.json lists ("mall", "sundays", "chewing cables"): either reading could be
  // meant. "is jax beach worth a visit" holds two of Jacksonville's words and is declined instead.
  it.each(["is jax mall open on sundays", "my dog jax keeps chewing cables, how do i stop him"])(
    "%j asks whether the framework was meant, naming nothing as an answer",
    (text) => {
      const reply = ask(text);
      expect(reply.intent).toBe("clarify");
      expect(reply.technologies).toEqual([]);
      expect(readable(reply)).toMatch(/did you mean jax, the framework\?/);
      expect(readable(reply).length).toBeLessThan(300);
    },
  );

  it("the offered choice, clicked or typed as its number, answers about the framework", () => {
    const chat = new Chat();
    chat.say("is jax mall open on sundays");
    const reply = chat.say("1");
    expect(reply.intent).toBe("profile");
    expect(reply.technologies).toEqual(["jax"]);
  });

  it("a noun the source holds keeps it a question about the framework", () => {
    expect(ask("avg salary for a jax engineer in nyc?").intent).not.toBe("clarify");
    expect(ask("how many kwh of energy does training with tensorflow use?").intent).not.toBe("clarify");
  });
});

describe("a mechanism or a seller asked without 'how'", () => {
  it("'what is torch.compile built on' names what it is built on", () => {
    expect(
      readable(ask("what is torch.compile built on, and how much faster does it make inference?")),
    ).toMatch(/torchdynamo|torchinductor/);
  });

  it("'who sells paid pytorch support and for how much' answers with the support options, not the users", () => {
    const text = readable(ask("paid pytorch support - who sells it and for how much?"));
    expect(text).toMatch(/\$5,000-\$50,000/);
    expect(text).toMatch(/aws, azure and gcp/);
  });
});

describe("long messages: context, asides and several questions", () => {
  const ops =
    "context: ops engineer, not an ml person. our ds team is arguing tf vs pytorch and i need to plan the infra. what's the install footprint of each, how often do they release (i hate surprise upgrades), and does either one have long term support versions?";

  it("first-person context does not turn questions about named technologies into a brief", () => {
    const reply = ask(ops);
    expect(reply.intent).toBe("multi-part");
    const text = readable(reply);
    expect(text).toMatch(/500-700mb/);
    expect(text).toMatch(/release frequency/);
  });

  it("an aside about the asker in parentheses is not asked about", () => {
    expect(readable(ask(ops))).not.toMatch(/doesn't cover "surprise"/);
  });

  it("a list in parentheses is one phrase, and 'which framework' still asks for a pick", () => {
    const reply = ask(
      "we're building an internal ml platform and want the most mature production tooling (tf serving, tfx, tensorboard). which framework",
    );
    expect(reply.pick).toBe("tensorflow");
  });
});

describe("briefs without a question", () => {
  it.each([
    ["two-person team, $500/mo budget, text classification on 200k samples", "pytorch"],
    [
      "weather-forecasting research w/ neural operators, custom autodiff, and we have free TPU credits",
      "jax",
    ],
  ])("%j gets a pick", (text, pick) => {
    expect(ask(text).pick).toBe(pick);
  });

  it("the field's words beside something of ours keep a message in the field", () => {
    const reply = ask("weekend side project, wanna train a gan on my rtx 3060, no idea what im doing lol");
    expect(reply.intent).not.toBe("not-covered");
    expect(reply.pick).toBe("pytorch");
  });

  it.each([
    "recommend a mechanical keyboard under $150?",
    "what transformer do i need to run a 110v kettle on 240v",
  ])("%j is still declined", (text) => {
    const reply = ask(text);
    expect(reply.technologies).toEqual([]);
    expect(reply.pick).toBeNull();
  });
});

describe("a typo in a word's ending", () => {
  it("'how much cheeper is jax compute for big trainig runs' reads as the training-cost question", () => {
    const text = readable(ask("how much cheeper is jax compute for big trainig runs"));
    expect(text).toMatch(/15-30%/);
    expect(text).not.toMatch(/doesn't cover "trainig"/);
  });
});

describe("a question mark on a trailing fragment", () => {
  it("'jax enterprise support contract, ballpark per month?' asks about the support contract", () => {
    const reply = ask("jax enterprise support contract, ballpark per month?");
    expect(reply.intent).toBe("fact");
    expect(readable(reply)).toMatch(/\$5,000-\$20,000\/month/);
  });
});

describe("several parts about one technology", () => {
  it("each part is answered about the subject, and all answers come before any detail", () => {
    const reply = ask("jax: what are the main cons, and what's the ecosystem like");
    const text = readable(reply);
    expect(text).toMatch(/flax/);
    // Both answers come before the first part's long list.
    expect(text.indexOf("ecosystem and pretrained models")).toBeLessThan(
      text.indexOf("more on jax: weaknesses"),
    );
  });

  it("'what libs do ppl use on top of jax' names its libraries ('on top of' ranks nothing)", () => {
    expect(readable(ask("what libs do ppl use on top of jax"))).toMatch(/flax.*optax.*haiku/);
  });
});

describe("answers stated after a result", () => {
  it("a bare answer after a recommendation adds to it, and 'starting from scratch' restarts nothing", () => {
    const chat = new Chat();
    chat.say("recommend something for us: we're a 3-person startup doing nlp on nvidia gpus");
    expect(readable(chat.say("a single machine with a few gpus"))).toMatch(
      /updated from what you said: scale/,
    );
    expect(readable(chat.say("python generalists"))).toMatch(/updated from what you said: team/);
    const reply = chat.say("starting from scratch");
    expect(reply.intent).toBe("recommend");
    expect(readable(reply)).toMatch(/updated from what you said: codebase/);
  });

  it("a bare answer with no result yet is read as a brief", () => {
    expect(ask("python generalists").intent).not.toBe("not-covered");
  });
});

describe("doubts about a result", () => {
  it("'would we regret switching?' after a JAX result gives JAX's downsides", () => {
    const chat = new Chat();
    chat.say("we train 70B models on TPU pods, what should we use?");
    expect(chat.last.pick).toBe("jax");
    const reply = chat.say("would we regret switching?");
    expect(reply.technologies).toContain("jax");
    expect(readable(reply)).toMatch(/learning curve/);
  });
});

describe("dates asked of several technologies", () => {
  it("'when did pt2 come out? and tf3?' shows each release year", () => {
    const text = readable(ask("when did pt2 come out? and tf3?"));
    expect(text).toMatch(/2023/);
    expect(text).toMatch(/2024/);
    expect(text).not.toMatch(/doesn't give a date/);
  });
});

describe("chat shorthand (meta.abbreviations)", () => {
  it.each([
    ["pt SO qs?", /75,000/],
    ["tf so qs", /85000/],
    ["jax SO tag count?", /3,500/],
  ])("%j reads as the Stack Overflow question count", (text, figure) => {
    expect(readable(ask(text))).toMatch(figure);
  });
});

describe("a topic named in several words is no stranger", () => {
  it("'mlops platforms listed in the explore more bit?' lists them instead of declining", () => {
    const text = readable(ask("mlops platforms listed in the 'explore more' bit?"));
    expect(text).toMatch(/kubeflow/);
    expect(text).toMatch(/mlflow/);
  });
});

describe("a brief stated without a question", () => {
  it("names its technology as what the team has", () => {
    const reply = ask("cv startup, 3 eng, 8 A100s, train monthly, everyone already writes pytorch");
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("pytorch");
  });
});

describe("asking for the pick again after a result", () => {
  it.each(["ok so which one do you pick?", "your call?", "final answer?"])(
    "%j restates the result, with no note about changes",
    (text) => {
      const chat = new Chat();
      chat.say("which framework should we use? we have a tpu pod and retrain every week");
      const first = chat.last.pick;
      expect(first).toBe("jax");
      const reply = chat.say(text);
      expect(reply.intent).toBe("recommend");
      expect(reply.pick).toBe(first);
      expect(readable(reply)).not.toMatch(/changes none|Updated from/);
    },
  );

  it("'just pick one' in the middle of the questions gives the result from the answers so far", () => {
    const chat = new Chat();
    chat.say("help us pick a framework");
    chat.say("android and ios apps");
    const reply = chat.say("just pick one");
    expect(reply.pick).toBe("tensorflow");
    expect(readable(reply)).toMatch(/not asked/);
  });
});

describe("a word inside a longer flow-answer phrase", () => {
  it("'tf or pytorch for a team of python devs' reads the team, not community size (developers)", () => {
    const reply = ask("tf or pytorch for a team of python devs");
    expect(reply.aspect).not.toBe("community-size");
    expect(reply.pick).toBe("pytorch");
  });

  it("a stronger aspect phrase stays: 'how big is the pytorch core team'", () => {
    expect(readable(ask("how big is the pytorch core team"))).toMatch(/50\+ maintainers/);
  });
});

describe("words asking for an approximate figure", () => {
  it("'roughly what's the monthly tco ballpark' after a brief answers the cost, not 'ballpark'", () => {
    const text = readable(
      ask(
        "4 of us doing speech models on 8 gpus, retrain monthly. which framework, and what's the monthly tco ballpark?",
      ),
    );
    expect(text).toMatch(/2,000-\$8,000/);
    expect(text).not.toMatch(/ballpark/);
  });
});

describe("a name other things share (technology.sharedNames)", () => {
  it.each([
    "flight delays into jax airport this morning?",
    "driving from jax to orlando tonight, traffic bad?",
  ])("%j names no technology and stays short", (text) => {
    const reply = ask(text);
    expect(reply.technologies).toEqual([]);
    expect(readable(reply).length).toBeLessThan(400);
  });

  it.each([
    ["does jax run on apple m2 chips", "jax"],
    ["how do i install tf on an m1 mac", "tensorflow"],
  ])("%j, a question about hardware, stays about %s", (text, tech) => {
    expect(ask(text).technologies).toContain(tech);
  });
});

describe("a count's unit words", () => {
  it("'3 backend devs, want whatever is easiest to learn' is about beginners, not community size", () => {
    const reply = ask("3 backend devs, want whatever is easiest to learn");
    expect(reply.aspect).not.toBe("community-size");
    expect(reply.pick).toBe("pytorch");
  });

  it("'300 gpu hours a month' is under the page's 1000 GPU-hours, so no large-scale pick", () => {
    const reply = ask("we train maybe 300 gpu hours a month, nothing big");
    expect(reply.pick).not.toBe("jax");
    expect(ask("each run is about 3000 gpu hours, what should we use").pick).toBe("jax");
  });
});

describe("doubts that set two of the source's claims against each other", () => {
  it("'pytorch's monthly range starts at $2000 yet the gpu line is $2234, how?' gets the known flaw", () => {
    const text = readable(ask("pytorch's monthly range starts at $2000 yet the gpu line is $2234, how?"));
    expect(text).toMatch(FLAW_LEAD);
    expect(text).toMatch(/does not add up/);
  });

  it("'the page says X but also says Y' about NumPy is one doubt, not two questions", () => {
    const reply = ask(
      "the page says pytorch suits teams leaving numpy but also says jax is for numpy codebases?",
    );
    expect(readable(reply)).toMatch(FLAW_LEAD);
    expect(reply.intent).not.toBe("multi-part");
  });

  it("a doubt reads the aspect it is about, not only its words: 'tf and jax monthly costs identical? 🤔'", () => {
    expect(readable(ask("tf and jax monthly costs identical? 🤔"))).toMatch(FLAW_LEAD);
  });

  it("accepting one figure and asking for another is no doubt", () => {
    const text = readable(ask("ok torch.compile takes 15-45s, fine, but what's the speedup after that?"));
    expect(text).not.toMatch(FLAW_LEAD);
  });

  it("'the jax code sample, would it even run?' names the shape fault and JAX", () => {
    const reply = ask("the jax code sample has a bug? dense layer shape looks wrong");
    expect(readable(reply)).toMatch(/14x14/);
    expect(reply.technologies).toContain("jax");
  });
});

describe("a range of people", () => {
  it("'8-10m devs' quotes a community's size, not a team of 8", () => {
    const text = readable(
      ask("tf has 8-10m devs vs pytorch's 2.5m, how come pytorch is called dominant? sus"),
    );
    expect(text).toMatch(/75% of papers/);
  });
});

describe("a price asked, none in the answer", () => {
  it("'what does an a100 cost per hour on gcp?' says the page gives no price before what it does say", () => {
    expect(readable(ask("what does an a100 cost per hour on gcp?"))).toMatch(/doesn't give a price/);
  });

  it("a price answered 'free' is answered", () => {
    expect(readable(ask("does tensorflow cost anything?"))).not.toMatch(/doesn't give a price/);
  });
});

describe("an estate stated by its size", () => {
  it("'300k lines of tf2 behind tf serving, what should the next model use?' keeps TensorFlow", () => {
    expect(
      ask("we've got about 300k lines of tf2 behind tf serving, what should the next model use?").pick,
    ).toBe("tensorflow");
  });
});

describe("a brief, then a question about the pick in the first person", () => {
  it("'..., which framework, and how much compute would that save us?' answers both", () => {
    const reply = ask(
      "we train 30B models on a big tpu pod. which framework, and how much compute would that save us?",
    );
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/15-30%/);
  });
});

describe("a count's unit is no subject", () => {
  it("'3 person startup building a new architecture for audio' is a brief, not 'person' uncovered", () => {
    const reply = ask("3 person startup building a new architecture for audio, what fits?");
    expect(readable(reply)).not.toMatch(/"person"/);
    expect(reply.pick).toBe("pytorch");
  });
});

describe("a social line between the guided questions", () => {
  it("'cheers' mid-flow gets a short reply and where the flow stands; '1' next still answers", () => {
    const chat = new Chat();
    chat.say("help me pick a framework");
    const asked = readable(chat.last);
    const reply = chat.say("cheers");
    expect(reply.intent).toBe("social");
    expect(readable(reply).length).toBeLessThan(300);
    expect(readable(reply)).toMatch(/still waiting/);
    const next = chat.say("1");
    expect(next.intent).toBe("flow");
    expect(readable(next)).not.toBe(asked);
    expect(readable(next)).toMatch(/question 2 of/i);
  });
});

describe("briefs in shapes that read as something else", () => {
  it.each([
    // A question first, the brief after it: recommended from the brief, not ranked on its last need.
    ["what framework should we use? we've got a tpu pod and we retrain weekly", "jax"],
    // A relative "who" asks nothing: a brief stated without a question.
    ["a nonprofit with one dev who knows python wants to sort bird photos cheaply", "pytorch"],
  ])("%j is recommended from (pick %s)", (text, pick) => {
    const reply = ask(text);
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe(pick);
  });
});

describe("a figure quoted from the page points at the statement that holds it", () => {
  it("'$8/hr for 100 hrs is $800' adds the JAX cost estimate that states them, cited", () => {
    const reply = ask("jax tpu at $8/hr for 100 hrs is $800 right?");
    const text = readable(reply);
    expect(text).toMatch(/\$800-\$3,500/);
    expect(text).toMatch(/v3-8 at \$8\/hour for ~100 hours/);
    expect(text).not.toMatch(/doesn't cover "hrs"/);
    expect(reply.sources.map((s) => s.id)).toContain("pricing-licensing");
  });

  it("two figures and no word of ours still find their statements", () => {
    const reply = ask("where does the $3.06/hr x 730 hrs number come from");
    expect(reply.technologies).toContain("pytorch");
    expect(readable(reply)).toMatch(/p3\.2xlarge.*\$2,234/);
  });

  it.each([
    "who won the 2022 world cup",
    "what's the best gaming laptop under $1500",
    "whats a 15% tip on $80",
  ])("one figure in a message about something else finds nothing: %j", (text) => {
    const reply = ask(text);
    expect(reply.technologies).toEqual([]);
  });
});

describe("one wording for every decline", () => {
  it.each([
    ["pt vs mxnet?", ["pytorch"]],
    ["how does julia's flux stack up against these", []],
  ])("%j says the page doesn't cover it (and names %j, of ours, beside it)", (text, ours) => {
    const reply = ask(text);
    expect(reply.technologies).toEqual(ours);
    expect(readable(reply)).toMatch(/the source page doesn't cover (mxnet|flux): it is not in my dataset/);
  });
});

describe("whether a named framework is worth it for the team described", () => {
  it("'we spend about 5k a month on cloud, is jax worth it for us' recommends from the brief and says when JAX would be the pick", () => {
    const reply = ask("we spend about 5k a month on cloud, is jax worth it for us");
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("pytorch");
    const text = readable(reply);
    expect(text).toMatch(/when jax would be the pick/);
    expect(text).toMatch(/over \$50k/);
  });

  it("'use it for our first project?' after a brief with no constraint gets the source's default", () => {
    const reply = ask(
      "3 of us, zero functional programming exp, heard jax is fastest. use it for our first dl project?",
    );
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).toMatch(/functional programming/);
  });

  it("a statement of what the team uses is no question of adopting it", () => {
    const reply = ask("we use jax, how big is its install");
    expect(reply.intent).toBe("fact");
    expect(readable(reply)).toMatch(/150-200 ?mb/);
    expect(readable(reply)).not.toMatch(/doesn't mention "install"/);
  });
});

describe("what a team lacks is a constraint, not the aspect asked", () => {
  it("'12 engineers, 2 of them know jax, no tpus. jax or pt?' weighs the brief, not TPU support", () => {
    const reply = ask("image tagging model, 12 engineers, 2 of them know jax, no tpus. jax or pt?");
    expect(reply.pick).toBe("pytorch");
    expect(reply.aspect).not.toBe("tpu");
  });

  it("a question about the negated aspect itself still singles one out", () => {
    const reply = ask("which one doesn't support mobile at all");
    expect(reply.aspect).toBe("mobile-edge");
    expect(reply.pick).toBe("jax");
  });
});

describe("a measure asked by its opposite word", () => {
  it("'how small can the model get' asks for the size figure 'how big' names", () => {
    const reply = ask(
      "we're putting a product-photo classifier into our android app. which fw, and how small can the model get?",
    );
    expect(reply.pick).toBe("tensorflow");
    expect(readable(reply)).toMatch(/1-50 ?mb/);
  });
});

describe("a wh-question about a named technology is a part of its own", () => {
  it("'what is tf lite for and how big do its models get' answers both", () => {
    const reply = ask("what is tf lite for and how big do its models get");
    expect(reply.intent).toBe("multi-part");
    const text = readable(reply);
    expect(text).toMatch(/mobile|edge/);
    expect(text).toMatch(/1-50 ?mb/);
  });
});

describe("an everyday alias used as a verb", () => {
  it.each([
    "gonna torch our old hadoop cluster next quarter finally lol",
    "should we just torch the old staging cluster after the migration",
  ])("%j names no technology", (text) => {
    const reply = ask(text);
    expect(reply.technologies).toEqual([]);
    expect(reply.pick).toBeNull();
    expect(readable(reply).length).toBeLessThan(300);
  });

  it("the same word as a name still names the technology", () => {
    expect(ask("is torch the best for research").pick).toBe("pytorch");
    expect(ask("does torch run on tpus").technologies).toContain("pytorch");
  });
});

describe("a question frame alone names nothing of ours", () => {
  it("'what year is it' gets the short help, no release table", () => {
    const reply = ask("what year is it");
    expect(reply.technologies).toEqual([]);
    expect(readable(reply)).not.toMatch(/release|doesn't give a date/i);
  });

  it("'when was jax released' still answers about JAX's releases", () => {
    const reply = ask("when was jax released");
    expect(reply.technologies).toEqual(["jax"]);
    expect(reply.aspect).toBe("release-cadence");
  });
});

describe("a name quoted from the page points at the statement that names it", () => {
  it("'paypal fraud detection runs on which framework' answers with the statement naming PayPal, not the overall verdict", () => {
    const reply = ask("paypal fraud detection runs on which framework per this page");
    expect(reply.technologies).toEqual(["tensorflow"]);
    expect(readable(reply)).toMatch(/paypal \(fraud detection\)/);
  });

  it("a name asked of two technologies gets the statement of each", () => {
    const reply = ask("is anthropic a jax shop or a pytorch shop?");
    expect(reply.technologies).toEqual(expect.arrayContaining(["jax", "pytorch"]));
    expect(readable(reply)).toMatch(/anthropic.*anthropic/s);
  });

  it("'or nah' is no technology's name", () => {
    const reply = ask("does tesla use pytorch or nah");
    expect(reply.intent).not.toBe("unknown-technology");
    expect(readable(reply)).toMatch(/tesla \(autopilot\)/);
  });

  it("'big tf users and what they use it for' answers both: who, and for what", () => {
    const text = readable(ask("big tf users and what they use it for"));
    expect(text).toMatch(/airbnb/);
    expect(text).toMatch(/mobile/);
  });
});

describe("an estate stated by the words beside a name (meta.estateWords, option.estateOf)", () => {
  it.each([
    [
      "mid-size retailer, recsys team of 8, 5 yrs of tf serving infra, building a new ranking model",
      "tensorflow",
    ],
    [
      "bank w 6 yrs of tensorflow in prod + a google support contract, starting a new fraud model, do we switch?",
      "tensorflow",
    ],
  ])("%j is a team already on %s", (text, tech) => {
    const reply = ask(text);
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe(tech);
    expect(readable(reply)).toMatch(/existing tensorflow code/);
  });

  it("others' production is no estate of the asker's", () => {
    const reply = ask("which companies actualy run jax in prod / research");
    expect(reply.intent).not.toBe("recommend");
    expect(readable(reply)).toMatch(/deepmind|anthropic/);
  });

  it("a comma between two numbers ends the first count: 'team of 8, 5 yrs'", () => {
    const u = understand(knowledge(), "recsys team of 8, 5 yrs of tf serving infra");
    expect(u.quantities.map((q) => `${q.value} ${q.unit}`)).toEqual(["8 people"]);
  });
});

describe("a line of an estimate names the estimate (a fact's item labels)", () => {
  it.each([
    ["how much is monitoring/logging in the pt breakdown", /monitoring and logging: \$200-\$500/],
    ["mlops tooling cost pytorch", /mlops tooling: \$500-\$2,000/],
    [
      "break down the pytorch monthly estimate for me, esp the gpu compute line",
      /\$3\.06\/hour \* 730 hours = \$2,234/,
    ],
    ["tf3 tco: gpu compute line vs dev/staging envs line?", /staging environments: \$300-\$500/],
  ])("%j answers with the estimate's lines", (text, line) => {
    const reply = ask(text);
    expect(reply.aspect).toBe("tco");
    expect(readable(reply)).toMatch(line);
    expect(readable(reply)).not.toMatch(/doesn't cover "esp"/);
  });
});

describe("a closer fact of the same technology joins the named one", () => {
  it("'pt2 speedup on transformer training?' adds the transformer figure to the headline speedup", () => {
    const reply = ask("pt2 speedup on transformer training?");
    const text = readable(reply);
    expect(text).toMatch(/30-40%/);
    expect(text).toMatch(/1\.3-2\.1x/);
  });

  it("a mechanism asked ('how does torch.compile actually work?') is left to the passages", () => {
    expect(readable(ask("how does torch.compile actually work?"))).toMatch(/torchdynamo/);
  });
});

describe("'what fits' asks for a choice", () => {
  it("'physics group doing PINNs, need hessians + jacobians everywhere, what fits' recommends JAX", () => {
    const reply = ask("physics group doing PINNs, need hessians + jacobians everywhere, what fits");
    expect(reply.pick).toBe("jax");
  });

  it("'only ~2gb free disk in the container, which fw fits' still ranks on install size", () => {
    expect(readable(ask("only ~2gb free disk in the container, which fw fits"))).toMatch(/2\.5 ?gb/);
  });
});

describe("chat shorthand and plain words for a price", () => {
  it("'jax support opts free vs paid?' reads 'opts' as options: the support options", () => {
    const reply = ask("jax support opts free vs paid?");
    expect(reply.aspect).toBe("support");
    expect(readable(reply)).toMatch(/\$150-\$300/);
  });

  it("'do any of them cost money to use' asks whether the frameworks are free", () => {
    const reply = ask("do any of them cost money to use");
    expect(reply.aspect).toBe("core-cost");
    expect(readable(reply)).toMatch(/free/);
  });
});

describe("one common word shared with a fact picks no fact", () => {
  it("'is tf 3.0 even real? thought it was still 2.x' gets the profile, with its release year", () => {
    const reply = ask("is tf 3.0 even real? thought it was still 2.x");
    expect(reply.intent).toBe("profile");
    expect(readable(reply)).toMatch(/2024/);
  });
});

describe("thanks, then the asker's own plan", () => {
  it.each(["appreciate it, prob going w pt then", "thanks, we'll stick with tf"])(
    "%j gets one line back",
    (text) => {
      const reply = ask(text);
      expect(reply.intent).toBe("social");
      expect(readable(reply).length).toBeLessThan(200);
    },
  );

  it("a question after thanks is still answered", () => {
    expect(ask("thanks, should we go with pt?").intent).toBe("recommend");
  });
});

describe("a figure asked of a thing the page names", () => {
  it.each([
    ["what hourly rate does the estimate use for the p3.2xlarge", /\$3\.06/],
    ["how much per hour is the tpu v3-8 in the jax estimate", /\$8\/hour/],
    ["the tpu v3-8 rate per hour, per the cost section?", /\$8\/hour/],
  ])("%j quotes the statement that gives it", (text, figure) => {
    expect(readable(ask(text))).toMatch(figure);
  });

  it("a thing the page never prices gets no borrowed price: 'h100 hourly price on gcp?'", () => {
    const text = readable(ask("h100 hourly price on gcp?"));
    expect(text).not.toMatch(/\$3\.06|\$8\/hour/);
  });

  it("a choice asked on cost is still a choice: 'which is cheapest to serve at scale?'", () => {
    expect(ask("which is cheapest to serve at scale?").pick).toBe("tensorflow");
  });
});

describe("several parts that each ask for a pick", () => {
  it("'for mobile which one, and for tpu-heavy research which one?' answers both", () => {
    const reply = ask("for mobile which one, and for tpu-heavy research which one?");
    const text = readable(reply);
    expect(reply.technologies).toEqual(expect.arrayContaining(["tensorflow", "jax"]));
    expect(text).toMatch(/lite/);
    expect(text).toMatch(/recommendation: jax/);
  });

  it("a correction to a brief is still one result, not a pick per clause", () => {
    const chat = new Chat();
    chat.say("3 person startup prototyping a new arch on gpus, which framework");
    const reply = chat.say(
      "oh wait, our whole stack is tf serving + tfx and we need google support contracts",
    );
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("tensorflow");
  });

  it("'the page's default, and when does it say to pick jax?' answers both", () => {
    const text = readable(ask("the page's default, and when does it say to pick jax?"));
    expect(text).toMatch(/pytorch 2\.0/);
    expect(text).toMatch(/80%/);
    expect(text).toMatch(/\$50k/);
  });
});

describe("the source's own advice, asked about", () => {
  it.each([
    "what's the bottom line recommendation",
    "whats the overall verdict of the page",
    "default choice per the page?",
  ])("%j gives the page's verdict, not the guided questions", (text) => {
    const reply = ask(text);
    expect(reply.intent).toBe("topic");
    expect(readable(reply)).toMatch(/80%/);
  });

  it.each(["what do you recommend?", "recommend a sci-fi novel"])("%j is not the page's verdict", (text) => {
    expect(ask(text).intent).not.toBe("topic");
  });
});

describe("a misspelt word read as the nearest common word", () => {
  it("'traning' is 'training', not the name of another library", () => {
    const reply = ask("traning speedup of pt2 vs 1.x with compile on?");
    expect(reply.intent).not.toBe("unknown-technology");
    expect(readable(reply)).toMatch(/30-40%/);
  });
});

describe("a part of a technology named as the subject", () => {
  it.each([
    ["where does keras fit in tf 3.0", /keras/],
    ["whats tfx, do we pay for it", /tfx/],
    ["what is optax in the jax sample", /optax/],
  ])("%j names that part in the answer", (text, part) => {
    expect(readable(ask(text))).toMatch(part);
  });

  it("a comparison the page does not cover still says so: 'pytorch lightning vs keras?'", () => {
    expect(readable(ask("pytorch lightning vs keras?"))).toMatch(/doesn't cover "lightning"/);
  });
});

describe("a doubt about the source in everyday words", () => {
  it.each([
    [
      "the jax and tf monthly estimates are the same numbers, copy-paste?",
      /different assumptions/,
      /^careful: /,
    ],
    [
      "does the pytorch cost breakdown even add up to its range?",
      /different assumptions|2,234/,
      /^careful: /,
    ],
    ["'500+ engineering teams' trust it, says who?", /marketing/, /^this is how our editors read/],
  ])("%j gets the editors' note on that flaw, opening with what kind of flaw it is", (text, note, lead) => {
    const reply = ask(text);
    expect(reply.intent).toBe("passage");
    expect(readable(reply)).toMatch(note);
    const [first] = reply.blocks.filter((b) => b.kind === "paragraph");
    expect(first && "text" in first ? first.text.toLowerCase() : "").toMatch(lead);
  });

  it("a conclusion drawn from two of the page's figures: '..., so is jax 9x faster?'", () => {
    const text = readable(ask("jax 45k samples/s on v100, tf 5k img/s on a100, so jax is 9x faster right?"));
    expect(text).toMatch(/different baselines and hardware/);
  });

  it("a quoted word of the page set against a figure: '3x the devs but the 'dominant' one?'", () => {
    const text = readable(ask("tf has 3x the developers but pytorch is the 'dominant' one?"));
    expect(text).toMatch(/largest community/);
  });
});

describe("a thing the answer never names, in any question", () => {
  it.each([
    ["which framework is best for graph neural nets", "nets"],
    ["how do i set up pytorch on windows with wsl", "windows"],
    ["tf 2 to 3 migration steps?", "migration"],
  ])("%j says first that the page doesn't mention %j", (text, word) => {
    expect(readable(ask(text))).toMatch(new RegExp(`doesn't (mention|cover) [^.]*"${word}"`));
  });

  it("the word after 'what' names the kind of answer, not a missing thing: 'what optimizer does the jax sample use'", () => {
    const text = readable(ask("what optimizer does the jax sample use"));
    expect(text).not.toMatch(/doesn't mention "optimizer"/);
    expect(text).toMatch(/optax/);
  });

  it("a company the page names is quoted, not called missing: 'paypal + tf, for what?'", () => {
    expect(readable(ask("paypal + tf, for what?"))).toMatch(/fraud/);
  });
});

describe("'how much' opens a question of its own", () => {
  it("'pt vs jax community size, and how much has jax grown' answers both", () => {
    const text = readable(ask("pt vs jax community size, and how much has jax grown"));
    expect(text).toMatch(/2\.5 million/);
    expect(text).toMatch(/300%/);
  });
});

describe("a broad aspect narrowed by the word beside it (aspect.narrows)", () => {
  it.each([
    ["is tf more expensive to train than pt?", /10-25% more to train/],
    ["how much pricier is training on tensorflow vs pytorch", /10-25% more to train/],
  ])("%j reads the training cost, not the monthly total", (text, figure) => {
    const reply = ask(text);
    expect(reply.aspect).toBe("training-cost");
    expect(readable(reply)).toMatch(figure);
  });

  it("a cost named in its own words stays that cost: 'burst cost during heavy training months on pt?'", () => {
    expect(readable(ask("burst cost during heavy training months on pt?"))).toMatch(/\$5,000-\$15,000/);
  });
});

describe("a participle before a name qualifies the name", () => {
  it("'is tf slower to train than compiled pytorch, by how much?' reads speed, not compile time", () => {
    const reply = ask("is tf slower to train than compiled pytorch, by how much?");
    expect(reply.aspect).toBe("runtime-performance");
    expect(readable(reply)).toMatch(/10-20%/);
  });
});

describe("a brief asking for advice, beside a name the page does not cover", () => {
  it("'fast iteration and w&b support matter most, what would you suggest' picks, and says w&b played no part", () => {
    const reply = ask(
      "research group, fast iteration and weights & biases support matter most, what would you suggest",
    );
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).toMatch(/doesn't cover weights & biases, so it played no part/);
  });

  it.each([
    "already on tf serving for our fraud models at the bank, keep going with what?",
    "our whole stack is tfx + tf serving, carry on with which one?",
  ])("%j asks whether to stay: a pick", (text) => {
    expect(ask(text).pick).toBe("tensorflow");
  });
});

describe("a description typed in the guided questions that names a reason enough on its own", () => {
  it("at the first question, 'we build quadrotor controllers and need hessians of the dynamics...' gives the result now, saying why", () => {
    const chat = new Chat();
    chat.say("help me choose a framework");
    const reply = chat.say(
      "we build quadrotor controllers and need hessians of the dynamics for our optimiser",
    );
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/reason enough on its own/);
    expect(readable(reply)).toMatch(/not asked: /);
  });

  it("answering other questions than the one asked: 'we run loads of tf 2.x in prod and need a google support contract'", () => {
    const chat = new Chat();
    chat.say("help me pick between the three");
    const reply = chat.say(
      "we run loads of tf 2.x in prod already and need an official google support contract",
    );
    expect(reply.pick).toBe("tensorflow");
  });

  it("a short answer to the question asked keeps the questions going: 'tpu pods on gcp' at the hardware question", () => {
    const chat = new Chat();
    chat.say("recommend");
    chat.say("pretraining language models");
    const reply = chat.say("tpu pods on gcp");
    expect(reply.pick).toBeNull();
    expect(readable(reply)).toMatch(/question 3 of 9/);
  });
});

describe("statements for a question about several technologies cover each", () => {
  it("'consulting rates per hour for tensorflow and pytorch?' gives both rates", () => {
    const text = readable(ask("consulting rates per hour for tensorflow and pytorch?"));
    expect(text).toMatch(/\$150-\$400\/hour/);
    expect(text).toMatch(/\$150-\$300 per hour/);
  });
});

describe("a doubt word about the asker's own work", () => {
  it("'...flags suspicious transactions..., which framework?' is a brief, not a doubt about the source", () => {
    const reply = ask(
      "we're a 4 person fintech team building a model that flags suspicious transactions, aws gpus, no tpus, nobody knows functional programming. which framework?",
    );
    expect(readable(reply)).not.toMatch(/good catch|caveat:|careful:/);
    expect(reply.pick).toBe("pytorch");
  });
});

describe("comparing words inside the name of a part of the page", () => {
  it.each([
    ["the side by side task for tf, what's in it", /learning-rate scheduling/],
    ["jax side-by-side entry details?", /custom training loop/],
  ])("%j is about that part for the one named, not a comparison", (text, detail) => {
    const reply = ask(text);
    expect(reply.intent).toBe("fact");
    expect(readable(reply)).toMatch(detail);
  });

  it("a comparison in so many words still compares: 'jax vs pytorch side by side task'", () => {
    expect(ask("jax vs pytorch side by side task").intent).toBe("compare");
  });
});

describe("follow-ups about the last answer", () => {
  it("'and a browser build?' after the tflite size asks for that detail of the same statement", () => {
    const chat = new Chat();
    chat.say("how big do tflite models get");
    expect(readable(chat.say("and a web build?"))).toMatch(/5-15mb/);
  });

  it("one word naming an aspect still switches to it: 'what about memory?'", () => {
    const chat = new Chat();
    chat.say("jax compute savings for big runs?");
    expect(chat.say("what about memory?").aspect).toBe("memory");
  });

  it("'no i meant for pytorch, not tf' asks the last question again about pytorch", () => {
    const chat = new Chat();
    chat.say("bert fine-tuning throughput on tf?");
    const reply = chat.say("no i meant for pytorch, not tf");
    expect(reply.technologies).toEqual(["pytorch"]);
    expect(reply.aspect).toBe("throughput");
  });
});

describe("asking why two figures differ", () => {
  it("'why is jax's monthly estimate lower than pytorch's?' adds the editors' note on the estimates' assumptions", () => {
    const text = readable(ask("why is jax's monthly tco lower than pytorch's?"));
    expect(text).toMatch(
      /careful: these figures are not directly comparable\. the monthly tco estimates rest on different assumptions/,
    );
    expect(text).toMatch(/different assumptions/);
  });

  it("a comparison not asked why gets no such note", () => {
    expect(readable(ask("jax vs pytorch monthly tco"))).not.toMatch(FLAW_LEAD);
  });
});

describe("a name the page gives for each technology asked about", () => {
  it("'does anthropic train with jax or with pytorch?' says it is named for both", () => {
    const text = readable(ask("does anthropic train with jax or with pytorch?"));
    expect(text).toMatch(/names anthropic for both (pytorch 2\.0 and jax|jax and pytorch 2\.0)/);
  });

  it("a name given for one of them only is not called 'both': 'does tesla use pytorch or tf'", () => {
    expect(readable(ask("does tesla use pytorch or tf"))).not.toMatch(/for both/);
  });
});

describe("a short message asking for the pick", () => {
  it.each(["pick one please", "recommendation?"])("%j after a result gives that result again", (text) => {
    const chat = new Chat();
    chat.say("quant shop, 6 researchers fluent in functional programming, weekly retrains on gpus");
    const reply = chat.say(text);
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("jax");
  });

  it.each(["so which one?", "what do you suggest?", "so?"])(
    "%j inside the guided questions gives the result now",
    (text) => {
      const chat = new Chat();
      chat.say("i need a framework recommendation");
      chat.say("research, we change architectures every week");
      const reply = chat.say(text);
      expect(reply.pick).toBe("pytorch");
      expect(readable(reply)).toMatch(/not asked: /);
    },
  );
});

describe("two questions where one is a bare list of figures", () => {
  it("'tf lite model sizes and the wasm build sizes pls' answers both sizes, recommending nothing", () => {
    const reply = ask("tflite model sizes and the wasm build sizes pls");
    expect(reply.intent).not.toBe("recommend");
    const text = readable(reply);
    expect(text).toMatch(/1-50mb/);
    expect(text).toMatch(/5-15mb/);
  });

  it("a team described that way is still a brief: 'retailer, team of 8, 5 yrs of tf serving infra, new ranking model'", () => {
    expect(
      ask("mid-size retailer, ml team of 8, 5 yrs of tf serving infra, building a new ranking model").pick,
    ).toBe("tensorflow");
  });

  it("'what licence is tf under, and is it ok on windows?' answers the licence and says windows is not covered", () => {
    const text = readable(ask("what licence is tf under, and is it ok on windows?"));
    expect(text).toMatch(/apache 2\.0/);
    expect(text).toMatch(/doesn't (mention|cover) "windows"/);
  });
});

describe("asking for a framework for work the page never mentions", () => {
  it("'need a framework recommendation for our perception stack (autonomous driving)' starts the guided questions", () => {
    const reply = ask("need a framework recommendation for our perception stack (autonomous driving)");
    expect(reply.intent).toBe("flow");
  });

  it("a number word after 'about' is a count, not a name: 'team size: about twelve people'", () => {
    expect(ask("team size: about twelve people").intent).not.toBe("unknown-technology");
  });
});

describe("a figure asked in keywords, without a question", () => {
  it("'stack overflow question counts for all three pls' gives the three counts, not a recommendation", () => {
    const reply = ask("stack overflow question counts for all three pls");
    expect(reply.intent).not.toBe("recommend");
    const text = readable(reply);
    expect(text).toMatch(/3,500/);
    expect(text).toMatch(/75,000/);
    expect(text).toMatch(/85,?000/);
  });

  it("a statement of work with one constraint is still a brief: 'hackathon this weekend, wanna train an image classifier fast'", () => {
    expect(ask("hackathon this weekend, wanna train an image classifier fast").pick).toBe("pytorch");
  });
});

describe("one of ours beside a name the page does not cover", () => {
  it("'is tensorflow more popular than mxnet?' declines mxnet and still answers what it says of tensorflow", () => {
    const reply = ask("is tensorflow more popular than mxnet?");
    expect(reply.technologies).toEqual(["tensorflow"]);
    expect(readable(reply)).toMatch(/doesn't cover mxnet/i);
  });

  it("names outside the dataset alone still name none of ours: 'mxnet vs caffe'", () => {
    const reply = ask("mxnet vs caffe");
    expect(reply.technologies).toEqual([]);
    expect(readable(reply)).toMatch(/doesn't cover mxnet and caffe/i);
  });
});

describe("a correction's own framing words", () => {
  it("'hold on, i meant 300k images not dollars, spend is about $2k a month' recommends instead of calling 'dollars' uncovered", () => {
    const reply = ask("hold on, i meant 300k images not dollars, spend is about $2k a month");
    expect(readable(reply)).not.toMatch(/doesn't cover "dollars"/);
    expect(reply.intent).toBe("recommend");
  });
});

describe("asking for the pick again in a whole sentence", () => {
  it.each(["so which one should we use?", "ok which would you go with then?"])(
    "%j after a result gives that result again, not the guided questions",
    (text) => {
      const chat = new Chat();
      chat.say("quant shop, 6 researchers fluent in functional programming, weekly retrains on gpus");
      const reply = chat.say(text);
      expect(reply.intent).toBe("recommend");
      expect(reply.pick).toBe("jax");
    },
  );
});

describe("a name in another sense, beside words only the editor's phrases borrow", () => {
  it("'who won the jaguars game in jax yesterday' names none of ours: 'game' is only inside 'game playing'", () => {
    const reply = ask("who won the jaguars game in jax yesterday");
    expect(reply.technologies).toEqual([]);
    expect(reply.pick).toBeNull();
  });

  it("'jax or fiora top lane this patch?' declines without a JAX overview: fiora only stands where a name would", () => {
    const reply = ask("jax or fiora top lane this patch?");
    expect(reply.technologies).toEqual([]);
    expect(readable(reply)).not.toMatch(/numerical computing/i);
  });

  it("hardware talk keeps the framework's sense: 'does jax run on m2 macbooks with metal' is about JAX", () => {
    expect(ask("does jax run on m2 macbooks with metal").technologies).toEqual(["jax"]);
  });
});

describe("a team's statement with a superlative that ranks nothing", () => {
  it("'fintech team, 6 yrs of keras models in prod, 40 engineers, we just want the least painful option' recommends TensorFlow", () => {
    const reply = ask(
      "fintech team, 6 yrs of keras models in prod, 40 engineers, we just want the least painful option",
    );
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("tensorflow");
  });

  it("a ranking asked in keywords stays a ranking: 'best for distributed training past 128 GPUs' picks JAX", () => {
    expect(ask("best for distributed training past 128 GPUs").pick).toBe("jax");
  });
});

describe("the field's task names in a brief", () => {
  it.each([
    [
      "summarization startup: 50k articles, $2k/month budget, 3 devs. pick one for us",
      /nlp and transformer models/i,
    ],
    ["ocr for scanned invoices, tight budget, which framework", /computer vision/i],
  ])("%j reads the workload and recommends", (text, workload) => {
    const reply = ask(text);
    expect(reply.intent).toBe("recommend");
    expect(readable(reply)).toMatch(workload);
  });
});

describe("a count of them in a follow-up", () => {
  it("'and release cadence for those three?' after one-by-one facts compares all three", () => {
    const chat = new Chat();
    chat.say("jax licence?");
    chat.say("and pytorch?");
    const reply = chat.say("and release cadence for those three?");
    expect([...reply.technologies].sort()).toEqual(["jax", "pytorch", "tensorflow"]);
  });
});

describe("a team's own statement opening with we're", () => {
  it("'we're a 3-person lab, new project to detect defects on a production line, nothing legacy' is a brief, not a question", () => {
    const reply = ask(
      "we're a 3-person lab, new project to detect defects on a production line, nothing legacy",
    );
    expect(reply.intent).toBe("recommend");
  });

  it("an opening 'were' before its subject still asks: 'were the benchmarks run on the same gpu'", () => {
    expect(understand(knowledge(), "were the benchmarks run on the same gpu").asks).toBe(true);
  });
});

describe("a what-if after a result in words the flow knows", () => {
  it("'and if we later have to run it on portable devices?' redoes the result for edge hardware", () => {
    const chat = new Chat();
    chat.say("small research group, lots of trial and error on our gpu servers, no legacy code");
    const reply = chat.say("and if we later have to run it on portable devices?");
    expect(reply.pick).toBe("tensorflow");
  });
});

describe("giving something up in a what-if", () => {
  it("'what if we ditch the phones and only do research on our gpus?' after a mobile pick moves it to PyTorch", () => {
    const chat = new Chat();
    expect(chat.say("fitness app team, models run on android phones, 3 devs, which framework?").pick).toBe(
      "tensorflow",
    );
    expect(chat.say("what if we ditch the phones and only do research on our gpus?").pick).toBe("pytorch");
  });
});

describe("a long story, then its question", () => {
  const story =
    "long week here. our team has argued about frameworks for a month and my director wants a memo by monday. " +
    "we run a small gpu cluster and have a few tpu credits, and people keep quoting numbers from random blogs. " +
    "to be clear i don't need a recommendation from you. for the memo i only need one figure: what licence does pytorch use?";

  it("answers the closing question and recommends nothing", () => {
    const reply = ask(story);
    expect(reply.intent).not.toBe("recommend");
    expect(reply.technologies).toContain("pytorch");
    expect(readable(reply)).toMatch(/bsd/i);
  });

  it("a long story that asks for a pick at the end is still a brief", () => {
    const reply = ask(
      "long week here. our team has argued about frameworks for a month and my director wants a memo by monday. " +
        "we run a small gpu cluster, we retrain weekly and everyone knows pytorch already. so which framework should we pick?",
    );
    expect(reply.intent).toBe("recommend");
  });
});

describe("choosing among 'the three'", () => {
  it("'which of the three suits a team that needs hessians on gpus?' picks JAX rather than comparing all three", () => {
    expect(ask("which of the three suits a team that needs hessians on gpus?").pick).toBe("jax");
  });
});

describe("one of our words in another sense", () => {
  it.each([
    ["are flax seeds better ground or whole?", "flax", "plant"],
    [
      "the transformer on our street hums all night, who fixes that, the utility?",
      "transformer",
      "electrical",
    ],
    ["how many stars can you see without a telescope out in the desert", "stars", "sky"],
    ["best seafood restaurant near the jax airport?", "jax", "jacksonville"],
    ["how hot should the nozzle be for tpu filament", "tpu", "plastic"],
  ])("%j names the other sense, no technology, in chat size", (text, term, sense) => {
    const reply = ask(text);
    expect(reply.intent).toBe("not-covered");
    expect(reply.technologies).toEqual([]);
    expect(reply.pick ?? null).toBeNull();
    const said = readable(reply);
    expect(said).toContain(`"${term}"`);
    expect(said).toContain(sense);
    expect(said.length).toBeLessThanOrEqual(300);
  });

  it.each([
    ["flax vs haiku for a transformer model?", "jax"],
    ["how many github stars does jax have", "jax"],
    ["we're a startup in jacksonville: jax or pytorch for our first model?", "pytorch"],
    ["is a tpu worth it for transformer training?", "jax"],
    ["does training in torch drain a laptop battery faster?", "pytorch"],
  ])("%j keeps the field's sense: a tie or no word of the other sense", (text, tech) => {
    const reply = ask(text);
    expect(reply.intent).not.toBe("not-covered");
    expect(reply.technologies).toContain(tech);
  });
});

describe("only everyday words of ours among everyday things", () => {
  it.each([
    "we need to build a fence around the garden before the dog gets out",
    "the grapes came in one tight cluster, how long does the fruit keep in the fridge",
    "the baby mobile over the crib fell down again, what screws hold a ceiling hook",
  ])("%j is about something else: no technology, no pick", (text) => {
    const reply = ask(text);
    expect(reply.intent).toBe("not-covered");
    expect(reply.technologies).toEqual([]);
    expect(reply.pick ?? null).toBeNull();
  });

  it("a question of ours in everyday words still reads as ours", () => {
    expect(ask("which is easiest to build for mobile?").intent).toBe("best-for");
  });
});

describe("a reply about a flaw says what kind of flaw it is first", () => {
  it.each([
    [
      "page lists npm downloads but these are pip packages?",
      /^good catch: that looks like a mislabel/,
      /pypi/,
    ],
    [
      "seconds for two of them but minutes for tf, weird unit no?",
      /^good catch: the page is inconsistent/,
      /minutes/,
    ],
    [
      "different hardware for each speedup, can we compare them at all",
      /^careful: these figures are not directly comparable/,
      /different baselines and hardware/,
    ],
    ["tensorflow 3.0 in 2024, is that even a real release?", /^caveat: this could not be verified/, /2024/],
  ])("%j", (text, lead, detail) => {
    const reply = ask(text);
    expect(reply.intent).toBe("passage");
    const said = readable(reply);
    expect(said).toMatch(detail);
    const [first] = reply.blocks.filter((b) => b.kind === "paragraph");
    expect(first && "text" in first ? first.text.toLowerCase() : "").toMatch(lead);
  });

  it("a figure the page never explains gets its caveat under the figures when asked why", () => {
    const said = readable(ask("why is the performance score 9 for every one of them?"));
    expect(said).toMatch(/caveat: the page never explains this figure/);
  });
});

describe("a figure held against the source's marks", () => {
  it.each([
    [
      "our model is 20B params, does jax start to pay off?",
      "jax",
      /20b parameters: reaches the mark for "models beyond 10b parameters"/,
    ],
    [
      "12 gpus in total, is that big enough for jax to matter?",
      "pytorch",
      /12 gpus: under the 129 gpus mark/,
    ],
    [
      "we'll spend about $8k per training run, is jax worth it?",
      "pytorch",
      /\$8,000: under the \$50,000 mark/,
    ],
  ])("%j says which mark the figure reaches or misses, and picks from that", (text, pick, line) => {
    const reply = ask(text);
    expect(reply.pick).toBe(pick);
    const said = readable(reply);
    expect(said).toMatch(line);
    expect(said).toMatch(
      pick === "jax" ? /jax is the pick on that/ : /the page's default stands: pytorch 2\.0/,
    );
    expect(reply.title).toBe("Your figures against JAX's marks");
  });

  it("a budget written after its amount is money: 'a 120k budget per run'", () => {
    const reply = ask("we have a 120k budget per training run, what should we train with?");
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/runs over \$50k/);
  });

  it("a count stays a count beside 'no budget'", () => {
    expect(readable(ask("we have 200k samples and no budget, what should we use?"))).toMatch(
      /budget: tight or small/,
    );
  });
});

describe("a statement, then a question pointing back at it", () => {
  it("'X, is that slow next to Y?' is one question with its context, not two answers", () => {
    const reply = ask("jax compiles in 45-90 seconds, is that slow next to pytorch?");
    expect(reply.intent).toBe("compare");
    expect(reply.technologies).toEqual(expect.arrayContaining(["jax", "pytorch"]));
    expect(readable(reply)).toMatch(/15-45 seconds/);
  });
});

describe("a later part that only names another technology", () => {
  it("'what does tf do for compile time, and what does jax do?' answers compile time for both", () => {
    const reply = ask("what does tf do for compile time, and what does jax do?");
    const said = readable(reply);
    expect(said).toMatch(/15-45 minutes/);
    expect(said).toMatch(/45-90 seconds/);
    expect(said).not.toMatch(/overview:/);
  });

  it("a part with words of its own keeps them: 'pt2 vs jax community size, and how much has jax grown'", () => {
    expect(readable(ask("pt2 vs jax community size, and how much has jax grown"))).toMatch(/300%/);
  });

  it("a word the asked aspect's statement lacks is found in the technology's other statements, never denied", () => {
    const said = readable(ask("what does tf 3 do for inference latency, and what does pytorch 2 do?"));
    expect(said).toMatch(/30-60% cut in inference latency/);
    expect(said).not.toMatch(/doesn't mention "inference" for pytorch/);
  });
});

describe("a wh-question about the subject by pronoun is a part of its own", () => {
  it("'what is jax good at and where does it fall down' answers both halves", () => {
    const said = readable(ask("what is jax good at and where does it fall down"));
    expect(said).toMatch(/numerical computing/);
    expect(said).toMatch(/learning curve/);
  });
});

describe("a one-word answer qualifying another question's noun", () => {
  it("'tight memory' is about memory, not a tight budget; 'tight budget' still is", () => {
    expect(
      readable(ask("we run models on arm boards with tight memory, what do you recommend?")),
    ).not.toMatch(/budget: tight/);
    expect(readable(ask("tight budget, 3 devs, what should we use?"))).toMatch(/budget: tight or small/);
  });
});
