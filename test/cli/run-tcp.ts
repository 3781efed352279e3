import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The project root, where `npm run -s tcp` runs. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tsx lib/cli/tcp.ts ...args` as a process, as `npm run -s tcp -- ...args` does. */
export function runTcp(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      "node_modules/.bin/tsx",
      ["lib/cli/tcp.ts", ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** At most this many CLI processes at a time: the suite must pass on a busy 2-core machine. */
export const MAX_PROCESSES = 2;

/** Runs every command, a bounded number at a time, and returns the results by name. */
export async function runAll<K extends string>(commands: Record<K, readonly string[]>): Promise<Record<K, CliResult>> {
  const names = Object.keys(commands) as K[];
  const results = new Map<K, CliResult>();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      results.set(name, await runTcp(commands[name]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PROCESSES, names.length) }, worker));
  return Object.fromEntries(names.map((name) => [name, results.get(name)!])) as Record<K, CliResult>;
}
