import { describe, expect, it } from "vitest";
import { ask, Chat, readable } from "./helpers.js";

/** Questions about a result, corrections in words, and typed answers in the guided flow. */
describe("questions about the last result", () => {
  const afterRecommendation = () => {
    const chat = new Chat();
    chat.say("we're a 5 person startup doing nlp research on a few gpus, what should we use");
    expect(chat.last.pick).toBe("pytorch");
    return chat;
  };

  it.each(["what would flip this?", "what would change the recommendation?", "what would change your mind?"])(
    "%j answers from the result: the deciding answer and the source's reasons for the others",
    (text) => {
      const chat = afterRecommendation();
      const reply = chat.say(text);
      expect(reply.intent).toBe("what-would-change");
      expect(readable(reply)).toMatch(/training on google tpus/);
      expect(readable(reply)).toMatch(/existing tensorflow codebase/);
      expect(chat.state.flow?.current ?? null).toBeNull(); // no flow restarted
    },
  );

  it("'when would jax be worth it for us?' lists the source's triggers for JAX", () => {
    const reply = afterRecommendation().say("when would jax be worth it for us?");
    expect(reply.technologies).toEqual(["jax"]);
    const text = readable(reply);
    for (const trigger of [
      /tpus/,
      /\$50k/,
      /higher-order derivatives|custom autodiff/,
      /functional programming/,
    ])
      expect(text).toMatch(trigger);
  });

  it("'what would it take for tensorflow to win?' lists TensorFlow's: an existing estate, mobile, enterprise support", () => {
    const text = readable(afterRecommendation().say("what would it take for tensorflow to win?"));
    expect(text).toMatch(/existing tensorflow codebase/);
    expect(text).toMatch(/mobile/);
    expect(text).toMatch(/enterprise support/);
  });

  it("with no result yet, the same question gives the source's reasons and offers the questions", () => {
    const reply = new Chat().say("when would jax be worth it?");
    expect(reply.intent).toBe("what-would-change");
    expect(readable(reply)).toMatch(/say "recommend"/);
  });
});

describe("corrections in words", () => {
  it("'actually we don't use TPUs' drops the TPU answer and redoes the recommendation", () => {
    const chat = new Chat();
    chat.say("we run everything on tpu pods and train big transformers, 15B+ params. what should we use?");
    expect(chat.last.pick).toBe("jax");
    const reply = chat.say(
      "actually we don't use TPUs - it's 8 nvidia gpus on aws, small team that knows pytorch",
    );
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).toMatch(
      /updated from what you said: .*hardware: nvidia gpus \(was google cloud tpus\)/,
    );
  });

  it("'no, I meant 200k samples, not dollars' is acknowledged, and the count is not a budget", () => {
    const chat = new Chat();
    chat.say("we do training runs of 200k with 4 people on cloud gpus, which framework?");
    const reply = chat.say("no, I meant 200k samples, not dollars");
    expect(reply.intent).toBe("recommend");
    expect(readable(reply)).toMatch(/noted/);
    expect(readable(reply)).not.toMatch(/budget: large/);
  });
});

