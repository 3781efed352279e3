import { z } from "zod";
import { checkContent } from "../content";
import { loadContentFiles } from "../content/load-content-files";
import { exportAnki, exportGift, exportMoodleXml, type ExportLanguage } from "../interchange";
import { contextFromContent, seedFrom } from "../questions";
import { type CommandResult, UsageError } from "./run-cli";
import { parseFlags } from "./parse-flags";

/**
 * `npm run -s export -- gift|moodle-xml [--quiz ID] [--seed N] [--lang zh|en]`
 * `npm run -s export -- anki [--deck ID] [--lang zh|en]`
 * Writes to stdout: Moodle GIFT, Moodle XML, or Anki's text import format.
 * Without --lang both languages (Moodle's multilang spans; in Anki both on
 * each card). Content with problems is refused: run content:check.
 */
const OPTIONS = {
  quiz: { type: "string" },
  deck: { type: "string" },
  seed: { type: "string" },
  lang: { type: "string" },
  content: { type: "string" },
} as const;

const FORMATS = ["gift", "moodle-xml", "anki"] as const;
const langSchema = z.enum(["zh", "en"], { message: "--lang must be zh or en" });
const seedSchema = z.string().regex(/^\d+$/, "--seed must be a whole number from 0 to 4294967295").refine((value) => Number(value) <= 0xffffffff, "--seed must be at most 4294967295");

function parse(argv: string[]) {
  return parseFlags(argv, OPTIONS, true);
}

function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(result.error.issues[0]?.message ?? "invalid value");
  return result.data;
}

export function exportCommand(argv: string[]): CommandResult {
  const { values, positionals } = parse(argv);
  const [format, ...rest] = positionals;
  if (!format || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`usage: export gift|moodle-xml [--quiz ID] [--seed N] [--lang zh|en] | export anki [--deck ID] [--lang zh|en]`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (format === "anki" && (values.quiz !== undefined || values.seed !== undefined)) throw new UsageError("--quiz and --seed are for gift and moodle-xml; anki takes --deck");
  if (format !== "anki" && values.deck !== undefined) throw new UsageError("--deck is for anki; gift and moodle-xml take --quiz");
  const lang: ExportLanguage = values.lang === undefined ? "both" : checked(langSchema, values.lang);
  const seed = values.seed === undefined ? undefined : seedFrom(checked(seedSchema, values.seed));

  const files = loadContentFiles(values.content ?? "content");
  const report = checkContent(files);
  if (report.problems.length > 0) throw new UsageError(`content has ${report.problems.length} problem(s); run npm run -s content:check first`);
  if (format === "anki") {
    const decks = values.deck === undefined ? report.decks : report.decks.filter((deck) => deck.id === values.deck);
    if (decks.length === 0) throw new UsageError(`no deck "${values.deck}"; decks: ${report.decks.map((deck) => deck.id).join(", ")}`);
    return exportAnki(decks, { lang });
  }
  const quizzes = values.quiz === undefined ? report.quizzes : report.quizzes.filter((quiz) => quiz.id === values.quiz);
  if (quizzes.length === 0) throw new UsageError(`no quiz "${values.quiz}"; quizzes: ${report.quizzes.map((quiz) => quiz.id).join(", ")}`);
  // With the sample captures, so that a quiz's capture slots export as ordinary questions.
  const context = contextFromContent(report, files);
  const options = { lang, ...(seed === undefined ? {} : { seed }) };
  return format === "gift" ? exportGift(quizzes, context, options) : exportMoodleXml(quizzes, context, options);
}
