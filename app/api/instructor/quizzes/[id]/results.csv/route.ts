import { handled, jsonError } from "@/lib/server/api-response";
import { db } from "@/lib/server/db";
import { requireInstructorApi } from "@/lib/server/instructor-auth";
import { getLanguage } from "@/lib/server/preferences";
import { loadQuestionSource } from "@/lib/server/question-source";
import { resultsExport } from "@/lib/server/quiz-results";
import { csvFileName, resultsCsv } from "@/lib/server/results-csv";
import { readPathId } from "@/lib/server/request-body";

/** GET /api/instructor/quizzes/:id/results.csv: every attempt, one row each. Another instructor's quiz is a 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled("results csv", async () => {
    const auth = await requireInstructorApi();
    if ("response" in auth) return auth.response;
    const path = await readPathId(params, "quiz");
    if ("response" in path) return path.response;
    const data = await resultsExport(db, auth.instructor.id, path.id, await loadQuestionSource(db));
    if (!data) return jsonError(404, "no such quiz");
    return new Response(resultsCsv(data, await getLanguage()), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvFileName(data.quizId, new Date())}"`,
        "cache-control": "no-store",
      },
    });
  });
}
