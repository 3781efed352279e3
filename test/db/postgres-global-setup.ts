import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { adminSql, createPostgresDatabase, postgresContentTemplate, postgresServerUrl, TEST_DATABASE_PREFIX, withDatabase } from "./test-postgres";

/*
 * Global setup of the vitest project that runs the server tests on
 * PostgreSQL: one database migrated by `prisma migrate deploy`, exactly as
 * `npm start` migrates one, that every test database is cloned from, and a
 * clone of it with content/ loaded as `npm start` loads it, for the tests
 * that need content; and at the end, every database this run made is dropped.
 */
export function setup() {
  adminSql("SELECT 1");
  process.env.SYNACK_TEST_POSTGRES_RUN = randomBytes(3).toString("hex");
  const template = new URL(createPostgresDatabase("template0")).pathname.slice(1);
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: withDatabase(postgresServerUrl(), template) },
    stdio: "pipe",
  });
  process.env.SYNACK_TEST_POSTGRES_TEMPLATE = template;
  postgresContentTemplate();
}

export function teardown() {
  const names = adminSql(`SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DATABASE_PREFIX}${process.env.SYNACK_TEST_POSTGRES_RUN}%'`);
  for (const name of names.split("\n").filter(Boolean)) adminSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
