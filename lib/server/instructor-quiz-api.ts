import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { LANGUAGES } from "../i18n/language";
import { handled, jsonError } from "./api-response";
import type { CurrentInstructor } from "./instructor-auth";
import { requireInstructorApi } from "./instructor-auth";
import { DraftHasProblems, QuizNotFound } from "./instructor-quiz-store";
import { readPathId } from "./request-body";

/*
 * What every /api/instructor/quizzes handler does first and last: the
 * instructor from their session (401, or 403 until a one-time password is
 * changed), the quiz id from the path, and the store's refusals as
 * statuses: another instructor's quiz or a missing one is a 404, a draft
 * with problems cannot be published (409 with the problems).
 */

/** A definition is a quiz file's worth of JSON; checked field by field by the draft check, not here. */
export const definitionSchema = z.record(z.string(), z.unknown(), { error: "definition must be an object (a quiz, as a quiz file holds it)" });

export const DEFINITION_MAX_BYTES = 256 * 1024;
export const DEFINITION_TOO_LARGE = `a quiz definition is at most ${DEFINITION_MAX_BYTES / 1024} KB`;

export const langSchema = z.enum(LANGUAGES, { error: "lang must be zh or en" });

type Params = { params: Promise<{ id: string }> };

function refusal(error: unknown): Response | null {
  if (error instanceof QuizNotFound) return jsonError(404, "no such quiz");
  if (error instanceof DraftHasProblems) return NextResponse.json({ error: error.message, problems: error.problems }, { status: 409 });
  if (error instanceof RangeError) return jsonError(413, error.message);
  return null;
}

/** An instructor API without a quiz id in its path. */
export function instructorApi(name: string, handler: (instructor: CurrentInstructor) => Promise<Response>): Promise<Response> {
  return handled(name, async () => {
    const auth = await requireInstructorApi();
    if ("response" in auth) return auth.response;
    try {
      return await handler(auth.instructor);
    } catch (error) {
      const refused = refusal(error);
      if (refused) return refused;
      throw error;
    }
  });
}

/** An instructor API on one quiz: /api/instructor/quizzes/<id>/… */
export function instructorQuizApi(name: string, context: Params, handler: (instructor: CurrentInstructor, quizId: string) => Promise<Response>): Promise<Response> {
  return instructorApi(name, async (instructor) => {
    const path = await readPathId(context.params, "quiz");
    if ("response" in path) return path.response;
    return handler(instructor, path.id);
  });
}
