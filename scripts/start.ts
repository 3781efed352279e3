import { spawnSync } from "node:child_process";
import { databaseUrl, printableDatabaseUrl } from "../lib/server/database-url";

/*
 * `npm start`: everything a fresh clone needs after `npm ci`, in order.
 * The database file is created and migrated, the content is loaded, the app
 * is built and served. Each step says what it does; a failing step stops
 * the start with its own message.
 */
const port = process.env.PORT ?? "3000";
const env = { ...process.env, DATABASE_URL: databaseUrl(), NEXT_TELEMETRY_DISABLED: "1" };

function step(title: string, command: string, args: string[], hint = ""): void {
  process.stdout.write(`\n▸ ${title}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    process.stderr.write(`start: "${title}" failed (exit code ${result.status ?? "signal " + result.signal}); nothing was started.${hint}\n`);
    process.exit(result.status ?? 1);
  }
}

// Prisma migrates under SQLite's exclusive locking mode, which a WAL database refuses (SQLITE_BUSY, "SocketTimeout") while another process has it open.
step(`Applying database migrations to ${printableDatabaseUrl(env.DATABASE_URL)}`, "npx", ["prisma", "migrate", "deploy"], "\nstart: is a SynAck server still running on this database? Stop it first: migrations need the database to themselves.");
step("Loading content/ into the database", "npx", ["tsx", "scripts/load-content.ts"]);
step("Building the app", "npx", ["next", "build"]);
process.stdout.write(`\n▸ SynAck is starting on http://localhost:${port}\n`);
step("Serving", "npx", ["next", "start", "--port", port]);
