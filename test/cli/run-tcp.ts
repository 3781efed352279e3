import { runAllOf, runScript, type CliResult } from "./cli-process";

export { MAX_PROCESSES, ROOT, type CliResult } from "./cli-process";

/** Runs `tsx lib/cli/tcp.ts ...args` as a process, as `npm run -s tcp -- ...args` does. */
export function runTcp(args: readonly string[]): Promise<CliResult> {
  return runScript("lib/cli/tcp.ts", args);
}

/** Runs every tcp command, two at a time, and returns the results by name. */
export function runAll<K extends string>(commands: Record<K, readonly string[]>): Promise<Record<K, CliResult>> {
  return runAllOf("lib/cli/tcp.ts", commands);
}
