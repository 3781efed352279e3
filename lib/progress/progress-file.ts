import { z } from "zod";
import type { DayKey } from "./local-day";

/*
 * The progress file a learner downloads from /settings and can import into
 * another browser or another SynAck: every row of theirs, with each JSON
 * column as a string of JSON text (as version 1 has always held them, from
 * the days the columns were text), so that a round trip changes nothing.
 *
 * An import writes what this schema accepts, and the pages read it back for
 * good, so it checks as deeply as they read: the scheduling state the FSRS
 * scheduler will be handed, text that SQLite can store, dates the calendar
 * can place, counts that one more review cannot overflow. The JSON columns
 * whose shape belongs to the question engine (a session's config and
 * questions, an answer's response) are checked by lib/server, which passes
 * their schemas to `progressFileRowSchemas`.
 */

export const PROGRESS_FILE_FORMAT = "synack-progress";
export const PROGRESS_FILE_VERSION = 1;

/** Every time zone's calendar must still place the date in a four-digit year (the progress calendar counts local days). */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 30);
const dateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
  .transform((text) => new Date(text))
  .refine((date) => date.getTime() >= EARLIEST && date.getTime() < LATEST, "must be from 1970-01-01 to 9999-12-29");

/** Lone UTF-16 surrogates (JSON lets "\ud800" through; SQLite and Prisma cannot store it) and control characters. */
const UNSTORABLE = /[\p{Cs}\p{Cc}]/u;
const LONE_SURROGATE = /\p{Cs}/u;
const text = (max: number) =>
  z
    .string("must be a string")
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !LONE_SURROGATE.test(value), "must be valid Unicode text (it holds a lone UTF-16 surrogate)");
const id = text(200)
  .min(1, "must not be empty")
  .refine((value) => !UNSTORABLE.test(value), "must not hold control characters or lone surrogates");
const int = z.int32("must be a whole number");
/** Far above any real count, and far enough below 2^31 that more reviews cannot overflow the column. */
const COUNT_MAX = 10_000_000;
const count = int.min(0, "must be 0 or more").max(COUNT_MAX, `must be at most ${COUNT_MAX}`);
const finite = z.number("must be a number").refine(Number.isFinite, "must be a finite number");
const fsrsStateMessage = "must be 0 (new), 1 (learning), 2 (review) or 3 (relearning)";
const fsrsState = z.int32(fsrsStateMessage).min(0, fsrsStateMessage).max(3, fsrsStateMessage);

/**
 * What ts-fsrs accepts as a memory state: none yet (both 0), or difficulty
 * 1–10 and stability 0.001–36500 days (S_MIN, S_MAX). Anything else makes
 * it throw on the next grade, and the card could never be reviewed again.
 */
function isSchedulable(state: { stability: number; difficulty: number }): boolean {
  if (state.stability === 0 && state.difficulty === 0) return true;
  return state.difficulty >= 1 && state.difficulty <= 10 && state.stability >= 0.001 && state.stability <= 36_500;
}
const MEMORY_MESSAGE = "stability and difficulty must both be 0 (not yet scheduled), or difficulty 1 to 10 with stability 0.001 to 36500";

const schedulingFields = {
  due: dateTime,
  stability: finite,
  difficulty: finite,
  elapsedDays: count,
  scheduledDays: count,
  learningSteps: count,
  reps: count,
  lapses: count,
  state: fsrsState,
  lastReview: dateTime.nullable(),
};

/** A card's scheduling state as gradeCard writes it into ReviewLog.before (dates as ISO strings) and undo restores it. */
export const schedulingStateJsonSchema = z.strictObject(schedulingFields).refine(isSchedulable, { message: MEMORY_MESSAGE, path: ["stability"] });

/** Deeper than any column SynAck writes (a match response is three levels). */
const JSON_COLUMN_DEPTH = 16;

/**
 * A string column holding JSON that `schema` accepts, at most `max`
 * characters. The string itself is what is stored; problems inside it are
 * reported under the column's path (sessions.0.config.topics.1).
 */
