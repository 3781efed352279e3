import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkContent } from "../content";
import { loadContentFiles } from "../content/load-content-files";
import { type CommandIo, type CommandResult, UsageError } from "./run-cli";

/**
 * `npm run -s content:check -- [--dir DIR]`: every problem (a false claim, a
 * known error restated, a malformed file) as one `path:line: message` line on
 * stderr, a one-line summary on stdout, exit 1 when anything is wrong.
 */
const USAGE = `usage: npm run -s content:check -- [--dir DIR]
Checks every file under DIR (default content) against the state machine: each problem
as path:line: message on stderr, a summary on stdout; exit 1 when anything is wrong.`;

export function contentCheckCommand(argv: string[], io: CommandIo): CommandResult {
  let values: { dir?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { dir: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    const flag = /'(-[^' ]*)/.exec((error as Error).message)?.[1];
    throw new UsageError(flag ? `unknown or incomplete flag ${flag}; valid: --dir DIR, --help` : "usage: npm run -s content:check -- [--dir DIR]");
  }
  if (values.help) return USAGE;
  const dir = values.dir ?? "content";
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--dir ${dir}: no such folder`);
  const report = checkContent(loadContentFiles(dir));
  for (const problem of report.problems) io.warn(`${problem.path}:${problem.line}: ${problem.message}`);
  const { files, claims, cards, notes, quizzes, questions } = report.counts;
  const verdict = report.problems.length === 0 ? "no problems" : `${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}`;
  const summary = `content: ${files} files (${notes} notes, ${cards} cards, ${quizzes} quizzes with ${questions} questions), ${claims} claims checked; ${verdict}`;
  return { output: summary, exitCode: report.problems.length === 0 ? 0 : 1 };
}
