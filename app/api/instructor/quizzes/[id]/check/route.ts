import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { draftProblems } from "@/lib/server/instructor-draft-check";
import { DEFINITION_MAX_BYTES, DEFINITION_TOO_LARGE, definitionSchema, instructorQuizApi, langSchema } from "@/lib/server/instructor-quiz-api";
import { getQuiz } from "@/lib/server/instructor-quiz-store";
import { readBody } from "@/lib/server/request-body";

const checkSchema = z.strictObject({ definition: definitionSchema, lang: langSchema.default("en") });

/** POST /api/instructor/quizzes/:id/check {definition, lang}: the draft's problems by field path, in that language, without saving. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  return instructorQuizApi("check instructor quiz", context, async (instructor, id) => {
    const body = await readBody(request, checkSchema, { maxBytes: DEFINITION_MAX_BYTES, tooLargeMessage: DEFINITION_TOO_LARGE });
    if ("response" in body) return body.response;
    await getQuiz(db, instructor.id, id);
    return NextResponse.json({ problems: await draftProblems(db, body.data.definition, body.data.lang, instructor.id) });
  });
}