export function jsonColumn(schema: z.ZodType, max: number, what = "JSON") {
  return text(max).superRefine((value, ctx) => {
    let parsed: unknown;
    if (exceedsJsonDepth(value, JSON_COLUMN_DEPTH)) {
      ctx.addIssue({ code: "custom", message: `must not nest more than ${JSON_COLUMN_DEPTH} levels deep` });
      return;
    }
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: "custom", message: `must be a string holding ${what}` });
      return;
    }
    const surrogate = stringPathIn(parsed, (text) => LONE_SURROGATE.test(text));
    if (surrogate) {
      ctx.addIssue({ code: "custom", path: surrogate, message: "must be valid Unicode text (it holds a lone UTF-16 surrogate)" });
      return;
    }
    // Only a \u0000 escape can put one in parsed JSON: look further only then.
    const nul = value.includes("\\u0000") ? stringPathIn(parsed, (text) => text.includes("\0")) : null;
    if (nul) {
      ctx.addIssue({ code: "custom", path: nul, message: NUL_MESSAGE });
      return;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: issue.path as (string | number)[], message: issue.message });
    }
  });
}

/**
 * A scanner fed JSON text piece by piece (as it arrives) that answers true
 * once arrays and objects nest more than `maxDepth` deep. JSON.parse takes
 * seconds over megabytes of "[[[[…" and holds the event loop all that
 * time; this linear scan refuses such text first.
 */
export function jsonDepthScanner(maxDepth: number): (piece: string) => boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  return (piece) => {
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++depth > maxDepth) return true;
      } else if (c === 0x5d || c === 0x7d) depth--;
    }
    return false;
  };
}

export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  return jsonDepthScanner(maxDepth)(text);
}

/** What a JSON column holding U+0000 is told: PostgreSQL's jsonb (like its text) cannot hold it, so neither database is given it. */
export const NUL_MESSAGE = "must not hold the character U+0000 (\\u0000): the database cannot store it";

/** The path of the first string or key in a parsed JSON value that `matches`; iterative, so depth cannot overflow the stack. */
function stringPathIn(value: unknown, matches: (text: string) => boolean): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      if (matches(current)) return path;
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (matches(key)) return path;
        stack.push({ value: item, path: [...path, Array.isArray(current) ? Number(key) : key] });
      }
    }
  }
  return null;
}

const ratingMessage = "must be 1 (Again) to 4 (Easy)";
const anyJson = z.unknown();
const stringList = z.array(text(200), "must be a JSON array of strings").max(200, "must hold at most 200 strings");

const cardStateSchema = z.object({ cardId: id, ...schedulingFields }).refine(isSchedulable, { message: MEMORY_MESSAGE, path: ["stability"] });

const reviewSchema = z.object({
  id,
  cardId: id,
  rating: z.int32(ratingMessage).min(1, ratingMessage).max(4, ratingMessage),
  state: fsrsState,
  due: dateTime,
  stability: finite,
  difficulty: finite,
  elapsedDays: count,
  lastElapsedDays: count,
  scheduledDays: count,
  learningSteps: count,
  review: dateTime,
  /** The card's state before this review, restored by undo; null when the card was new. */
  before: jsonColumn(schedulingStateJsonSchema, 1_000, "a card's scheduling state as JSON").nullable(),
  /** When the grade was recorded where it was given (orders undo); the review time when missing. */
  createdAt: dateTime.optional(),
});

/** How the JSON columns that lib/server owns are checked; by default only as JSON. */
export interface JsonColumnSchemas {
  sessionMode: z.ZodType<string>;
  sessionConfig: z.ZodType;
  sessionQuestions: z.ZodType;
  answerResponse: z.ZodType;
}

const generalColumns: JsonColumnSchemas = {
  sessionMode: text(40).min(1, "must not be empty"),
  sessionConfig: anyJson,
  sessionQuestions: anyJson,
  answerResponse: anyJson,
};

