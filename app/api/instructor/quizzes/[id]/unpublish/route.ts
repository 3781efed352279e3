import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { instructorQuizApi } from "@/lib/server/instructor-quiz-api";
import { unpublishQuiz } from "@/lib/server/instructor-quiz-store";
import { readEmptyBody } from "@/lib/server/request-body";

/** POST /api/instructor/quizzes/:id/unpublish: the link stays, but says the quiz is not open. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  return instructorQuizApi("unpublish instructor quiz", context, async (instructor, id) => {
    const body = await readEmptyBody(request);
    if ("response" in body) return body.response;
    await unpublishQuiz(db, instructor.id, id);
    return NextResponse.json({ live: false });
  });
}
