import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/server/passwords";
import { createTestDatabase } from "../server/test-database";
import { instructorCommand } from "@/lib/cli/instructor-command";
import type { CliResult } from "./cli-process";
import { runAsyncInProcess } from "./run-in-process";

/*
 * `npm run -s instructor -- add|list|reset-password|remove`, in-process as its entry runs it,
 * one at a time, on a real database file.
 */

let database: ReturnType<typeof createTestDatabase>;

function instructor(args: string[], url = database.url): Promise<CliResult> {
  return runAsyncInProcess("instructor", instructorCommand, args, { DATABASE_URL: url });
}

const ONE_TIME = /one-time password(?: for \S+)?: ([2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){3})\n/;

beforeAll(() => {
  database = createTestDatabase();
});
afterAll(async () => {
  await database.db.$disconnect();
});

describe("instructor add", () => {
  it("without --password prints a one-time password that signs in and must be changed", async () => {
    const run = await instructor(["add", " Ada@School.EDU ", "--name", "Ada Lovelace"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^added ada@school\.edu\n/);
    const oneTime = ONE_TIME.exec(run.stdout)?.[1];
    expect(oneTime).toBeDefined();
    const row = await database.db.instructor.findUniqueOrThrow({ where: { email: "ada@school.edu" } });
    expect(row).toMatchObject({ name: "Ada Lovelace", mustChangePassword: true });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(row.passwordHash, oneTime!)).toBe(true);
  });

  it("with --password sets that password, with nothing to change", async () => {
    const run = await instructor(["add", "grace@school.edu", "--password", "a long chosen passphrase"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/one-time/);
    const row = await database.db.instructor.findUniqueOrThrow({ where: { email: "grace@school.edu" } });
    expect(row).toMatchObject({ name: null, mustChangePassword: false });
    expect(await verifyPassword(row.passwordHash, "a long chosen passphrase")).toBe(true);
  });

  it("refuses an email that already has an account, in one line, and changes nothing", async () => {
    const before = await database.db.instructor.findUniqueOrThrow({ where: { email: "ada@school.edu" } });
    const run = await instructor(["add", "ADA@school.edu"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("instructor: an instructor with the email ada@school.edu already exists (reset-password gives them a new password)\n");
    expect(await database.db.instructor.findUniqueOrThrow({ where: { email: "ada@school.edu" } })).toEqual(before);
  });
});

describe("usage mistakes: one line on stderr, exit code 2, nothing stored", () => {
  it.each([
    [["add"], "instructor: add takes one EMAIL; see npm run -s instructor -- --help\n"],
    [["add", "not-an-email"], 'instructor: "not-an-email" is not an email address\n'],
    [["add", "x@school.edu", "--password", "short"], "instructor: --password: the password must have at least 12 characters\n"],
    [["add", "x@school.edu", "--name"], "instructor: unknown or incomplete flag --name; see npm run -s instructor -- --help\n"],
    [["list", "--bogus"], "instructor: unknown or incomplete flag --bogus; see npm run -s instructor -- --help\n"],
    [["list", "--name", "x"], "instructor: list does not take --name; see npm run -s instructor -- --help\n"],
    [["remove"], "instructor: remove takes one EMAIL; see npm run -s instructor -- --help\n"],
    [["promote", "x@school.edu"], 'instructor: unknown command "promote"; see npm run -s instructor -- --help\n'],
    [[], "instructor: a command is required; see npm run -s instructor -- --help\n"],
  ])("%j", async (args, stderr) => {
    const count = await database.db.instructor.count();
    const run = await instructor(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(stderr);
    expect(await database.db.instructor.count()).toBe(count);
  });

  it("--help prints the usage and exits 0", async () => {
    const run = await instructor(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run -s instructor -- add EMAIL \[--name NAME\] \[--password PASSWORD\]\n/);
    expect(run.stdout).toMatch(/remove EMAIL \[--with-quizzes\]\n$/);
  });
});

describe("instructor list", () => {
  it("shows email, name, created, quizzes and the password state in aligned columns", async () => {
    const run = await instructor(["list"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^EMAIL +NAME +CREATED +QUIZZES +PASSWORD$/);
    expect(lines[1]).toMatch(/^ada@school\.edu +Ada Lovelace +\d{4}-\d\d-\d\d \d\d:\d\d UTC +0 +must change$/);
    expect(lines[2]).toMatch(/^grace@school\.edu +- +\d{4}-\d\d-\d\d \d\d:\d\d UTC +0 +set$/);
    // Aligned: every column starts where its heading does, on every line.
    const columns = ["NAME", "CREATED", "QUIZZES", "PASSWORD"].map((heading) => lines[0]!.indexOf(heading));
    for (const line of lines.slice(1)) {
      for (const at of columns) expect([line[at - 1], line[at] === " "], line).toEqual([" ", false]);
    }
  });

  it("--json gives the same as data", async () => {
    const run = await instructor(["list", "--json"]);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { email: string; name: string | null; createdAt: string; quizzes: number; mustChangePassword: boolean }[];
    expect(rows.map(({ createdAt, ...row }) => ({ ...row, created: !Number.isNaN(Date.parse(createdAt)) }))).toEqual([
      { email: "ada@school.edu", name: "Ada Lovelace", quizzes: 0, mustChangePassword: true, created: true },
      { email: "grace@school.edu", name: null, quizzes: 0, mustChangePassword: false, created: true },
    ]);
  });
});

describe("instructor reset-password", () => {
  it("gives a new one-time password, requires a change, and ends every session", async () => {
    const grace = await database.db.instructor.findUniqueOrThrow({ where: { email: "grace@school.edu" } });
    const future = new Date(Date.now() + 3_600_000);
    await database.db.instructorSession.createMany({
      data: [
        { instructorId: grace.id, tokenHash: "a".repeat(64), expiresAt: future },
        { instructorId: grace.id, tokenHash: "b".repeat(64), expiresAt: future },
      ],
    });
    const run = await instructor(["reset-password", "Grace@School.edu"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const oneTime = ONE_TIME.exec(run.stdout)?.[1];
    expect(oneTime).toBeDefined();
    const row = await database.db.instructor.findUniqueOrThrow({ where: { id: grace.id } });
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(row.passwordHash, oneTime!)).toBe(true);
    expect(await verifyPassword(row.passwordHash, "a long chosen passphrase")).toBe(false);
    const sessions = await database.db.instructorSession.findMany({ where: { instructorId: grace.id } });
    expect(sessions).toHaveLength(2);
    for (const session of sessions) expect(session.revokedAt).not.toBeNull();
  });

  it("refuses an email with no account", async () => {
    const run = await instructor(["reset-password", "nobody@school.edu"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("instructor: no instructor has the email nobody@school.edu\n");
  });
});

describe("instructor remove", () => {
  it("refuses an instructor with quizzes, saying how many, unless --with-quizzes; then all goes", async () => {
    const ada = await database.db.instructor.findUniqueOrThrow({ where: { email: "ada@school.edu" } });
    for (const title of ["one", "two"]) await database.db.instructorQuiz.create({ data: { instructorId: ada.id, definition: { title } } });
    await database.db.instructorSession.create({ data: { instructorId: ada.id, tokenHash: "c".repeat(64), expiresAt: new Date(Date.now() + 3_600_000) } });
    const refused = await instructor(["remove", "ada@school.edu"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("instructor: ada@school.edu has 2 quizzes, which would be deleted with their versions and results; give --with-quizzes to remove them too\n");
    expect(await database.db.instructor.count({ where: { id: ada.id } })).toBe(1);
    const removed = await instructor(["remove", "ada@school.edu", "--with-quizzes"]);
    expect(removed.stderr).toBe("");
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe("removed ada@school.edu and their 2 quizzes\n");
    expect(await database.db.instructor.count({ where: { id: ada.id } })).toBe(0);
    expect(await database.db.instructorQuiz.count({ where: { instructorId: ada.id } })).toBe(0);
    expect(await database.db.instructorSession.count({ where: { instructorId: ada.id } })).toBe(0);
  });

  it("removes an instructor without quizzes at once", async () => {
    const run = await instructor(["remove", "grace@school.edu"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("removed grace@school.edu\n");
    expect(await database.db.instructor.count()).toBe(0);
  });
});

describe("the database", () => {
  it("is created and migrated when it does not exist yet, as npm start would", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "synack-instructor-")), "fresh.db");
    const run = await instructor(["list"], `file:${path}`);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("no instructors yet; add one with npm run -s instructor -- add EMAIL\n");
    expect(existsSync(path)).toBe(true);
  });
});
