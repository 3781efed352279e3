import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runAsyncCli, UsageError } from "../lib/cli/run-cli";
import { postgresSchema } from "../lib/db/postgres-schema";

/*
 * `npm run -s db:migration -- NAME --postgres URL`: after an edit to
 * prisma/schema.prisma, writes the PostgreSQL schema again and one migration
 * with the same name and time into each history, each the difference between
 * the data model as last committed (git HEAD) and as it is now. Read both
 * before committing: Prisma writes a change of column type as drop-and-add
 * unless told otherwise, and data must be carried over by hand there.
 * `npm run -s db:drift` then proves both histories build the model.
 *
 * Prisma computes PostgreSQL's script through the driver adapter, which needs
 * a reachable server (any database; nothing is written to it).
 */
const USAGE = "usage: npm run -s db:migration -- NAME --postgres postgresql://USER@HOST:PORT/DB";
const PRISMA = "node_modules/.bin/prisma";

function diff(from: string, to: string, databaseUrl: string): string {
  const result = spawnSync(PRISMA, ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (result.status !== 0) throw new Error(`prisma migrate diff failed: ${result.stderr.trim().split("\n").find((line) => /error/i.test(line)) ?? result.stderr.trim()}`);
  return result.stdout;
}

async function main(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args: argv, options: { postgres: { type: "string" } }, allowPositionals: true, strict: true });
  const name = positionals[0];
  if (!name || positionals.length > 1 || !/^[a-z][a-z0-9_]*$/.test(name)) throw new UsageError(`NAME must be one lower-case word with underscores, e.g. json_columns; ${USAGE}`);
  if (!values.postgres || !/^postgres(ql)?:\/\/./.test(values.postgres)) throw new UsageError(`--postgres must be a postgresql:// URL; ${USAGE}`);
  const probe = new pg.Client({ connectionString: values.postgres });
  await probe.connect().catch((error: Error) => {
    throw new UsageError(`cannot reach PostgreSQL at --postgres: ${error.message}`);
  });
  await probe.end();

  const folder = mkdtempSync(join(tmpdir(), "synack-migration-"));
  try {
    const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
    const current = join(folder, "schema.prisma");
    const before = { sqlite: join(folder, "before.prisma"), postgresql: join(folder, "before-postgresql.prisma") };
    execFileSync("cp", ["prisma/schema.prisma", current]);
    writeFileSync(before.sqlite, committed);
    writeFileSync(before.postgresql, postgresSchema(committed));
    execFileSync("node_modules/.bin/tsx", ["scripts/postgres-schema.ts"], { stdio: "ignore" });

    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const scripts = {
      "prisma/migrations": diff(before.sqlite, "prisma/schema.prisma", `file:${join(folder, "scratch.db")}`),
      "prisma/postgresql/migrations": diff(before.postgresql, "prisma/postgresql/schema.prisma", values.postgres),
    };
    if (Object.values(scripts).every((script) => !/\S/.test(script.replace(/^--.*$/gm, "")))) return "prisma/schema.prisma has not changed since the last commit: no migration written";
    const written: string[] = [];
    for (const [history, script] of Object.entries(scripts)) {
      const dir = join(history, `${stamp}_${name}`);
      if (existsSync(dir)) throw new UsageError(`${dir} exists`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "migration.sql"), script);
      written.push(join(dir, "migration.sql"));
    }
    return [`wrote ${written.join(" and ")}`, "read both (a changed column type may need its data carried over by hand), then run npm run -s db:drift -- --postgres URL"].join("\n");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

runAsyncCli("db:migration", main);
