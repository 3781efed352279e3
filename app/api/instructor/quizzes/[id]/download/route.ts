import { db } from "@/lib/server/db";
import { instructorQuizApi } from "@/lib/server/instructor-quiz-api";
import { quizFile } from "@/lib/server/instructor-quiz-store";

/** GET /api/instructor/quizzes/:id/download: the draft as content/quizzes/<id>.yaml, an attachment. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return instructorQuizApi("download instructor quiz", context, async (instructor, id) => {
    const file = await quizFile(db, instructor.id, id);
    return new Response(file.text, {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        // The name is kebab-case letters and digits (quizFile makes sure): safe to quote as is.
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
      },
    });
  });
}
