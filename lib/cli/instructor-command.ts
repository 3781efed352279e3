import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { databaseUrl } from "../server/database-url";
import { AccountError, addInstructor, emailSchema, listInstructors, nameSchema, removeInstructor, resetPassword, type InstructorSummary } from "../server/instructor-accounts";
import { passwordProblem, passwordProblemMessage } from "../server/passwords";
import { createPrismaClient, type PrismaClient } from "../server/prisma-client";
import { type CommandIo, type CommandResult, UsageError } from "./run-cli";

/**
 * `npm run -s instructor -- add|list|reset-password|remove`: instructor
 * accounts on the database DATABASE_URL names, as the app uses it. There is
 * no sign-up page: whoever runs the server decides who may build quizzes.
 * A one-time password is printed once, to be handed over and changed at the
 * first sign-in; only its argon2id hash is stored.
 */

const USAGE = [
  "usage: npm run -s instructor -- add EMAIL [--name NAME] [--password PASSWORD]",
  "       npm run -s instructor -- list [--json]",
  "       npm run -s instructor -- reset-password EMAIL",
  "       npm run -s instructor -- remove EMAIL [--with-quizzes]",
].join("\n");
const SHORT_USAGE = "see npm run -s instructor -- --help";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The flags each command takes; any other is refused. */
const FLAGS = {
  add: z.strictObject({ name: nameSchema.optional(), password: z.string().optional() }),
  list: z.strictObject({ json: z.boolean().optional() }),
  "reset-password": z.strictObject({}),
  remove: z.strictObject({ "with-quizzes": z.boolean().optional() }),
} as const;
type Command = keyof typeof FLAGS;
const ARGUMENTS: Record<Command, number> = { add: 1, list: 0, "reset-password": 1, remove: 1 };

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { name: { type: "string" }, password: { type: "string" }, json: { type: "boolean" }, "with-quizzes": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    const flag = /'(-[^' ]*)/.exec((error as Error).message)?.[1];
    throw new UsageError(flag ? `unknown or incomplete flag ${flag}; ${SHORT_USAGE}` : `${(error as Error).message}; ${SHORT_USAGE}`);
  }
  const { help, ...flags } = parsed.values;
  const [command, ...rest] = parsed.positionals;
  if (help) return { help: true as const };
  if (!command) throw new UsageError(`a command is required; ${SHORT_USAGE}`);
  if (!(command in FLAGS)) throw new UsageError(`unknown command "${command}"; ${SHORT_USAGE}`);
  const name = command as Command;
  if (rest.length !== ARGUMENTS[name]) throw new UsageError(ARGUMENTS[name] === 0 ? `${name} takes no arguments; ${SHORT_USAGE}` : `${name} takes one EMAIL; ${SHORT_USAGE}`);
  const checked = FLAGS[name].safeParse(flags);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const key = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path.join(".");
    throw new UsageError(issue.code === "unrecognized_keys" ? `${name} does not take --${key}; ${SHORT_USAGE}` : `--${key}: ${issue.message}`);
  }
  const email = rest[0] === undefined ? "" : emailSchema.safeParse(rest[0]);
  if (typeof email !== "string" && !email.success) throw new UsageError(`"${rest[0]}" ${email.error.issues[0]?.message ?? "is not an email address"}`);
  const values = checked.data as Record<string, string | boolean | undefined>;
  const address = typeof email === "string" ? email : email.data;
  const problem = typeof values.password === "string" ? passwordProblem(values.password, address) : null;
  if (problem) throw new UsageError(`--password: ${passwordProblemMessage(problem, "en").replace(/\.$/, "").toLowerCase()}`);
  return { help: false as const, command: name, email: address, flags: values };
}

/** Names of the migrations in prisma/migrations. */
function migrationNames(): string[] {
  const dir = join(ROOT, "prisma", "migrations");
  return readdirSync(dir).filter((entry) => statSync(join(dir, entry)).isDirectory());
}

/** Migrations the database has finished. */
function appliedMigrations(path: string): Set<string> {
  const database = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return new Set();
    const rows = database.prepare("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { name: string }[];
    return new Set(rows.map((row) => row.name));
  } finally {
    database.close();
  }
}

/**
 * Brings the database up to date the way `npm start` does (prisma migrate
 * deploy), but only when a migration is missing: migrating needs the file to
 * itself, and an account is usually added while the server runs on an
 * up-to-date database.
 */
function migrate(url: string): void {
  const path = url.slice("file:".length);
  if (existsSync(path)) {
    const applied = appliedMigrations(path);
    if (migrationNames().every((name) => applied.has(name))) return;
  }
  const result = spawnSync(join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (result.status !== 0) {
    const detail = `${result.stderr ?? ""}${result.stdout ?? ""}`.trim().split("\n").filter(Boolean).at(-1) ?? "no output";
    throw new Error(`could not apply the database migrations to ${path} (is a SynAck server running on it? stop it first): ${detail}`);
  }
}

function day(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

function table(instructors: InstructorSummary[]): string {
  if (instructors.length === 0) return "no instructors yet; add one with npm run -s instructor -- add EMAIL";
  const rows = [
    ["EMAIL", "NAME", "CREATED", "QUIZZES", "PASSWORD"],
    ...instructors.map((row) => [row.email, row.name ?? "-", day(row.createdAt), String(row.quizzes), row.mustChangePassword ? "must change" : "set"]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")).join("\n");
}

async function run(db: PrismaClient, command: Command, email: string, flags: Record<string, string | boolean | undefined>): Promise<string> {
  switch (command) {
    case "add": {
      const added = await addInstructor(db, { email, name: flags.name as string | undefined, password: flags.password as string | undefined });
      if (!added.oneTimePassword) return `added ${added.email}; they sign in at /instructor/login with the password given`;
      return [
        `added ${added.email}`,
        `one-time password: ${added.oneTimePassword}`,
        "hand it over privately; it must be changed at the first sign-in at /instructor/login, and is not shown again",
      ].join("\n");
    }
    case "list": {
      const instructors = await listInstructors(db);
      if (flags.json) return JSON.stringify(instructors.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })), null, 2);
      return table(instructors);
    }
    case "reset-password": {
      const reset = await resetPassword(db, email);
      return [`new one-time password for ${reset.email}: ${reset.oneTimePassword}`, "their sessions have ended; the password must be changed at the next sign-in"].join("\n");
    }
    case "remove": {
      const removed = await removeInstructor(db, email, { withQuizzes: flags["with-quizzes"] === true });
      return `removed ${removed.email}${removed.quizzes > 0 ? ` and their ${removed.quizzes} ${removed.quizzes === 1 ? "quiz" : "quizzes"}` : ""}`;
    }
  }
}

export async function instructorCommand(argv: string[], io: CommandIo): Promise<CommandResult> {
  const parsed = parse(argv);
  if (parsed.help) return USAGE;
  const url = databaseUrl();
  migrate(url);
  const db = createPrismaClient(url);
  try {
    return await run(db, parsed.command, parsed.email, parsed.flags);
  } catch (error) {
    // A refusal (a duplicate, an unknown email, quizzes in the way) is one line and exit code 1, not an internal error.
    if (error instanceof AccountError) {
      io.warn(`instructor: ${error.message}`);
      return { output: "", exitCode: 1 };
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}
