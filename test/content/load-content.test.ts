import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../server/test-database";
import { writeBadInputDir } from "./bad-input-fixture";

/*
 * Issue 10: `npm start` died with a stack trace when one content file
 * crashed the parser. Its content step is scripts/load-content.ts, run here
 * as npm start runs it, on a temporary SQLite file: it lists what fails,
 * leaves it out, loads the rest and exits 0 so that the app starts.
 */
describe("npm start's content step (scripts/load-content.ts) on files that once crashed it", () => {
  let url: string;
  let path: string;

  beforeAll(async () => {
    const database = createTestDatabase();
    await database.db.$disconnect();
    ({ url, path } = database);
  });

  // The timeout guards against a hang; the run itself takes seconds.
  it("lists every bad file as path:line, loads the good note and deck, and exits 0", { timeout: 600_000 }, () => {
    const dir = writeBadInputDir();
    const run = spawnSync("node_modules/.bin/tsx", ["scripts/load-content.ts", dir], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url },
    });
    const problems = run.stderr.trim().split("\n");
    const summary = problems.pop();

    expect(run.status, run.stderr).toBe(0);
    expect(summary).toMatch(/^content: \d+ problems; the items concerned are not loaded/);
    for (const problem of problems) expect(problem).toMatch(/^\S+:\d+: \S/);
    expect(run.stderr).not.toMatch(/internal error|the check failed|    at /);
    const named = new Set(problems.map((problem) => /([^/]+?):\d+: /.exec(problem)?.[1]));
    for (const file of ["merge.yaml", "bomb.yaml", "states.yaml", "claim.md", "nested.md", "deep.yaml", "huge.yaml", "nul.yaml", "binary.yaml", "latin1.md", "loop", "outside.md"]) {
      expect(named, file).toContain(file);
    }
    expect(run.stdout).toBe("content: loaded 1 notes, 1 cards, 0 quizzes\n");

    const stored = new Database(path, { readonly: true });
    expect(stored.prepare("SELECT id FROM Note WHERE active = 1").all()).toEqual([{ id: "good" }]);
    expect(stored.prepare("SELECT id FROM Card WHERE active = 1").all()).toEqual([{ id: "c1" }]);
    stored.close();
  });
});
