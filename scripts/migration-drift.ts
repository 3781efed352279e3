import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { runAsyncCli, UsageError } from "../lib/cli/run-cli";
import { postgresSchema } from "../lib/db/postgres-schema";
import { readPostgresShape, readSqliteShape } from "../lib/db/read-schema-shape";
import { compareShapes, sameShape, type SchemaShape } from "../lib/db/schema-shape";

/*
 * `npm run -s db:drift [-- --postgres URL] [--schema FILE]`: fails when either
 * migration history no longer builds the data model.
 *
 * For each provider it builds two databases, one by replaying the committed
 * history with `prisma migrate deploy` (as every upgrade does) and one from
 * the data model alone (`prisma migrate diff --from-empty`), and compares
 * their catalogs column by column, index by index, key by key. It also checks
 * that prisma/postgresql/schema.prisma is what the model generates. Prisma's
 * own `migrate diff --from-migrations` would do this, but through a driver
 * adapter (the only way Prisma 6.19 runs here) it cannot use a shadow database.
 *
 * SQLite is always checked, in a temporary folder. PostgreSQL is checked when
 * --postgres names a server where this user may create databases (two are
 * made and dropped); without it the PostgreSQL history is reported unchecked.
 */
const USAGE = "usage: npm run -s db:drift [-- --postgres postgresql://USER@HOST:PORT/DB] [--schema FILE]";
const PRISMA = "node_modules/.bin/prisma";

function prisma(args: string[], databaseUrl: string): string {
  const result = spawnSync(PRISMA, args, { encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`prisma ${args[0]} ${args[1] ?? ""} failed: ${(result.stderr || result.stdout).trim().split("\n").find((line) => /error/i.test(line)) ?? result.stderr}`);
  return result.stdout;
}

function report(provider: string, history: string, model: string, historyShape: SchemaShape, modelShape: SchemaShape): string[] {
  const difference = compareShapes(historyShape, modelShape);
  if (sameShape(difference)) return [];
  return [
    `${provider}: ${history} does not build ${model}:`,
    ...difference.onlyInHistory.map((fact) => `  only after the migrations: ${fact}`),
    ...difference.onlyInModel.map((fact) => `  only in the data model:    ${fact}`),
  ];
}

function checkSqlite(schema: string): { problems: string[]; facts: number } {
  const folder = mkdtempSync(join(tmpdir(), "synack-drift-"));
  try {
    const history = join(folder, "history.db");
    const model = join(folder, "model.db");
    prisma(["migrate", "deploy"], `file:${history}`);
    const script = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"], `file:${model}`);
    const database = new Database(model);
    database.exec(script);
    database.close();
    const historyShape = readSqliteShape(history);
    return { problems: report("sqlite", "prisma/migrations", schema, historyShape, readSqliteShape(model)), facts: historyShape.size };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function checkPostgres(server: string, schema: string): Promise<{ problems: string[]; facts: number }> {
  const folder = mkdtempSync(join(tmpdir(), "synack-drift-"));
  const suffix = randomBytes(4).toString("hex");
  const names = { history: `synack_drift_${suffix}_history`, model: `synack_drift_${suffix}_model` };
  const at = (database: string) => Object.assign(new URL(server), { pathname: `/${database}` }).toString();
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch (error) {
    throw new UsageError(`cannot reach PostgreSQL at --postgres: ${(error as Error).message}`);
  }
  try {
    for (const name of Object.values(names)) await admin.query(`CREATE DATABASE "${name}"`);
    const postgresModel = join(folder, "schema.prisma");
    writeFileSync(postgresModel, postgresSchema(readFileSync(schema, "utf8")));
    prisma(["migrate", "deploy"], at(names.history));
    const script = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", postgresModel, "--script"], at(names.model));
    const model = new pg.Client({ connectionString: at(names.model) });
    await model.connect();
    await model.query(script).finally(() => model.end());
    const historyShape = await readPostgresShape(at(names.history));
    const problems = report("postgresql", "prisma/postgresql/migrations", schema, historyShape, await readPostgresShape(at(names.model)));
    return { problems, facts: historyShape.size };
  } finally {
    for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<{ output: string; exitCode: number }> {
  const { values } = parseArgs({ args: argv, options: { postgres: { type: "string" }, schema: { type: "string" }, help: { type: "boolean" } }, strict: true });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (values.postgres !== undefined && !/^postgres(ql)?:\/\/./.test(values.postgres)) throw new UsageError(`--postgres must be a postgresql:// URL; ${USAGE}`);
  const schema = values.schema ?? "prisma/schema.prisma";
  try {
    readFileSync(schema);
  } catch {
    throw new UsageError(`${schema}: no such file`);
  }
  const lines: string[] = [];
  let failed = false;
  if (values.schema === undefined) {
    const generated = postgresSchema(readFileSync(schema, "utf8"));
    if (readFileSync("prisma/postgresql/schema.prisma", "utf8") !== generated) {
      lines.push("postgresql: prisma/postgresql/schema.prisma is not what prisma/schema.prisma generates: run npm run -s db:schema");
      failed = true;
    }
  }
  const sqlite = checkSqlite(schema);
  lines.push(...(sqlite.problems.length ? sqlite.problems : [`sqlite: prisma/migrations builds ${schema} (${sqlite.facts} columns, indexes and keys compared)`]));
  failed ||= sqlite.problems.length > 0;
  if (values.postgres) {
    const postgres = await checkPostgres(values.postgres, schema);
    lines.push(...(postgres.problems.length ? postgres.problems : [`postgresql: prisma/postgresql/migrations builds ${schema} (${postgres.facts} columns, indexes and keys compared)`]));
    failed ||= postgres.problems.length > 0;
  } else {
    lines.push("postgresql: not checked (give --postgres with a server where databases may be created)");
  }
  return { output: lines.join("\n"), exitCode: failed ? 1 : 0 };
}

runAsyncCli("db:drift", main);
