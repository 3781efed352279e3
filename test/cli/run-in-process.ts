import { runAsyncCommand, runCommand, stdoutText, type AsyncCommand, type Command } from "@/lib/cli/run-cli";
import type { CliResult } from "./cli-process";

/*
 * A command run in this process as its `npm run -s` entry runs it (runCli,
 * runAsyncCli): the same exit code, stdout and stderr text, without the second
 * or so a tsx process takes to start. test/cli/entry-points.test.ts runs each
 * entry as a process and checks that it prints what these do.
 */

export function runInProcess(name: string, command: Command, args: readonly string[]): CliResult {
  let stderr = "";
  const { output, exitCode } = runCommand(name, command, [...args], { warn: (line) => (stderr += `${line}\n`) });
  return { code: exitCode, stdout: stdoutText(output), stderr };
}

let running: string | undefined;

/**
 * A command that waits (on a database, on pg_dump), with `env` (DATABASE_URL,
 * PATH) set in this process's environment while it runs, as a process would
 * have been given them, and restored afterwards. The environment is the whole
 * process's, so two runs may not overlap: a second one started before the
 * first has finished is refused.
 */
export async function runAsyncInProcess(name: string, command: AsyncCommand, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  if (running) throw new Error(`runAsyncInProcess: ${name} started while ${running} is still running; await each run`);
  running = name;
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  try {
    let stderr = "";
    const { output, exitCode } = await runAsyncCommand(name, command, [...args], { warn: (line) => (stderr += `${line}\n`) });
    return { code: exitCode, stdout: stdoutText(output), stderr };
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    running = undefined;
  }
}
