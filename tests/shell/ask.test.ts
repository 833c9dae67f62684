import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type AnswerJson, askBatch } from "../../adapters/shell/ask.js";
import { knowledge } from "../engine/helpers.js";

/** Runs `stackwise ask --json [--thread]` on this stdin and returns the JSON objects it printed. */
async function batch(stdin: string, thread = false): Promise<AnswerJson[]> {
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk: Buffer) => {
    written += chunk.toString("utf8");
  });
  await askBatch(knowledge(), Readable.from([stdin]), output, { thread });
  return written
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AnswerJson);
}

describe("stackwise ask --json", () => {
  it("prints one object per line; a lone carriage return does not end a line, CRLF does", async () => {
    const out = await batch("what license does jax use\rand pytorch?\r\ntf install size\n");
    expect(out).toHaveLength(2);
    expect(out[1]?.technologies).toEqual(["tensorflow"]);
  });

  it("lists a reply's buttons as choices, and none for a plain answer", async () => {
    const [flow, fact] = await batch("recommend\njax license\n");
    expect(flow?.choices.length).toBeGreaterThan(2);
    expect(flow?.choices[0]).toEqual({ id: expect.any(String), label: expect.any(String) });
    expect(fact?.choices).toEqual([]);
  });

  it("gives an answer an answer_id, and a flow question or help none", async () => {
    const [flow, fact, help] = await batch("recommend\njax license\nhelp\n");
    expect(fact?.answer_id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(flow?.answer_id).toBeNull();
    expect(help?.answer_id).toBeNull();
  });

  it("without --thread every line is a fresh conversation: a bare number is just text", async () => {
    const [, second] = await batch("recommend\n1\n");
    expect(second?.intent).not.toBe("flow");
  });

  it("with --thread the lines are one conversation and a bare number picks that choice", async () => {
    const [first, second, third] = await batch("recommend\n1\nback\n", true);
    expect(first?.text).toMatch(/Question 1 of/);
    expect(second?.text).toMatch(/Question 2 of/);
    expect(third?.text).toMatch(/Question 1 of/);
    const [, followUp] = await batch("what license does pytorch use\nand jax?\n", true);
    expect(followUp?.technologies).toEqual(["jax"]);
    expect(followUp?.text).toMatch(/Apache/);
  });
});