/** One schema per list of the file, each checking a single row. */
export function progressFileRowSchemas(columns: JsonColumnSchemas = generalColumns) {
  return {
    cardStates: cardStateSchema,
    reviews: reviewSchema,
    sessions: z.object({
      id,
      mode: columns.sessionMode,
      config: jsonColumn(columns.sessionConfig, 10_000),
      questions: jsonColumn(columns.sessionQuestions, 200_000),
      createdAt: dateTime,
      finishedAt: dateTime.nullable(),
    }),
    answers: z.object({
      id,
      sessionId: id.nullable(),
      position: count.nullable(),
      questionId: id,
      kind: text(80).min(1, "must not be empty"),
      topics: jsonColumn(stringList, 10_000, "a JSON array of strings"),
      tests: jsonColumn(stringList, 10_000, "a JSON array of strings"),
      correct: z.boolean("must be true or false"),
      score: finite.pipe(z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1")),
      response: jsonColumn(columns.answerResponse, 20_000),
      createdAt: dateTime,
    }),
  };
}

const generalRows = progressFileRowSchemas();
export const progressCardStateSchema = generalRows.cardStates;
export const progressReviewSchema = generalRows.reviews;
export const progressSessionSchema = generalRows.sessions;
export const progressAnswerSchema = generalRows.answers;

export const PROGRESS_LISTS = ["cardStates", "reviews", "sessions", "answers"] as const;

/** Everything but the rows: what a file must be before its rows are worth checking one by one. */
export const progressFileEnvelopeSchema = z.object({
  format: z.literal(PROGRESS_FILE_FORMAT, `must be "${PROGRESS_FILE_FORMAT}"`),
  version: z.literal(PROGRESS_FILE_VERSION, `must be ${PROGRESS_FILE_VERSION}: this SynAck reads version ${PROGRESS_FILE_VERSION} files`),
  exportedAt: dateTime,
  learner: z.object({
    displayName: text(80).nullable(),
    newCardsPerDay: int.min(0, "must be 0 to 200").max(200, "must be 0 to 200"),
  }),
  cardStates: z.array(z.unknown(), "must be a list"),
  reviews: z.array(z.unknown(), "must be a list"),
  sessions: z.array(z.unknown(), "must be a list"),
  answers: z.array(z.unknown(), "must be a list"),
});

export interface ReferenceIssue {
  path: (string | number)[];
  message: string;
}

/** Ids unique within each list, and every answer's session present in the file. */
export function referenceIssues(file: {
  cardStates: readonly { cardId: string }[];
  reviews: readonly { id: string }[];
  sessions: readonly { id: string }[];
  answers: readonly { id: string; sessionId: string | null }[];
}): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const unique = (list: string, field: string, values: string[]) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) issues.push({ path: [list, index, field], message: `duplicate ${field} "${value}"` });
      seen.add(value);
    });
  };
  unique("cardStates", "cardId", file.cardStates.map((state) => state.cardId));
  unique("reviews", "id", file.reviews.map((review) => review.id));
  unique("sessions", "id", file.sessions.map((session) => session.id));
  unique("answers", "id", file.answers.map((answer) => answer.id));
  const sessions = new Set(file.sessions.map((session) => session.id));
  file.answers.forEach((answer, index) => {
    if (answer.sessionId !== null && !sessions.has(answer.sessionId)) {
      issues.push({ path: ["answers", index, "sessionId"], message: `no session "${answer.sessionId}" in the file` });
    }
  });
  return issues;
}

/** The whole file in one synchronous check, JSON columns checked only as JSON (lib/server checks them fully, in slices). */
export const progressFileSchema = progressFileEnvelopeSchema
  .extend({
    cardStates: z.array(progressCardStateSchema, "must be a list"),
    reviews: z.array(progressReviewSchema, "must be a list"),
    sessions: z.array(progressSessionSchema, "must be a list"),
    answers: z.array(progressAnswerSchema, "must be a list"),
  })
  .superRefine((file, ctx) => {
    for (const issue of referenceIssues(file)) ctx.addIssue({ code: "custom", ...issue });
  });

/** The file as written (dates as ISO strings). */
export type ProgressFile = z.input<typeof progressFileSchema>;
/** The file as validated (dates as Date). */
export type ParsedProgressFile = z.output<typeof progressFileSchema>;

/** synack-progress-2025-03-01.json, dated in the learner's day. */
export function progressFileName(today: DayKey): string {
  return `synack-progress-${today}.json`;
}
