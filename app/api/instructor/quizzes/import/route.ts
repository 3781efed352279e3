import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { importGiftQuiz } from "@/lib/server/instructor-interchange";
import { instructorApi, langSchema } from "@/lib/server/instructor-quiz-api";
import { readBody } from "@/lib/server/request-body";

/** A GIFT file of a few thousand questions is well under this; the page reads the file and sends its text. */
const MAX_IMPORT_BYTES = 1024 * 1024;

const importSchema = z.strictObject({
  format: z.literal("gift", { error: "format must be gift" }),
  fileName: z.string().trim().min(1, "fileName must not be empty").max(200, "fileName is at most 200 characters"),
  text: z.string().min(1, "the file is empty"),
  lang: langSchema,
});

/**
 * POST /api/instructor/quizzes/import {format: "gift", fileName, text, lang}: a new draft from a GIFT file (201 {id, skipped, notes});
 * 422 with the skipped questions when the file holds none SynAck can ask.
 */
export async function POST(request: Request) {
  return instructorApi("import gift", async (instructor) => {
    const body = await readBody(request, importSchema, { maxBytes: MAX_IMPORT_BYTES, tooLargeMessage: "the file is larger than 1 MB" });
    if ("response" in body) return body.response;
    const outcome = await importGiftQuiz(db, instructor.id, body.data.text, body.data.fileName, body.data.lang);
    if (!outcome.id) return NextResponse.json({ error: "the file has no question SynAck can ask", skipped: outcome.skipped, notes: outcome.notes }, { status: 422 });
    return NextResponse.json(outcome, { status: 201 });
  });
}
