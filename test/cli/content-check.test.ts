import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { writeContentDir } from "../content/content-fixture";

function contentCheck(...args: string[]) {
  const result = spawnSync("node_modules/.bin/tsx", ["lib/cli/content-check.ts", ...args], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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

  it("a wrong flag or a missing folder is one line and exit code 2", () => {
    const bad = contentCheck("--folder", "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("content:check: unknown or incomplete flag --folder; valid: --dir DIR\n");
    const missing = contentCheck("--dir", "/nonexistent/synack");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("content:check: --dir /nonexistent/synack: no such folder\n");
  });
});
