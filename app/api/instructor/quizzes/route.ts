import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { instructorApi } from "@/lib/server/instructor-quiz-api";
import { createQuiz, listQuizzes, type CreateFrom } from "@/lib/server/instructor-quiz-store";
import { readBody } from "@/lib/server/request-body";

const createSchema = z.strictObject({
  from: z
    .string({ error: 'from must be "blank", "file:<quiz id>" or "copy:<quiz id>"' })
    .max(220, "from is at most 220 characters")
    .regex(/^(blank|file:.+|copy:.+)$/, 'from must be "blank", "file:<quiz id>" or "copy:<quiz id>"'),
});

/** GET /api/instructor/quizzes[?archived=1]: the instructor's own quizzes, newest first. */
export async function GET(request: Request) {
  return instructorApi("list instructor quizzes", async (instructor) => {
    const archived = new URL(request.url).searchParams.get("archived") === "1";
    return NextResponse.json({ quizzes: await listQuizzes(db, instructor.id, { archived }) });
  });
}

/** POST /api/instructor/quizzes {from}: a new draft (blank, a copy of a file quiz, a duplicate of one's own). */
export async function POST(request: Request) {
  return instructorApi("create instructor quiz", async (instructor) => {
    const body = await readBody(request, createSchema);
    if ("response" in body) return body.response;
    return NextResponse.json(await createQuiz(db, instructor.id, body.data.from as CreateFrom), { status: 201 });
  });
}
