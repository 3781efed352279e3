import { z } from "zod";
import type { ContentFile } from "./content-model";
import type { MarkdownNote } from "./markdown-note";
import { YamlSource, type ProseLine } from "./yaml-source";

/*
 * Known errors: wrong statements that were once in SynAck's prose and must not
 * come back. Each lives in a YAML file under content/misconceptions/ as a
 * regular expression matched against every line of learner-facing text in its
 * language (content/README.md, "Known errors").
 */

const nonEmpty = z.string({ error: "must be text" }).trim().min(1, "must not be empty");

export const misconceptionSchema = z.strictObject({
  id: z
    .string({ error: "must be a text id" })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case: lower-case letters, digits and single hyphens"),
  lang: z.enum(["zh", "en"], { error: "lang must be zh or en: the language whose text the pattern is matched against" }),
  pattern: nonEmpty,
  why: nonEmpty,
  source: nonEmpty,
  example: nonEmpty,
});

export const misconceptionFileSchema = z.array(misconceptionSchema, { error: "a misconception file is a list of entries" }).min(1, "needs at least one entry");

export type MisconceptionInput = z.infer<typeof misconceptionSchema>;

/** A known error ready to match, with the place it was declared. */
export interface KnownError {
  id: string;
  lang: "zh" | "en";
  regex: RegExp;
  why: string;
  source: string;
  sourcePath: string;
  line: number;
}

/** Patterns are case-insensitive and Unicode-aware; a line matches if the pattern occurs anywhere in it. */
export const KNOWN_ERROR_FLAGS = "iu";

type Report = (line: number, message: string) => void;
type Validate = <T>(schema: z.ZodType<T>, value: unknown, source: YamlSource, report: Report) => T | null;

/**
 * Reads one misconception file: its schema, that every pattern compiles and
 * matches its own example. Returns the entries that can be used.
 */
export function checkMisconceptionFile(file: ContentFile, report: Report, validate: Validate): KnownError[] {
  const source = new YamlSource(file.text);
  if (source.problems.length > 0) {
    source.problems.forEach((problem) => report(problem.line, problem.message));
    return [];
  }
  const entries = validate(misconceptionFileSchema, source.value, source, report);
  if (!entries) return [];
  const known: KnownError[] = [];
  entries.forEach((entry, index) => {
    let regex: RegExp;
    try {
      regex = new RegExp(entry.pattern, KNOWN_ERROR_FLAGS);
    } catch (error) {
      report(source.lineOf([index, "pattern"]), `pattern of "${entry.id}" is not a valid regular expression: ${(error as Error).message}`);
      return;
    }
    const unmatched = entry.example.split("\n").every((line) => !regex.test(line));
    if (unmatched) {
      report(source.lineOf([index, "example"]), `the pattern of "${entry.id}" does not match its example: the example is the wrong text it must catch`);
      return;
    }
    known.push({ id: entry.id, lang: entry.lang, regex, why: entry.why, source: entry.source, sourcePath: file.path, line: source.lineOf([index, "id"]) });
  });
  return known;
}

/** Reports every line of `lines` that states one of `known`, in that line's language. */
export function scanForKnownErrors(lines: readonly ProseLine[], known: readonly KnownError[], report: Report): void {
  for (const { lang, line, text } of lines) {
    for (const error of known) {
      if (error.lang === lang && error.regex.test(text)) report(line, `states a known error (${error.id}): ${error.why} [${error.source}]`);
    }
  }
}

/**
 * A note's prose lines: its title and summary, and every line of its :::zh and
 * :::en sections outside claim blocks (the machine checks those).
 */
export function noteProseLines(text: string, note: MarkdownNote, frontMatter: YamlSource | null): ProseLine[] {
  const lines: ProseLine[] = frontMatter ? frontMatter.proseLines() : [];
  const fileLines = text.split("\n");
  for (const section of note.sections) {
    const claims = note.claims.filter((claim) => claim.lang === section.lang);
    for (let line = section.line + 1; line < section.endLine; line++) {
      if (claims.some((claim) => line >= claim.line && line <= claim.endLine)) continue;
      lines.push({ lang: section.lang, line, text: fileLines[line - 1] ?? "" });
    }
  }
  return lines;
}
