import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

/*
 * PostgreSQL for tests: the server that SYNACK_TEST_POSTGRES_URL names (a
 * throwaway cluster: .ci/run starts one with scripts/throwaway-postgres.sh),
 * with a user that may create databases. Each test gets a database of its
 * own, cloned from a template that the PostgreSQL project's global setup
 * migrated once (test/db/postgres-global-setup.ts). psql runs the few admin
 * statements so that creating a database stays synchronous, as creating a
 * SQLite file is.
 */

/** True in the vitest project that runs the server tests on PostgreSQL. */
export function onPostgres(): boolean {
  return process.env.SYNACK_TEST_DATABASE === "postgresql";
}

export function postgresServerUrl(): string {
  const url = process.env.SYNACK_TEST_POSTGRES_URL;
  if (!url) throw new Error("SYNACK_TEST_POSTGRES_URL is not set: start a cluster with scripts/throwaway-postgres.sh (README, Tests)");
  return url;
}

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs one SQL statement on the server's maintenance database. */
export function adminSql(sql: string): string {
  return postgresSql(postgresServerUrl(), sql);
}

/** Runs SQL (one statement, or several separated by semicolons) on the database at `url` with psql; returns what it prints. */
export function postgresSql(url: string, sql: string): string {
  return execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-tAqc", sql], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 }).trim();
}

/** A prefix for the databases this test run makes, so that teardown drops them all and nothing else. */
export const TEST_DATABASE_PREFIX = "synack_test_";

/** A new database cloned from `template` (the migrated one by default); returns its URL. */
export function createPostgresDatabase(template = process.env.SYNACK_TEST_POSTGRES_TEMPLATE ?? "template0"): string {
  const name = `${TEST_DATABASE_PREFIX}${process.env.SYNACK_TEST_POSTGRES_RUN ?? process.pid}_${randomBytes(4).toString("hex")}`;
  adminSql(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return withDatabase(postgresServerUrl(), name);
}

/**
 * A database cloned from the migrated template with content/ loaded by
 * scripts/load-content.ts, as `npm start` loads it, that databases with
 * content are cloned from; the PostgreSQL project's global setup makes it
 * once for the run, and it is made here if this process has none.
 */
export function postgresContentTemplate(): string {
  const made = process.env.SYNACK_TEST_POSTGRES_CONTENT_TEMPLATE;
  if (made) return made;
  const url = createPostgresDatabase();
  execFileSync("node_modules/.bin/tsx", ["scripts/load-content.ts", "content"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  const name = new URL(url).pathname.slice(1);
  process.env.SYNACK_TEST_POSTGRES_CONTENT_TEMPLATE = name;
  return name;
}

/** Drops the database at `url`, closing whatever connections are left on it. */
export function dropPostgresDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  adminSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * The rows of one SELECT on the PostgreSQL database at `url`, read by psql
 * (synchronously, as better-sqlite3 reads a SQLite file), each as
 * row_to_json gives it: booleans as true and false, timestamps as ISO text.
 */
export function postgresRows(url: string, select: string): Record<string, unknown>[] {
  return postgresSql(url, `SELECT row_to_json(r)::text FROM (${select}) AS r`)
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
