import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * Issue 13: one data model, two migration histories, and a check that fails
 * when they drift. `npm run -s db:drift` runs as a process, on SQLite always
 * and on PostgreSQL when the test server is there (it checks both histories
 * itself, so the postgresql project leaves this file out).
 */
const postgres = process.env.SYNACK_TEST_POSTGRES_URL;
const postgresArgs = postgres ? ["--postgres", postgres] : [];

function drift(args: string[]) {
  return spawnSync("node_modules/.bin/tsx", ["scripts/migration-drift.ts", ...args], { encoding: "utf8" });
}

describe("npm run -s db:drift", () => {
  it("passes on the committed histories, comparing every column, index and key", () => {
    const run = drift(postgresArgs);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^sqlite: prisma\/migrations builds prisma\/schema\.prisma \(\d{3,} columns, indexes and keys compared\)$/m);
    if (postgres) expect(run.stdout).toMatch(/^postgresql: prisma\/postgresql\/migrations builds prisma\/schema\.prisma \(\d{3,} columns, indexes and keys compared\)$/m);
  });

  it("fails when the data model has a column and an index that no migration made, naming them", () => {
    const model = readFileSync("prisma/schema.prisma", "utf8").replace(
      /(model Learner \{\n)/,
      "$1  nickname String?\n  @@index([nickname])\n",
    );
    const path = join(mkdtempSync(join(tmpdir(), "synack-drift-test-")), "schema.prisma");
    writeFileSync(path, model);
    const run = drift(["--schema", path, ...postgresArgs]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`sqlite: prisma/migrations does not build ${path}:`);
    expect(run.stdout).toMatch(/only in the data model: +column Learner\.nickname TEXT$/m);
    expect(run.stdout).toMatch(/only in the data model: +index Learner\.Learner_nickname_idx \(nickname\)$/m);
    if (postgres) {
      expect(run.stdout).toContain(`postgresql: prisma/postgresql/migrations does not build ${path}:`);
      expect(run.stdout).toMatch(/only in the data model: +column Learner\.nickname text$/m);
    }
  });

  it("refuses a --postgres that is not a PostgreSQL URL with one line and exit code 2", () => {
    const run = drift(["--postgres", "mysql://db/synack"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^db:drift: --postgres must be a postgresql:\/\/ URL; usage: .+\n$/);
    expect(run.stdout).toBe("");
  });
});
