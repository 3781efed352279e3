import Database from "better-sqlite3";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLearner } from "../server/progress-seed";
import { createTestDatabase } from "../server/test-database";
import type { CliResult } from "./cli-process";
import { runDbCli } from "./run-db-cli";

/*
 * `npm run -s db -- backup FILE | check`, in-process as its entry runs it, on a real database
 * file with learners in it, and every command's usage errors (test/cli/db-copy.test.ts
 * copies and backs up with a PostgreSQL server).
 */

let database: ReturnType<typeof createTestDatabase>;
let folder: string;

function db(args: string[], url = database.url, path = process.env.PATH): Promise<CliResult> {
  return runDbCli(args, url, path);
}

beforeAll(async () => {
  database = createTestDatabase();
  for (const tag of ["a", "b", "c"]) await seedLearner(database.db, tag);
  folder = mkdtempSync(join(tmpdir(), "synack-backup-"));
});

afterAll(async () => {
  await database.db.$disconnect();
});

describe("db backup", () => {
  it("copies the database into a file that passes its integrity check and holds the same rows", async () => {
    const target = join(folder, "backup.db");
    const run = await db(["backup", target]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^backed up .*test\.db to .*backup\.db \(\d+ bytes, integrity ok\): 3 learners, 6 card states, 9 reviews, 3 quiz and interview sessions, 9 answers\n$/);
    const copy = new Database(target, { readonly: true });
    const source = new Database(database.path, { readonly: true });
    for (const table of ["Learner", "CardState", "ReviewLog", "StudySession", "Answer"]) {
      const rows = (file: Database.Database) => file.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all();
      expect(rows(copy), table).toEqual(rows(source));
    }
    copy.close();
    source.close();
    // No partial file is left beside it.
    expect(readdirSync(folder)).toEqual(["backup.db"]);
  });

  it("refuses to replace an existing file unless told, and leaves it as it was", async () => {
    const target = join(folder, "kept.db");
    writeFileSync(target, "not a database");
    const refused = await db(["backup", target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`db: ${target} exists; give --force to replace it\n`);
    const forced = await db(["backup", target, "--force"]);
    expect(forced.code).toBe(0);
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare('SELECT COUNT(*) AS n FROM "Learner"').get() as { n: number }).n).toBe(3);
    copy.close();
  });

  it("says what is wrong, in one line with exit code 2, for a wrong command, flag, folder or database", async () => {
    const cases: [string[], string, RegExp][] = [
      [["frob"], database.url, /^db: unknown command "frob"; usage: /],
      [[], database.url, /^db: usage: npm run -s db -- backup FILE \[--force\] \| check \| copy --to postgresql:\/\/\.\.\. \[--replace\] \(--help says more\)\n$/],
      [["backup"], database.url, /^db: backup takes one FILE; /],
      [["backup", join(folder, "x.db"), "--nope"], database.url, /^db: unknown flag --nope; /],
      [["backup", join(folder, "no-such-folder", "x.db")], database.url, /^db: .*no-such-folder: no such folder\n$/],
      [["backup", database.path], database.url, /^db: the backup must be another file than the database itself\n$/],
      [["check"], `file:${join(folder, "missing.db")}`, /^db: no database at .*missing\.db/],
      [["backup", join(folder, "x.db"), "--to", "postgresql://h/d"], database.url, /^db: backup does not take --to; /],
      [["check", "--replace"], database.url, /^db: check does not take --replace; /],
      // copy: the source must be SQLite, the target a reachable PostgreSQL server named by --to; no password is ever printed.
      [["copy"], database.url, /^db: copy needs --to postgresql:\/\/USER@HOST:PORT\/DATABASE, the PostgreSQL database to copy into\n$/],
      [["copy", "--to"], database.url, /^db: --to needs a value, the postgresql:\/\/ URL to copy into; /],
      [["copy", "--to", "postgresql://h/d", "--nope"], database.url, /^db: unknown flag --nope; /],
      [["copy", "--to", "postgresql://h/d", "extra"], database.url, /^db: copy takes no arguments; /],
      [["copy", "--to", "file:/tmp/x.db"], database.url, /^db: --to must be a postgresql:\/\/ URL \(copy moves a SQLite database to PostgreSQL\), not a file: URL\n$/],
      [["copy", "--to", "mysql://root:secret@h/d"], database.url, /^db: --to must be a postgresql:\/\/ URL .*, not a mysql: URL\n$/],
      [["copy", "--to", "postgresql://synack:secret@127.0.0.1:1/synack"], database.url, /^db: cannot connect to postgresql:\/\/synack:\*\*\*@127\.0\.0\.1:1\/synack: .*ECONNREFUSED.*\n$/],
      [["copy", "--to", "postgresql://127.0.0.1:1/synack"], `file:${join(folder, "missing.db")}`, /^db: no database at .*missing\.db .*\n$/],
      [["copy", "--to", "postgresql://127.0.0.1:1/synack"], "postgresql://synack:secret@127.0.0.1:1/synack", /^db: copy reads a SQLite database, and DATABASE_URL names postgresql:\/\/synack:\*\*\*@127\.0\.0\.1:1\/synack; between PostgreSQL databases use db -- backup and pg_restore\n$/],
      [["check"], "postgresql://synack:secret@127.0.0.1:1/synack", /^db: cannot connect to postgresql:\/\/synack:\*\*\*@127\.0\.0\.1:1\/synack: .*\n$/],
      [["backup", join(folder, "pg.dump")], "postgresql://synack:secret@127.0.0.1:1/synack", /^db: cannot connect to postgresql:\/\/synack:\*\*\*@127\.0\.0\.1:1\/synack: .*\n$/],
    ];
    // One at a time: each run sets DATABASE_URL in this process's environment.
    const runs = [];
    for (const [args, url] of cases) runs.push(await db(args, url));
    for (const [i, [args, , message]] of cases.entries()) {
      const run = runs[i]!;
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stdout).toBe("");
      expect(run.stderr, args.join(" ")).not.toContain("secret");
    }
    expect(existsSync(join(folder, "x.db"))).toBe(false);
    expect(existsSync(join(folder, "pg.dump"))).toBe(false);
  });
});

describe("db backup on PostgreSQL without pg_dump", () => {
  it("says what to install, in one line with exit code 1, before connecting", async () => {
    // A PATH with nothing on it.
    const bin = join(folder, "empty-path");
    mkdirSync(bin);
    const run = await db(["backup", join(folder, "pg.dump")], "postgresql://synack:secret@127.0.0.1:1/synack", bin);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^db: pg_dump was not found on PATH \(.*ENOENT\): install PostgreSQL's client tools, of the server's major version or newer \(Debian: apt-get install postgresql-client\)\n$/);
    expect(existsSync(join(folder, "pg.dump"))).toBe(false);
  });
});

describe("db check", () => {
  it("reports integrity and the counts", async () => {
    const run = await db(["check"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/test\.db: integrity ok; 3 learners, 6 card states, 9 reviews, 3 quiz and interview sessions, 9 answers\n$/);
  });
});

describe("db --help", () => {
  it("describes every command and its flags", async () => {
    const run = await db(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    for (const usage of ["db -- backup FILE [--force]", "db -- check", "db -- copy --to postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE [--replace]"]) expect(run.stdout).toContain(usage);
  });
});
