import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { DEFINITION_MAX_BYTES, DEFINITION_TOO_LARGE, definitionSchema, instructorQuizApi } from "@/lib/server/instructor-quiz-api";
import { getQuiz, saveDraft } from "@/lib/server/instructor-quiz-store";
import { readBody } from "@/lib/server/request-body";

type Context = { params: Promise<{ id: string }> };

/** GET /api/instructor/quizzes/:id: the draft, its status and code, and the live definition. */
export async function GET(_request: Request, context: Context) {
  return instructorQuizApi("get instructor quiz", context, async (instructor, id) => NextResponse.json(await getQuiz(db, instructor.id, id)));
}

/** PUT /api/instructor/quizzes/:id {definition}: saves the draft as written; problems are reported by …/check and block publishing. */
export async function PUT(request: Request, context: Context) {
  return instructorQuizApi("save instructor quiz", context, async (instructor, id) => {
    const body = await readBody(request, z.strictObject({ definition: definitionSchema }), { maxBytes: DEFINITION_MAX_BYTES, tooLargeMessage: DEFINITION_TOO_LARGE });
    if ("response" in body) return body.response;
    return NextResponse.json(await saveDraft(db, instructor.id, id, body.data.definition));
  });
}