describe("typed answers in the guided flow", () => {
  const atQuestion = (topic: string) => {
    const chat = new Chat();
    chat.say("recommend");
    for (let i = 0; i < 12 && !new RegExp(topic).test(chat.last.title ?? ""); i++) chat.say("1");
    expect(chat.last.title).toMatch(new RegExp(topic));
    return chat;
  };

  it("a negated word meets the option that negates it: 'nothing existing' is starting from scratch", () => {
    const reply = atQuestion("codebase").say("nothing existing");
    expect(readable(reply)).toMatch(/noted for codebase: starting from scratch/);
  });

  it("'we don't use tpus' at the hardware question never records TPUs", () => {
    const reply = atQuestion("hardware").say("we don't use tpus");
    expect(readable(reply)).not.toMatch(/noted for hardware: google cloud tpus/);
  });

  it("the words of a correction ('scratch that') answer nothing", () => {
    const reply = atQuestion("codebase").say("scratch that: we retrain twice a year");
    expect(readable(reply)).not.toMatch(/noted for codebase/);
    expect(readable(reply)).toMatch(/training frequency: occasionally/);
  });

  it("'we know tf.keras well' at the team question is recorded, and says so", () => {
    const chat = atQuestion("team");
    const reply = chat.say("we know tf.keras well");
    expect(readable(reply)).toMatch(/noted for team: experienced with tensorflow \/ keras/);
    expect(chat.state.flow?.answers.team).toBe("tensorflow-experienced");
  });

  it("'we retrain a couple of times a year' at the training question is an answer", () => {
    const chat = atQuestion("training");
    chat.say("we retrain a couple of times a year");
    expect(chat.last.intent).toBe("flow-result");
    expect(chat.state.lastRecommendation?.answers["training-frequency"]).toBe("occasional");
  });

  it("a question answered from the description is never passed by in silence", () => {
    const chat = new Chat();
    chat.say("recommend");
    chat.say("nlp with transformers, serving it behind a rest api in the cloud");
    chat.say("nvidia gpus"); // hardware
    chat.say("a single machine"); // scale
    const reply = chat.say("python generalists"); // team; deployment was already said
    expect(readable(reply)).toMatch(
      /already known from what you said, so not asked: deployment \(cloud or server api\)/,
    );
  });

  it("back returns to the question asked just before", () => {
    const chat = atQuestion("team");
    chat.say("we know tf.keras well");
    expect(chat.last.title).toMatch(/deployment/);
    chat.say("back");
    expect(chat.last.title).toMatch(/team/);
    expect(chat.state.flow?.answers.team).toBeUndefined();
  });

  it("a typed number picks from a clarification's own choices", () => {
    const chat = atQuestion("scale");
    const reply = chat.say("small models on a cluster");
    if (reply.intent === "clarify") {
      const first = reply.blocks.find((b) => b.kind === "choices");
      chat.say("1");
      expect(chat.state.flow?.answers.scale).toBe(
        first?.kind === "choices" ? first.choices[0]?.id.split(":")[2] : "",
      );
    } else expect(chat.state.flow?.answers.scale).toBeDefined();
  });
});

describe("what would change a pick read from a description", () => {
  it("names an answer the user has not given, not the opposite of what they just said", () => {
    const reply = ask("we've got 200k text samples to classify and no budget, what should we use?");
    const text = readable(reply);
    expect(reply.pick).toBe("pytorch");
    const pivot = text.match(/what would change the pick:[^\n]*\n?[^\n]*/i)?.[0] ?? "";
    expect(pivot).not.toMatch(/budget/i);
    expect(pivot).toMatch(/if you answered \w+ with/i);
  });

  it("ends each trade-off sentence, so two never run together", () => {
    const text = readable(ask("we've got 200k text samples to classify and no budget, what should we use?"));
    expect(text).not.toMatch(/more basic pytorch mobile/);
    expect(text).toMatch(/more basic\. pytorch mobile/);
  });
});

describe("when a technology starts to pay off", () => {
  it("'model size where jax starts to shine?' lists the source's reasons to pick JAX, the 10B mark among them", () => {
    const reply = ask("model size where jax starts to shine?");
    expect(reply.intent).toBe("what-would-change");
    expect(readable(reply)).toMatch(/10b parameters/);
  });
});

describe("why the pick", () => {
  it("'why?' after a recommendation gives the answers that set the pick apart", () => {
    const chat = new Chat();
    chat.say("we're a 5 person startup doing nlp research on a few gpus, what should we use");
    const reply = chat.say("why?");
    expect(reply.pick).toBe("pytorch");
    expect(readable(reply)).toMatch(/ahead of jax/);
    expect(readable(reply)).toMatch(/research and rapid prototyping/);
  });
});
