import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import lockfile from "proper-lockfile";
import { buildStamp, type Environment } from "./build-stamp";

/*
 * `npm start`'s build step when several servers start from one checkout at
 * once: they must not run `next build` into the same folder together, and
 * a server should not build again what is already built. The build folder
 * holds a stamp of the sources it was built from (lib/build/build-stamp.ts),
 * written only after a build succeeded; a build takes a lock first, so the
 * second server waits, then finds the stamp and serves the first one's build.
 *
 * The lock is proper-lockfile's: an atomic mkdir beside the build folder,
 * whose time the holder touches every few seconds, so a lock left by a
 * killed process counts as stale once untouched for a minute, on any file
 * system (a checkout shared over NFS too, where a process id would mean
 * nothing). The build runs as a child process, which keeps this process's
 * event loop free to touch the lock.
 */

export const STAMP_FILE = "synack-build-stamp";
const STALE_MS = 60_000;
const TOUCH_EVERY_MS = 10_000;
/** A hang guard, not a goal: a build takes minutes on a busy 2-core machine; a holder that is still building after this is stuck. */
const WAIT_MS = 30 * 60_000;

export type BuildOutcome = "built" | "up-to-date" | "built-by-another";

export interface BuildOnceOptions {
  /** The project (where the sources are). */
  root: string;
  /** The build folder, relative to `root` or absolute (NEXT_DIST_DIR, .next by default). */
  distDir: string;
  /** Runs the build; aborted if the lock is lost while it runs. */
  build: (signal: AbortSignal) => Promise<void>;
  /** Told once when another process holds the lock and this one waits. */
  onWait?: () => void;
  env?: Environment;
}

/** The stamp written into a build folder, or null when it holds none (no build, or one that did not finish). */
export function readStamp(distDir: string): string | null {
  try {
    return readFileSync(join(distDir, STAMP_FILE), "utf8").trim();
  } catch {
    return null;
  }
}

/** The lock's own folder, beside the build folder: `next build` empties the build folder itself. */
export function lockPath(distDir: string): string {
  return `${distDir}-build.lock`;
}

/**
 * Builds into `distDir` unless it already holds a build of these sources,
 * one process at a time. A build whose sources changed while it ran gets no
 * stamp, so the next start builds again.
 */
export async function buildOnce({ root, distDir: dist, build, onWait, env = process.env }: BuildOnceOptions): Promise<BuildOutcome> {
  const distDir = resolve(root, dist);
  const stamp = buildStamp(root, env);
  if (readStamp(distDir) === stamp) return "up-to-date";

  const aborter = new AbortController();
  const release = await acquire(distDir, aborter, onWait);
  try {
    if (readStamp(distDir) === stamp) return "built-by-another";
    // An interrupted build must not leave an earlier build's stamp on a half-written folder.
    rmSync(join(distDir, STAMP_FILE), { force: true });
    await build(aborter.signal);
    if (aborter.signal.aborted) throw aborter.signal.reason;
    if (buildStamp(root, env) === stamp) {
      mkdirSync(distDir, { recursive: true });
      writeFileSync(join(distDir, STAMP_FILE), `${stamp}\n`);
    }
    return "built";
  } finally {
    await release().catch(() => undefined);
  }
}

async function acquire(distDir: string, aborter: AbortController, onWait?: () => void): Promise<() => Promise<void>> {
  const lockfilePath = lockPath(distDir);
  mkdirSync(dirname(lockfilePath), { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  let told = false;
  for (;;) {
    try {
      return await lockfile.lock(distDir, {
        lockfilePath,
        realpath: false,
        stale: STALE_MS,
        update: TOUCH_EVERY_MS,
        onCompromised: (error) => aborter.abort(new Error(`the build lock ${lockfilePath} was lost while building (${error.message}); another process may be building into ${distDir}`)),
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "ELOCKED") throw error;
      if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS / 60_000} minutes for the build lock ${lockfilePath}; is another npm start stuck building? Stop it, or remove that folder if no build runs`);
      if (!told) onWait?.();
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
