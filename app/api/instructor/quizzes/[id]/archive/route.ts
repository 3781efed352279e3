import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { instructorQuizApi } from "@/lib/server/instructor-quiz-api";
import { setArchived } from "@/lib/server/instructor-quiz-store";
import { readBody } from "@/lib/server/request-body";

const archiveSchema = z.strictObject({ archived: z.boolean({ error: "archived must be true or false" }) });

/** POST /api/instructor/quizzes/:id/archive {archived}: out of (or back into) the list; an archived quiz's link takes no new attempts. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  return instructorQuizApi("archive instructor quiz", context, async (instructor, id) => {
    const body = await readBody(request, archiveSchema);
    if ("response" in body) return body.response;
    await setArchived(db, instructor.id, id, body.data.archived);
    return NextResponse.json({ archived: body.data.archived });
  });
}
