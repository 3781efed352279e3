import { spawn, type ChildProcess } from "node:child_process";
import { constants as osConstants } from "node:os";
import { join } from "node:path";
import { buildOnce } from "../lib/build/build-once";
import { databaseProvider, databaseUrl, printableDatabaseUrl } from "../lib/server/database-url";
import { withMigrationLock } from "../lib/server/migration-lock";

/*
 * `npm start`: everything a fresh clone needs after `npm ci`, in order.
 * The database file is created and migrated, the content is loaded, the app
 * is built and served. Each step says what it does; a failing step stops
 * the start with its own message.
 *
 * Several servers may start at the same moment on one PostgreSQL database,
 * from one checkout (each with its own PORT): they take turns migrating
 * (lib/server/migration-lock.ts) and loading content (one loads, the others
 * find it loaded: lib/server/content-store.ts), and the first to get the
 * build lock builds while the others wait for it (lib/build/build-once.ts).
 */
const port = process.env.PORT ?? "3000";
const env = { ...process.env, DATABASE_URL: databaseUrl(), NEXT_TELEMETRY_DISABLED: "1" };
const distDir = process.env.NEXT_DIST_DIR || ".next";

function fail(title: string, why: string, hint = ""): never {
  process.stderr.write(`start: "${title}" failed (${why}); nothing was started.${hint}\n`);
  process.exit(1);
}

/**
 * A command the project installed. Run directly, not through npx: npx leaves
 * the command running when it is stopped itself, and a stopped start must
 * stop its server.
 */
function bin(name: string): string {
  return join("node_modules", ".bin", name);
}

let current: ChildProcess | undefined;
/** The signal this start was stopped by, if any: the step it stopped then ends the start without a failure message. */
let stoppedBy: NodeJS.Signals | undefined;

// A supervisor that stops `npm start` by signalling it alone (docker stop, systemd without a cgroup kill) stops the step running too: the server, most often.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    stoppedBy = signal;
    if (current && current.exitCode === null) current.kill(signal);
    else exitIfStopped();
  });
}

function exitIfStopped(): void {
  if (stoppedBy) process.exit(128 + osConstants.signals[stoppedBy]);
}

/** Runs one command with this terminal; resolves with its exit code (a failing step stops the start). */
function run(command: string, args: string[], signal?: AbortSignal): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env, ...(signal ? { signal } : {}) });
    current = child;
    child.on("error", reject);
    child.on("exit", (code, killedBy) => resolve(code ?? (killedBy ? -1 : null)));
  });
}

async function step(title: string, command: string, args: string[], hint = ""): Promise<void> {
  process.stdout.write(`\n▸ ${title}\n`);
  await runStep(title, command, args, hint);
}

/** Runs a step's command (its title already said); a failure stops the start. */
async function runStep(title: string, command: string, args: string[], hint = ""): Promise<void> {
  const code = await run(command, args);
  exitIfStopped();
  if (code !== 0) {
    process.stderr.write(`start: "${title}" failed (exit code ${code}); nothing was started.${hint}\n`);
    process.exit(code && code > 0 ? code : 1);
  }
}

async function migrate(): Promise<void> {
  const title = `Applying database migrations to ${printableDatabaseUrl(env.DATABASE_URL)}`;
  if (databaseProvider(env.DATABASE_URL) === "sqlite") {
    // Prisma migrates under SQLite's exclusive locking mode, which a WAL database refuses (SQLITE_BUSY, "SocketTimeout") while another process has it open.
    return step(title, bin("prisma"), ["migrate", "deploy"], "\nstart: is a SynAck server still running on this database? Stop it first: migrations need the database to themselves.");
  }
  process.stdout.write(`\n▸ ${title}\n`);
  const waiting = () => process.stdout.write("start: another server is migrating this database; waiting for it to finish\n");
  await withMigrationLock(env.DATABASE_URL, waiting, () => runStep(title, bin("prisma"), ["migrate", "deploy"])).catch((error: Error) => fail(title, error.message));
}

async function build(): Promise<void> {
  const title = "Building the app";
  process.stdout.write(`\n▸ ${title}\n`);
  const outcome = await buildOnce({
    root: process.cwd(),
    distDir,
    env,
    onWait: () => process.stdout.write(`build: another npm start is building into ${distDir}; waiting for it\n`),
    build: async (signal) => {
      const code = await run(bin("next"), ["build"], signal).catch((error: Error) => fail(title, signal.aborted ? (signal.reason as Error).message : error.message));
      exitIfStopped();
      if (code !== 0) fail(title, `exit code ${code}`);
    },
  }).catch((error: Error) => fail(title, error.message));
  if (outcome === "up-to-date") process.stdout.write(`build: ${distDir} already holds a build of these sources; not building again\n`);
  if (outcome === "built-by-another") process.stdout.write(`build: the other npm start built these sources into ${distDir}; not building again\n`);
}

await migrate();
await step("Loading content/ into the database", bin("tsx"), ["scripts/load-content.ts"]);
await build();
process.stdout.write(`\n▸ SynAck is starting on http://localhost:${port}\n`);
await step("Serving", bin("next"), ["start", "--port", port]);
