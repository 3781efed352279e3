import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "gift-pegjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCommand } from "@/lib/cli/export-command";
import { importCommand } from "@/lib/cli/import-command";
import type { CliResult } from "./cli-process";
import { runInProcess } from "./run-in-process";

const dir = mkdtempSync(join(tmpdir(), "synack-xchg-"));
const runs: Record<string, CliResult> = {};

// In-process, as the entries run them (test/cli/entry-points.test.ts runs each entry as a process); the import of a file the export wrote comes after it.
beforeAll(() => {
  const exports: Record<string, string[]> = {
    gift: ["gift", "--quiz", "handshake-basics", "--seed", "5"],
    giftAll: ["gift", "--lang", "zh"],
    xml: ["moodle-xml", "--quiz", "close-and-time-wait", "--lang", "en"],
    anki: ["anki", "--deck", "close", "--lang", "en"],
    badFormat: ["csv"],
    badFlag: ["gift", "--colour"],
    badLang: ["gift", "--lang", "fr"],
    badQuiz: ["gift", "--quiz", "nope"],
    badSeed: ["gift", "--seed", "-1"],
  };
  for (const [name, args] of Object.entries(exports)) runs[name] = runInProcess("export", exportCommand, args);
  writeFileSync(join(dir, "round.gift"), runs.gift!.stdout);
  writeFileSync(join(dir, "nothing.gift"), "::n::How many?{#3}\n");
  const imports: Record<string, string[]> = {
    fixture: ["gift", "test/interchange/fixtures/every-type.gift", "--quiz-id", "every-type"],
    round: ["gift", join(dir, "round.gift"), "--out", join(dir, "out"), "--quiz-id", "handshake-basics"],
    nothing: ["gift", join(dir, "nothing.gift")],
    missing: ["gift", join(dir, "missing.gift")],
    badLang: ["gift", "test/interchange/fixtures/every-type.gift", "--lang", "fr"],
    badId: ["gift", "test/interchange/fixtures/every-type.gift", "--quiz-id", "Not Kebab"],
    noFile: ["gift"],
  };
  for (const [name, args] of Object.entries(imports)) runs[`import-${name}`] = runInProcess("import", importCommand, args);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run -s export", () => {
  it("gift writes a GIFT file gift-pegjs reads, one category and the quiz's ten questions", () => {
    expect(runs.gift!.code).toBe(0);
    const parsed = parse(runs.gift!.stdout);
    expect(parsed.filter((question) => question.type === "Category")).toHaveLength(1);
    expect(parsed.filter((question) => question.type !== "Category")).toHaveLength(10);
    expect(runs.gift!.stdout).toContain('lang\\="zh" class\\="multilang"');
  });

  it("gift without --quiz writes every quiz in content/, each under its $CATEGORY, in one language with --lang", () => {
    expect(runs.giftAll!.code).toBe(0);
    expect(runs.giftAll!.stdout.match(/^\$CATEGORY: /gm)).toHaveLength(readdirSync("content/quizzes").filter((name) => name.endsWith(".yaml")).length);
    expect(runs.giftAll!.stdout).not.toContain("multilang");
    expect(runs.giftAll!.stdout).toContain("服务器处于 LISTEN");
  });

  it("moodle-xml writes an XML quiz and anki a text file with Anki's headers first", () => {
    expect(runs.xml!.code).toBe(0);
    expect(runs.xml!.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<quiz>/);
    expect(runs.anki!.code).toBe(0);
    expect(runs.anki!.stdout.split("\n").slice(0, 2)).toEqual(["#separator:tab", "#html:true"]);
  });

  it("a bad format, flag, language, quiz or seed is one line on stderr and exit code 2", () => {
    for (const name of ["badFormat", "badFlag", "badLang", "badQuiz", "badSeed"]) {
      expect(runs[name]!.code, name).toBe(2);
      expect(runs[name]!.stderr.trim().split("\n"), name).toHaveLength(1);
      expect(runs[name]!.stdout, name).toBe("");
    }
    expect(runs.badLang!.stderr).toBe("export: --lang must be zh or en\n");
    expect(runs.badQuiz!.stderr).toMatch(/^export: no quiz "nope"; quizzes: /);
  });
});

describe("npm run -s import", () => {
  it("writes the quiz YAML to stdout and each skipped question as FILE:line: message on stderr", () => {
    const run = runs["import-fixture"]!;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Imported from test\/interchange\/fixtures\/every-type\.gift/);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(12);
    for (const line of lines) expect(line).toMatch(/^test\/interchange\/fixtures\/every-type\.gift:\d+: /);
  });

  it("--out DIR writes DIR/<quiz id>.yaml: the round trip of an exported quiz", () => {
    const run = runs["import-round"]!;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`import: wrote ${join(dir, "out", "handshake-basics.yaml")} (10 questions, 0 skipped)\n`);
    expect(readFileSync(join(dir, "out", "handshake-basics.yaml"), "utf8")).toContain("type: next-state");
  });

  it("exits 1 when nothing can be imported, 2 on a missing file or a bad flag", () => {
    expect(runs["import-nothing"]!.code).toBe(1);
    expect(runs["import-nothing"]!.stderr).toContain(":1: a numerical question");
    for (const name of ["missing", "badLang", "badId", "noFile"]) {
      expect(runs[`import-${name}`]!.code, name).toBe(2);
      expect(runs[`import-${name}`]!.stderr.trim().split("\n"), name).toHaveLength(1);
    }
    expect(runs["import-missing"]!.stderr).toMatch(/missing\.gift: no such file\n$/);
  });
});
