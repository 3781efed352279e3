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
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs every command at once (each costs about half a second) and returns the results by name. */
export async function runAll<K extends string>(commands: Record<K, readonly string[]>): Promise<Record<K, CliResult>> {
  const names = Object.keys(commands) as K[];
  const results = await Promise.all(names.map((name) => runTcp(commands[name])));
  return Object.fromEntries(names.map((name, i) => [name, results[i]!])) as Record<K, CliResult>;
}
