import { z } from "zod";
import { jsonError } from "@/lib/server/api-response";
import { db } from "@/lib/server/db";
import { assertOwnQuiz, EXPORT_FORMATS, exportInstructorQuiz } from "@/lib/server/instructor-interchange";
import { instructorQuizApi } from "@/lib/server/instructor-quiz-api";
import { getLanguage } from "@/lib/server/preferences";
import { issueFields } from "@/lib/server/request-body";

const querySchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { error: `format must be one of: ${EXPORT_FORMATS.join(", ")}` }),
  lang: z.enum(["zh", "en", "both"], { error: "lang must be zh, en or both" }).default("both"),
  seed: z
    .string()
    .regex(/^\d{1,10}$/, "seed must be a whole number from 0 to 4294967295")
    .transform(Number)
    .refine((seed) => seed <= 0xffffffff, "seed must be a whole number from 0 to 4294967295")
    .optional(),
});

/** GET /api/instructor/quizzes/:id/export?format=gift|moodle-xml[&lang=zh|en|both][&seed=N]: the saved draft for Moodle, an attachment. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  return instructorQuizApi("export instructor quiz", context, async (instructor, id) => {
    // Another instructor's quiz is a 404 whatever the query, so nothing about it can be learnt from the answer.
    await assertOwnQuiz(db, instructor.id, id);
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return jsonError(400, "the query is not valid", issueFields(query.error.issues));
    const file = await exportInstructorQuiz(db, instructor.id, id, query.data.format, query.data.lang, query.data.seed, await getLanguage());
    return new Response(file.text, {
      headers: {
        "content-type": file.contentType,
        // The name is the quiz's kebab-case id (the schema holds it to letters, digits and hyphens): safe to quote as is.
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
      },
    });
  });
}
