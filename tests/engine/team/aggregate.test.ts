import { describe, expect, it } from "vitest";
import { aggregate, teamReasons } from "../../../src/engine/team/aggregate.js";
import { knowledge } from "../helpers.js";

const member = (name: string, answers: Record<string, string>) => ({ member: name, answers });

describe("aggregate(): a team's answers combined by Borda count", () => {
  const k = knowledge();

  it("a unanimous team: everyone's pick is the team's, every shared answer is an agreement, nothing splits", () => {
    const same = { workload: "research", hardware: "nvidia-gpus", team: "pytorch-experienced" };
    const r = aggregate(
      k,
      ["a", "b", "c"].map((m) => member(m, same)),
    );
    expect(r.pick).toBe("pytorch");
    expect(r.voters).toBe(3);
    expect(r.members.map((m) => m.pick)).toEqual(["pytorch", "pytorch", "pytorch"]);
    // 3 options: first place 2 points each.
    expect(r.ranking[0]).toMatchObject({ tech: "pytorch", points: 6 });
    expect(r.decidedBy).toBe("points");
    expect(r.agreements).toEqual([
      { question: "workload", option: "research", members: 3 },
      { question: "hardware", option: "nvidia-gpus", members: 3 },
      { question: "team", option: "pytorch-experienced", members: 3 },
    ]);
    expect(r.splits).toEqual([]);
  });

  it("a 3–2 split on hardware decides the pick, and the swing names the fewest members who would move it", () => {
    const base = { workload: "research", scale: "multi-node-cluster" };
    const tpus = { ...base, hardware: "google-tpus" };
    const gpus = { ...base, hardware: "nvidia-gpus" };
    const three = aggregate(k, [
      member("a", tpus),
      member("b", tpus),
      member("c", tpus),
      member("d", gpus),
      member("e", gpus),
    ]);
    expect(three.pick).toBe("jax");
    const flipped = aggregate(k, [
      member("a", gpus),
      member("b", gpus),
      member("c", gpus),
      member("d", tpus),
      member("e", tpus),
    ]);
    expect(flipped.pick).toBe("pytorch");
    // Only hardware differs: the two shared answers agree, hardware splits 3–2 with who chose what.
    expect(three.agreements.map((a) => a.question)).toEqual(["workload", "scale"]);
    expect(three.splits).toEqual([
      {
        question: "hardware",
        options: [
          { option: "google-tpus", members: ["a", "b", "c"] },
          { option: "nvidia-gpus", members: ["d", "e"] },
        ],
      },
    ]);
    // One member switching to GPUs would tie the points and the summed scores would decide; the
    // smallest change found moves the pick away from jax with a single member.
    expect(three.swing).not.toBeNull();
    expect(three.swing?.members).toBe(1);
    const moved = aggregate(
      k,
      ["a", "b", "c", "d", "e"].map((m) => {
        const answers = { ...(["a", "b", "c"].includes(m) ? tpus : gpus) } as Record<string, string>;
        if (three.swing?.who.includes(m)) answers[three.swing.question] = three.swing.option;
        return member(m, answers);
      }),
    );
    expect(moved.pick).toBe(three.swing?.winner);
  });

  it("all 'not sure': everyone abstains with too few answers, and there is no pick", () => {
    const skip = { workload: "skip", hardware: "skip", scale: "skip" };
    const r = aggregate(k, [member("a", skip), member("b", skip), member("c", {})]);
    expect(r.pick).toBeNull();
    expect(r.voters).toBe(0);
    expect(r.ranking).toEqual([]);
    expect(r.members.every((m) => m.abstains && m.pick === null)).toBe(true);
    expect(r.agreements).toEqual([]);
    expect(r.splits).toEqual([]);
    expect(r.swing).toBeNull();
  });

  it("a member with fewer answers than the flow needs abstains without moving the count", () => {
    const r = aggregate(k, [
      member("a", { workload: "research", team: "pytorch-experienced" }),
      member("b", { budget: "large-training" }),
    ]);
    expect(r.members[1]).toMatchObject({ member: "b", abstains: true, answered: 1 });
    expect(r.voters).toBe(1);
    expect(r.pick).toBe("pytorch");
  });

  it("a tie on Borda points is broken by the summed scores, then by the source's default", () => {
    // a ranks jax > pytorch > tensorflow, b pytorch > jax > tensorflow: 3 points each.
    const a = { workload: "scientific-autodiff", budget: "large-training" }; // pytorch 1, jax 9
    const b = { team: "pytorch-experienced", codebase: "existing-pytorch" }; // pytorch 8, jax -2
    const r = aggregate(k, [member("a", a), member("b", b)]);
    expect(r.ranking[0]?.points).toBe(r.ranking[1]?.points);
    expect(r.pick).toBe("pytorch");
    expect(r.decidedBy).toBe("score");
    expect(r.ranking.map((x) => [x.tech, x.score])).toEqual([
      ["pytorch", 9],
      ["jax", 7],
      ["tensorflow", -4],
    ]);

    // Mirror images with equal sums: the points and the scores tie, the source's default decides.
    const c = { workload: "research", scale: "frontier" }; // jax 5, pytorch 3
    const d = { workload: "reinforcement-learning", codebase: "numpy-heavy" }; // pytorch 5, jax 3
    const tie = aggregate(k, [member("c", c), member("d", d)]);
    expect(tie.ranking[0]?.points).toBe(tie.ranking[1]?.points);
    expect(tie.ranking[0]?.score).toBe(tie.ranking[1]?.score);
    expect(tie.pick).toBe("pytorch");
    expect(tie.decidedBy).toBe("default");
  });

  it("unknown questions and options count as unanswered, never as a crash", () => {
    const r = aggregate(k, [
      member("a", { nope: "x", workload: "no-such-option", team: "pytorch-experienced" }),
    ]);
    expect(r.members[0]).toMatchObject({ answered: 1, abstains: true });
  });

  it("the team's reasons are the answers that pushed its pick most, with the source's sections", () => {
    const same = { workload: "research", team: "pytorch-experienced" };
    const reasons = teamReasons(k, [member("a", same), member("b", same)], "pytorch");
    expect(reasons[0]).toMatchObject({ from: "team", option: "pytorch-experienced", members: 2 });
    expect(reasons[0]?.sources.length).toBeGreaterThan(0);
  });
});
