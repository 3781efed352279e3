import { setImmediate as nextTurn } from "node:timers/promises";
import { z } from "zod";
import {
  PROGRESS_LISTS,
  progressFileEnvelopeSchema,
  progressFileRowSchemas,
  referenceIssues,
  type ParsedProgressFile,
} from "../progress/progress-file";
import { learnerResponseSchema, questionRefSchema } from "../questions";
import { SESSION_MODES, sessionConfigSchema } from "./quiz-store";

/*
 * Checks an uploaded progress file as deeply as the pages will read what it
 * stores: a session's config and questions as the quiz pages parse them, an
 * answer's response as the answer checker takes it, on top of what
 * lib/progress/progress-file.ts checks. Rows are checked in slices with a
 * turn of the event loop between them, so that a 20 MB file does not hold
 * up every other learner's requests while it is read.
 */

const rowSchemas = progressFileRowSchemas({
  sessionMode: z.enum(SESSION_MODES, { error: `must be one of: ${SESSION_MODES.join(", ")}` }),
  sessionConfig: sessionConfigSchema,
  sessionQuestions: z.array(questionRefSchema).max(1_000, "must hold at most 1000 questions"),
  answerResponse: learnerResponseSchema,
});

export interface FileCheckOptions {
  /** Rows checked between two turns of the event loop. */
  sliceSize?: number;
  /** Problems reported at most; a file of garbage would otherwise make a 400 as large as itself. */
  maxProblems?: number;
}

export type FileCheck = { file: ParsedProgressFile } | { fields: Record<string, string> };

export async function checkProgressFile(raw: unknown, options: FileCheckOptions = {}): Promise<FileCheck> {
  const sliceSize = options.sliceSize ?? 200;
  const maxProblems = options.maxProblems ?? 100;
  const fields: Record<string, string> = {};
  let unlisted = false;
  const report = (path: readonly PropertyKey[], message: string) => {
    const key = path.map(String).join(".") || "body";
    if (key in fields) return;
    if (Object.keys(fields).length < maxProblems) fields[key] = message;
    else unlisted = true;
  };
  const refused = () => Object.keys(fields).length > 0;

  const envelope = progressFileEnvelopeSchema.safeParse(raw);
  if (!envelope.success) for (const issue of envelope.error.issues) report(issue.path, issue.message);
  const lists: Record<string, unknown[]> = {};
  for (const list of PROGRESS_LISTS) {
    const value = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[list] : undefined;
    if (!Array.isArray(value)) continue;
    const schema: z.ZodType = rowSchemas[list];
    const rows: unknown[] = [];
    for (let start = 0; start < value.length; start += sliceSize) {
      if (start > 0) await nextTurn();
      value.slice(start, start + sliceSize).forEach((row, offset) => {
        const result = schema.safeParse(row);
        if (result.success) rows.push(result.data);
        else for (const issue of result.error.issues) report([list, start + offset, ...issue.path], issue.message);
      });
      if (unlisted) break;
    }
    lists[list] = rows;
  }
  if (refused()) return { fields: withTotal(fields, unlisted) };

  const file = { ...envelope.data, ...lists } as ParsedProgressFile;
  for (const issue of referenceIssues(file)) report(issue.path, issue.message);
  if (refused()) return { fields: withTotal(fields, unlisted) };
  return { file };
}

/** Says so when the list stops short of every problem found. */
function withTotal(fields: Record<string, string>, unlisted: boolean): Record<string, string> {
  return unlisted ? { ...fields, more: "further problems are not listed: fix these first" } : fields;
}
