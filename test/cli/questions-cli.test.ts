import { beforeAll, describe, expect, it } from "vitest";
import { questionsCommand } from "@/lib/cli/questions-command";
import type { CliResult } from "./cli-process";
import { runInProcess } from "./run-in-process";

type Run = CliResult;

let runs: Record<string, Run> = {};

beforeAll(() => {
  const cases: Record<string, string[]> = {
    nextState: ["--kind", "next-state", "--count", "5", "--seed", "7", "--json"],
    nextStateAgain: ["--kind", "next-state", "--count", "5", "--seed", "7", "--json"],
    segment: ["--kind", "segment", "--count", "5", "--seed", "7", "--json"],
    linux: ["--kind", "sends", "--count", "40", "--seed", "7", "--profile", "linux", "--json"],
    many: ["--count", "10000", "--seed", "1", "--json"],
    zh: ["--count", "3", "--seed", "2", "--lang", "zh"],
    coverage: ["--coverage"],
    help: ["--help"],
    badKind: ["--kind", "essay"],
    badFlag: ["--number", "3"],
    badLang: ["--lang", "fr"],
    badCount: ["--count", "lots"],
    badProfile: ["--profile", "bsd"],
  };
  // In-process, as its entry runs it (test/cli/entry-points.test.ts runs the entry as a process).
  runs = Object.fromEntries(Object.entries(cases).map(([name, args]) => [name, runInProcess("questions", questionsCommand, args)]));
});

describe("npm run -s questions", () => {
  it("--json prints {id, kind, profile, params, prompt, choices, answer, explanation, tests}; next-state params are {state, event, context}", () => {
    const list = JSON.parse(runs.nextState!.stdout) as Record<string, unknown>[];
    expect(list).toHaveLength(5);
    for (const question of list) {
      expect(Object.keys(question)).toEqual(["id", "kind", "profile", "params", "prompt", "choices", "answer", "explanation", "tests"]);
      expect(question.kind).toBe("next-state");
      expect(question.profile).toBe("rfc9293");
      expect(Object.keys(question.params as object)).toEqual(["state", "event", "context"]);
      expect(typeof question.answer).toBe("string");
      expect(Object.keys(question.prompt as object)).toEqual(["zh", "en"]);
    }
  });

  it("the same seed gives the same questions", () => {
    expect(runs.nextStateAgain!.stdout).toBe(runs.nextState!.stdout);
  });

  it("segment params are {scenario, lose, index, isn} and the answer {flags, seq, ack}", () => {
    for (const question of JSON.parse(runs.segment!.stdout) as { params: object; answer: object }[]) {
      expect(Object.keys(question.params)).toEqual(["scenario", "lose", "index", "isn"]);
      expect(Object.keys(question.answer)).toEqual(["flags", "seq", "ack"]);
    }
  });

  it("--profile linux asks in the linux profile and names it where RFC 9293 would answer otherwise", () => {
    expect(runs.linux!.code).toBe(0);
    const list = JSON.parse(runs.linux!.stdout) as { profile: string; params: { state: string; event: string }; prompt: { en: string; zh: string }; answer: string }[];
    for (const question of list) expect(question.profile).toBe("linux");
    const abort = list.filter((question) => question.params.event === "abort" && question.answer === "RST+ACK");
    expect(abort.length).toBeGreaterThan(0);
    for (const question of abort) expect(question.prompt.en).toMatch(/^On Linux: /);
  });

  it("--count 10000 produces ten thousand questions of every kind", () => {
    expect(runs.many!.code).toBe(0);
    const list = JSON.parse(runs.many!.stdout) as { kind: string }[];
    expect(list).toHaveLength(10_000);
    expect(new Set(list.map((question) => question.kind)).size).toBe(11);
  });

  it("--lang zh prints the questions in Chinese", () => {
    expect(runs.zh!.code).toBe(0);
    expect(runs.zh!.stdout).toMatch(/答案: /);
    expect(runs.zh!.stdout).toMatch(/^1\. \[/);
  });

  it("--coverage lists every diagram arrow as covered", () => {
    expect(runs.coverage!.code).toBe(0);
    expect(runs.coverage!.stdout).toContain("21 of 21 diagram arrows (→) covered");
    expect(runs.coverage!.stdout).not.toContain("NOT COVERED\n→");
  });

  it("--help prints every flag and every kind, and exits 0", () => {
    expect(runs.help!.code).toBe(0);
    expect(runs.help!.stderr).toBe("");
    for (const flag of ["--kind", "--count", "--seed", "--lang", "--profile", "--json", "--coverage", "--content", "--help"]) expect(runs.help!.stdout).toContain(flag);
    for (const kind of JSON.parse(runs.many!.stdout).map((question: { kind: string }) => question.kind)) expect(runs.help!.stdout).toContain(kind);
  });

  it.each([
    ["badKind", /^questions: unknown kind "essay"; valid: next-state, segment, /],
    ["badFlag", /^questions: unknown flag --number; valid: --kind, --count, /],
    ["badLang", /^questions: --lang must be zh or en$/],
    ["badCount", /^questions: --count must be a number$/],
    ["badProfile", /^questions: --profile must be rfc9293 or linux$/],
  ])("%s: one line on stderr, exit code 2", (name, message) => {
    const run = runs[name]!;
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr.trimEnd()).toMatch(message);
  });
});
