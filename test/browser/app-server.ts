import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { buildOnce } from "../../lib/build/build-once";

/*
 * The real app for browser tests: a production build in its own folder,
 * served by `next start` on a free port, on its own SQLite file, with
 * migrations applied and content loaded exactly as `npm start` does.
 */

// The default build folder: `npm start` builds again anyway, and Next rewrites tsconfig.json for any other.
export const BUILD_DIR = ".next";

/** Preloaded into every test server: see the file. Absolute, since the bench's bare app runs in another folder. */
const SHUTDOWN_CLOSES_IDLE_CONNECTIONS = resolve("test/browser/shutdown-closes-idle-connections.cjs");

export interface AppServer {
  url: string;
  /** The SQLite file, or the PostgreSQL URL. */
  databasePath: string;
  process: ChildProcess;
  /** Everything the server has printed so far, stdout and stderr. */
  output(): string;
}

/** `database`: a SQLite file's path, or a PostgreSQL URL (the nginx test and the bench on PostgreSQL). */
export function databaseUrlOf(database: string): string {
  return /^postgres(ql)?:\/\//.test(database) ? database : `file:${database}`;
}

/** `buildDir`: another build folder (npm run bench builds into its own), listed in tsconfig.json's include so that Next leaves the file alone. */
export function testEnv(database: string, buildDir = BUILD_DIR): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrlOf(database), NEXT_DIST_DIR: buildDir, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Migrations and content on a SQLite file (its folder made) or on an empty PostgreSQL database (a URL). */
export function prepareDatabase(databasePath: string): void {
  if (databaseUrlOf(databasePath).startsWith("file:")) mkdirSync(join(databasePath, ".."), { recursive: true });
  run("node_modules/.bin/prisma", ["migrate", "deploy"], testEnv(databasePath));
  run("node_modules/.bin/tsx", ["scripts/load-content.ts"], testEnv(databasePath));
}

/** A copy of a prepared database (closed, so the file is all of it) at `databasePath`: what prepareDatabase makes, without its seconds of work. */
export function copyDatabase(templatePath: string, databasePath: string): void {
  mkdirSync(join(databasePath, ".."), { recursive: true });
  copyFileSync(templatePath, databasePath);
}

/**
 * A production build in `buildDir`, as `npm start` makes it (lib/build/build-once.ts): skipped when the folder
 * already holds a build of these sources, and stamped, so that `npm start` servers (test/deploy) serve it too.
 */
export async function buildApp(databasePath: string, buildDir = BUILD_DIR): Promise<void> {
  const env = testEnv(databasePath, buildDir);
  await buildOnce({
    root: process.cwd(),
    distDir: buildDir,
    env,
    build: (signal) =>
      new Promise((resolve, reject) => {
        const child = spawn("node_modules/.bin/next", ["build"], { env, signal, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (${code}):\n${output}`))));
      }),
  });
}

export interface StartOptions {
  /** Another build folder (npm run bench builds into its own). */
  buildDir?: string;
  /** Another Next app's folder (the bench's bare app). */
  cwd?: string;
  /** The path asked until the server is up; GET /api/review by default. */
  readyPath?: string;
  /** Whether that answer means ready; a 2xx by default. */
  ready?: (response: Response) => boolean;
  /** More environment for the server (TRUST_PROXY behind nginx). */
  env?: Record<string, string>;
}

/** Whether nothing listens on 127.0.0.1:`port` now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * The first of `count` consecutive ports that are all free: the browser tests' shared server takes the first,
 * the tests that start servers of their own the ones after it. Chosen at random over a wide range, so that
 * two test runs on one machine (or anything else listening) do not meet.
 */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let free = true;
    for (let port = base; port < base + count && free; port++) free = await portIsFree(port);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/** Serves the build on `port` on `databasePath` (a SQLite file or a PostgreSQL URL); ready once `readyPath` answers as `ready` wants. */
export async function startApp(databasePath: string, port: number, options: StartOptions = {}): Promise<AppServer> {
  // Otherwise the readiness check below could take another process's answer for this server's.
  if (!(await portIsFree(port))) throw new Error(`port ${port} is taken by another process; the test server cannot start there`);
  const { buildDir = BUILD_DIR, readyPath = "/api/review", ready = (response: Response) => response.ok } = options;
  // Node closes a keep-alive connection after 5 s idle; a test's client that reuses it at that very
  // moment gets ECONNRESET (seen once on a loaded machine). Idle connections here outlive any pause in a test.
  const args = ["start", "--port", String(port), "--hostname", "127.0.0.1", "--keepAliveTimeout", "600000"];
  // ...and so a stop closes each connection once its request is done rather than when those 10 minutes are up.
  const env = { ...testEnv(databasePath, buildDir), ...options.env };
  env.NODE_OPTIONS = [env.NODE_OPTIONS, `--require ${JSON.stringify(SHUTDOWN_CLOSES_IDLE_CONNECTIONS)}`].filter(Boolean).join(" ");
  const child = spawn(resolve("node_modules/.bin/next"), args, {
    env,
    stdio: "pipe",
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    try {
      const response = await fetch(`${url}${readyPath}`);
      if (ready(response)) return { url, databasePath, process: child, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error(`next start did not answer within 60 s:\n${output}`);
}

export async function stopApp(server: AppServer, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    server.process.once("exit", () => resolve());
    server.process.kill(signal);
  });
}
