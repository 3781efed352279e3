import { tcpCommand } from "@/lib/cli/tcp-command";
import type { CliResult } from "./cli-process";
import { runInProcess } from "./run-in-process";

export type { CliResult } from "./cli-process";

/** `npm run -s tcp -- ...args`, run in-process (test/cli/entry-points.test.ts runs the entry itself as a process). */
export function runTcp(args: readonly string[]): CliResult {
  return runInProcess("tcp", tcpCommand, args);
}

/** Runs every tcp command and returns the results by name. */
export function runAll<K extends string>(commands: Record<K, readonly string[]>): Record<K, CliResult> {
  return Object.fromEntries(Object.entries<readonly string[]>(commands).map(([name, args]) => [name, runTcp(args)])) as Record<K, CliResult>;
}
