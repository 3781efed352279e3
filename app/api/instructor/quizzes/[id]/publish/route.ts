import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { draftProblems } from "@/lib/server/instructor-draft-check";
import { instructorQuizApi } from "@/lib/server/instructor-quiz-api";
import { publishQuiz } from "@/lib/server/instructor-quiz-store";
import { getLanguage } from "@/lib/server/preferences";
import { readEmptyBody } from "@/lib/server/request-body";

/** POST /api/instructor/quizzes/:id/publish: freezes the saved draft as the version students take; 409 with the problems when it has any. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  return instructorQuizApi("publish instructor quiz", context, async (instructor, id) => {
    const body = await readEmptyBody(request);
    if ("response" in body) return body.response;
    const lang = await getLanguage();
    const published = await publishQuiz(db, instructor.id, id, (definition) => draftProblems(db, definition, lang, instructor.id));
    return NextResponse.json({ code: published.code, link: `/q/${published.code}` });
  });
}
