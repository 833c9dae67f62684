import { describe, expect, it } from "vitest";
import { ask, Chat, readable } from "./helpers.js";

describe("follow-ups in the same conversation", () => {
  it("'and TensorFlow?' keeps the aspect", () => {
    const chat = new Chat();
    chat.say("what license does jax use?");
    const reply = chat.say("and TensorFlow?");
    expect(reply.technologies).toEqual(["tensorflow"]);
    expect(reply.aspect).toBe("license");
    expect(readable(reply)).toMatch(/apache 2\.0/);
  });

  it("'what about its memory?' keeps the technology", () => {
    const chat = new Chat();
    chat.say("tell me about jax");
    const reply = chat.say("what about its memory?");
    expect(reply.technologies).toEqual(["jax"]);
    expect(readable(reply)).toMatch(/20-30%/);
  });

  it("'and pytorch?' after a cost question", () => {
    const chat = new Chat();
    chat.say("tensorflow tco");
    expect(readable(chat.say("and pytorch?"))).toMatch(/\$2,000-\$8,000/);
  });

  it("an aspect alone after a comparison compares the same technologies", () => {
    const chat = new Chat();
    chat.say("jax vs pytorch");
    const reply = chat.say("what about license?");
    expect(reply.technologies).toEqual(["jax", "pytorch"]);
    expect(reply.aspect).toBe("license");
  });

  it("'why not JAX?' after a recommendation explains the gap", () => {
    const chat = new Chat();
    const rec = chat.say(
      "we're a small startup doing nlp research on nvidia gpus, python devs, what should we use?",
    );
    expect(rec.pick).toBe("pytorch");
    const why = chat.say("why not JAX?");
    expect(why.intent).toBe("why-not");
    expect(why.technologies[0]).toBe("jax");
    expect(readable(why)).toMatch(/scored/);
  });

  it("'why not tensorflow' without a recommendation uses the source's overall advice", () => {
    const reply = ask("why not tensorflow?");
    expect(reply.technologies).toContain("tensorflow");
    expect(reply.pick).toBe("pytorch");
  });
});

describe("unknown technologies, off-topic and noise", () => {
  const unknown = [
    "How does Caffe compare?",
    "what about MXNet?",
    "is theano any good",
    "tell me about scikit-learn",
  ];
  for (const q of unknown) {
    it(q, () => {
      const reply = ask(q);
      expect(reply.technologies).toEqual([]);
      expect(reply.pick).toBeNull();
      expect(readable(reply)).toMatch(/not in my dataset/);
      expect(readable(reply)).toMatch(/jax/);
    });
  }
  it("pytorch vs mxnet: declines mxnet, says what the page says of pytorch, and picks neither", () => {
    const reply = ask("pytorch vs mxnet");
    expect(reply.technologies).toEqual(["pytorch"]);
    expect(reply.pick).toBeNull();
    expect(readable(reply)).toMatch(/not in my dataset/);
  });
  it("names the unknown technology back", () => {
    expect(readable(ask("How does Caffe compare?"))).toMatch(/caffe/);
  });

  const noise = [
    "hello there",
    "hi",
    "thanks!",
    "what's the weather in paris",
    "asdfghjkl",
    "???",
    "🙂",
    "",
    "   ",
    "lol",
    "help",
  ];
  for (const q of noise) {
    it(`'${q}' gets a short friendly help reply`, () => {
      const reply = ask(q);
      expect(reply.technologies).toEqual([]);
      expect(reply.pick).toBeNull();
      expect(readable(reply)).toMatch(/ask|compare|recommend/);
    });
  }

  it("never throws and never answers empty, whatever the input", () => {
    const weird = [
      "<!channel>",
      "<@U123> jax",
      "`rm -rf /`",
      "a".repeat(5000),
      "\u0000\u0001",
      "jax ".repeat(300),
      "vs vs vs",
      "1",
      "# ## ###",
    ];
    for (const q of weird) {
      const reply = ask(q);
      expect(reply.blocks.length).toBeGreaterThan(0);
      expect(readable(reply).length).toBeGreaterThan(0);
    }
  });
});

describe("follow-ups that widen or narrow a comparison", () => {
  it("'compare them on cost' means the last two technologies discussed", () => {
    const chat = new Chat();
    chat.say("tell me about tensorflow");
    chat.say("what about jax");
    const reply = chat.say("compare them on cost");
    expect([...reply.technologies].sort()).toEqual(["jax", "tensorflow"]);
    expect(reply.aspect).toBe("tco");
  });

  it("'add tf too' after a comparison adds it to the table", () => {
    const chat = new Chat();
    chat.say("jax vs pytorch on memory");
    const reply = chat.say("add tf too");
    expect(reply.technologies).toEqual(["jax", "pytorch", "tensorflow"]);
    expect(reply.aspect).toBe("memory");
  });

  it("'which of those is cheaper' answers on cost for the technologies just compared", () => {
    const chat = new Chat();
    chat.say("pytorch vs jax");
    const reply = chat.say("which of those is cheaper");
    expect(reply.aspect).toBe("tco");
    // The estimates favour JAX; the source's cost summary concludes for PyTorch, and decides.
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).toMatch(/\$800-\$3,500/);
    expect(readable(reply)).toMatch(/own conclusion decides/);
  });
});

describe("typed navigation in the guided flow", () => {
  it("a number past the options picks the navigation shown after them", () => {
    const chat = new Chat();
    chat.say("recommend");
    chat.click(chat.choices().find((c) => c.role === "answer")?.id ?? "");
    const back = chat.choices().findIndex((c) => /^back$/i.test(c.label)) + 1;
    chat.say(String(back));
    expect(chat.state.flow?.answers).toEqual({});
  });

  it("an answer that contains a command word is still an answer ('from scratch')", () => {
    const chat = new Chat();
    chat.say("recommend");
    for (let i = 0; i < 10 && chat.state.flow?.current !== "codebase"; i++) chat.say("skip");
    expect(chat.state.flow?.current).toBe("codebase");
    chat.say("from scratch");
    expect(chat.state.flow?.answers.codebase).toBe("greenfield");
  });
});
