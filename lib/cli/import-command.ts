import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importGift } from "../interchange";
import { type CommandIo, type CommandResult, UsageError } from "./run-cli";
import { parseFlags } from "./parse-flags";

/**
 * `npm run -s import -- gift FILE [--out DIR] [--quiz-id ID] [--lang zh|en]`:
 * a GIFT file as a quiz YAML file, written to DIR/<quiz id>.yaml or stdout.
 * Every question left out is one `FILE:line: message` line on stderr, and so
 * is every imported question that needs a look. Exit 2 on a bad flag or an
 * unreadable file, 1 when nothing could be imported.
 */
const OPTIONS = {
  out: { type: "string" },
  "quiz-id": { type: "string" },
  lang: { type: "string" },
} as const;

const USAGE = "usage: import gift FILE [--out DIR] [--quiz-id ID] [--lang zh|en]";

function parse(argv: string[]) {
  return parseFlags(argv, OPTIONS, true);
}

function read(file: string): string {
  try {
    if (!statSync(file).isFile()) throw new UsageError(`${file}: not a file`);
    const bytes = readFileSync(file);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    throw new UsageError(`${file}: ${code === "ENOENT" ? "no such file" : code ?? "not UTF-8 text"}`);
  }
}

export function importCommand(argv: string[], io: CommandIo): CommandResult {
  const { values, positionals } = parse(argv);
  const [format, file, ...rest] = positionals;
  if (format !== "gift" || !file || rest.length > 0) throw new UsageError(USAGE);
  const lang = values.lang ?? "en";
  if (lang !== "zh" && lang !== "en") throw new UsageError("--lang must be zh or en");
  const quizId = values["quiz-id"];
  if (quizId !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(quizId)) throw new UsageError("--quiz-id must be kebab-case: lower-case letters, digits and single hyphens");
  if (values.out !== undefined && existsSync(values.out) && !statSync(values.out).isDirectory()) throw new UsageError(`--out ${values.out}: not a folder`);
  const text = read(file);

  const result = importGift(text, { fileName: file, lang, ...(quizId ? { quizId } : {}) });
  const messages = [
    ...result.skipped.map((entry) => ({ ...entry, text: `${file}:${entry.line}: ${entry.message}` })),
    ...result.notes.map((entry) => ({ ...entry, text: `${file}:${entry.line}: note: ${entry.message}` })),
  ].sort((a, b) => a.line - b.line);
  for (const message of messages) io.warn(message.text);
  if (!result.quiz) {
    io.warn(`import: ${file}: no question could be imported`);
    return { output: "", exitCode: 1 };
  }
  if (values.out === undefined) return result.yaml;
  mkdirSync(values.out, { recursive: true });
  const target = join(values.out, `${result.quiz.id}.yaml`);
  writeFileSync(target, result.yaml);
  return `import: wrote ${target} (${result.quiz.questions.length} question${result.quiz.questions.length === 1 ? "" : "s"}, ${result.skipped.length} skipped)`;
}
