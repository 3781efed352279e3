import { z } from "zod";
import type { DayKey } from "./local-day";

/*
 * The progress file a learner downloads from /settings and can import into
 * another browser or another SynAck: every row of theirs, with JSON columns
 * kept as the exact strings stored, so that a round trip changes nothing.
 */

export const PROGRESS_FILE_FORMAT = "synack-progress";
export const PROGRESS_FILE_VERSION = 1;

const dateTime = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).transform((text) => new Date(text));
const id = z.string().min(1, "must not be empty").max(200, "must be at most 200 characters");
const int = z.int32("must be a whole number");
const count = int.min(0, "must be 0 or more");
const finite = z.number("must be a number").refine(Number.isFinite, "must be a finite number");
const fsrsStateMessage = "must be 0 (new), 1 (learning), 2 (review) or 3 (relearning)";
const fsrsState = z.int32(fsrsStateMessage).min(0, fsrsStateMessage).max(3, fsrsStateMessage);

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isStringArrayJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === "string");
  } catch {
    return false;
  }
}

const ratingMessage = "must be 1 (Again) to 4 (Easy)";
const jsonText = z.string("must be a string").refine(parsesAsJson, "must be a string holding JSON");
const stringListJson = z.string("must be a string").refine(isStringArrayJson, "must be a string holding a JSON array of strings");

export const progressCardStateSchema = z.object({
  cardId: id,
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
});

export const progressReviewSchema = z.object({
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
  before: jsonText.nullable(),
  /** When the grade was recorded where it was given (orders undo); the review time when missing. */
  createdAt: dateTime.optional(),
});

export const progressSessionSchema = z.object({
  id,
  mode: z.string().min(1).max(40),
  config: jsonText,
  questions: jsonText,
  createdAt: dateTime,
  finishedAt: dateTime.nullable(),
});

export const progressAnswerSchema = z.object({
  id,
  sessionId: id.nullable(),
  position: count.nullable(),
  questionId: id,
  kind: z.string().min(1).max(80),
  topics: stringListJson,
  tests: stringListJson,
  correct: z.boolean("must be true or false"),
  score: finite.pipe(z.number().min(0).max(1, "must be between 0 and 1")),
  response: jsonText,
  createdAt: dateTime,
});

/** Ids unique within each list, and every answer's session present in the file. */
function checkReferences(file: { cardStates: { cardId: string }[]; reviews: { id: string }[]; sessions: { id: string }[]; answers: { id: string; sessionId: string | null }[] }, ctx: z.RefinementCtx) {
  const unique = (list: string, field: string, values: string[]) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) ctx.addIssue({ code: "custom", path: [list, index, field], message: `duplicate ${field} "${value}"` });
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
      ctx.addIssue({ code: "custom", path: ["answers", index, "sessionId"], message: `no session "${answer.sessionId}" in the file` });
    }
  });
}

export const progressFileSchema = z
  .object({
    format: z.literal(PROGRESS_FILE_FORMAT, `must be "${PROGRESS_FILE_FORMAT}"`),
    version: z.literal(PROGRESS_FILE_VERSION, `must be ${PROGRESS_FILE_VERSION}: this SynAck reads version ${PROGRESS_FILE_VERSION} files`),
    exportedAt: dateTime,
    learner: z.object({
      displayName: z.string().max(80).nullable(),
      newCardsPerDay: int.min(0).max(200, "must be 0 to 200"),
    }),
    cardStates: z.array(progressCardStateSchema),
    reviews: z.array(progressReviewSchema),
    sessions: z.array(progressSessionSchema),
    answers: z.array(progressAnswerSchema),
  })
  .superRefine(checkReferences);

/** The file as written (dates as ISO strings). */
export type ProgressFile = z.input<typeof progressFileSchema>;
/** The file as validated (dates as Date). */
export type ParsedProgressFile = z.output<typeof progressFileSchema>;

/** synack-progress-2025-03-01.json, dated in the learner's day. */
export function progressFileName(today: DayKey): string {
  return `synack-progress-${today}.json`;
}
