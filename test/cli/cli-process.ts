import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The project root, where `npm run -s <cli>` runs. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** At most this many CLI processes at a time (test/cli/entry-points.test.ts): the suite must pass on a busy 2-core machine. */
export const MAX_PROCESSES = 2;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tsx <script> ...args` as a process, as `npm run -s <cli> -- ...args` does; no time limit of its own. */
export function runScript(script: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      "node_modules/.bin/tsx",
      [script, ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
