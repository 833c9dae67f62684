// Memory growth of the engine in this process: 100,000 turns over 100 live conversations (sample
// questions, and guided flows answered to the end), heapUsed after a forced GC every 10,000 turns,
// after 100,000 warm-up turns. Without the warm-up the slope measures V8 optimising the engine
// (heapUsed counts compiled code and type feedback): here +1.3 MiB over the first 100,000 turns,
// then +58 KiB over the next 280,000. Needs --expose-gc:  node --expose-gc bench/growth.mjs
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fromDist, root } from "./lib.mjs";

export async function benchGrowth(turns = 100_000, every = 10_000, conversations = 100, warmup = 100_000) {
  if (typeof globalThis.gc !== "function") throw new Error("run node with --expose-gc");
  const { compile, loadDataset, respond, initialState, textInput, choiceInput } =
    await fromDist("src/index.js");
  const k = compile(loadDataset(`${root}/data`));
  const sample = readFileSync(`${root}/../shared/eval/qa-public.jsonl`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l).q);
  const states = Array.from({ length: conversations }, () => initialState());
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  const turn = (i) => {
    const c = i % conversations;
    const state = states[c];
    let input;
    if (state.flow?.current) {
      const q = k.question.get(state.flow.current);
      input = choiceInput(`flow:${q.id}:${q.options[i % q.options.length].id}`);
    } else if (i % 25 === 0) input = textInput("recommend");
    else input = textInput(sample[i % sample.length]);
    states[c] = respond(k, state, input).state;
  };
  const baseline = { turn: -warmup, heapUsed: heap() };
  for (let i = 1; i <= warmup; i++) turn(i);
  const samples = [{ turn: 0, heapUsed: heap() }];
  const started = performance.now();
  for (let i = 1; i <= turns; i++) {
    turn(warmup + i);
    if (i % every === 0) samples.push({ turn: i, heapUsed: heap() });
  }
  const seconds = (performance.now() - started) / 1000;
  // Least-squares slope over every sample after the warm-up.
  const pts = samples;
  const mx = pts.reduce((a, p) => a + p.turn, 0) / pts.length;
  const my = pts.reduce((a, p) => a + p.heapUsed, 0) / pts.length;
  const slope =
    pts.reduce((a, p) => a + (p.turn - mx) * (p.heapUsed - my), 0) /
    pts.reduce((a, p) => a + (p.turn - mx) ** 2, 0);
  return {
    turns,
    conversations,
    seconds,
    warmup,
    samples,
    first: samples[0],
    last: samples.at(-1),
    baseline,
    slopeBytesPerTurn: slope,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchGrowth();
  for (const s of r.samples)
    console.log(`${String(s.turn).padStart(7)} turns  heapUsed ${(s.heapUsed / 1048576).toFixed(2)} MiB`);
  console.log(`slope ${r.slopeBytesPerTurn.toFixed(2)} bytes/turn (${r.seconds.toFixed(1)} s)`);
}
