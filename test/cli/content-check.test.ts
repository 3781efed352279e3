import { describe, expect, it } from "vitest";
import { contentCheckCommand } from "@/lib/cli/content-check-command";
import { writeBadInputDir } from "../content/bad-input-fixture";
import { writeContentDir } from "../content/content-fixture";
import { runInProcess } from "./run-in-process";

/** `npm run -s content:check -- ...args`, in-process as its entry runs it (test/cli/entry-points.test.ts runs the entry as a process). */
function contentCheck(...args: string[]) {
  return runInProcess("content:check", contentCheckCommand, args);
}

describe("npm run -s content:check", () => {
  it("passes on the project's own content/", () => {
    const run = contentCheck();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^content: \d+ files \(\d+ notes, \d+ cards, \d+ quizzes with \d+ questions\), \d+ claims checked; no problems\n$/);
  });

  it("reports each problem as path:line: message and exits 1 with a summary", () => {
    const dir = writeContentDir({
      "notes/n.md": "---\nid: n\ntitle: {zh: 标题, en: Title}\n---\n:::zh\n```claim\nin: FIN_WAIT_1\non: rcv FIN\nthen: FIN_WAIT_2\n```\n:::\n",
    });
    const run = contentCheck("--dir", dir);
    expect(run.code).toBe(1);
    const problems = run.stderr.trim().split("\n");
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/notes\/n\.md:9: in FIN_WAIT_1, "rcv FIN" leads to CLOSING, not FIN_WAIT_2: /);
    expect(problems[1]).toMatch(/notes\/n\.md:11: missing the :::en section/);
    expect(run.stdout).toMatch(/1 files .* 1 claims checked; 2 problems/);
  });

  it("files that once stopped it with 'internal error' (issue 10) are each a path:line problem, listed with the rest", () => {
    const run = contentCheck("--dir", writeBadInputDir());
    expect(run.code).toBe(1);
    const problems = run.stderr.trim().split("\n");
    expect(problems.length).toBeGreaterThanOrEqual(12);
    for (const problem of problems) expect(problem).toMatch(/^\S+:\d+: \S/);
    expect(run.stderr).not.toMatch(/internal error|the check failed/);
    expect(run.stdout).toMatch(/^content: \d+ files .*; \d+ problems\n$/);
  });

  it("a wrong flag or a missing folder is one line and exit code 2", () => {
    const bad = contentCheck("--folder", "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("content:check: unknown or incomplete flag --folder; valid: --dir DIR, --help\n");
    const missing = contentCheck("--dir", "/nonexistent/synack");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("content:check: --dir /nonexistent/synack: no such folder\n");
  });

  it("--help says what it checks and how, and checks nothing", () => {
    const help = contentCheck("--help");
    expect(help.code).toBe(0);
    expect(help.stderr).toBe("");
    expect(help.stdout).toMatch(/^usage: npm run -s content:check -- \[--dir DIR\]\n/);
    expect(help.stdout).not.toMatch(/claims checked/);
  });
});
