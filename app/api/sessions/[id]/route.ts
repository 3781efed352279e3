import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { findLearner } from "@/lib/server/learner";
import { loadQuestionSource } from "@/lib/server/question-source";
import { SessionError, sessionView } from "@/lib/server/quiz-store";
import { sessionErrorResponse } from "@/lib/server/quiz-attempts";
import { readPathId } from "@/lib/server/request-body";

/** GET /api/sessions/:id: the session's questions (answers only for what was answered). Someone else's session is a 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled("session view", async () => {
    const path = await readPathId(params, "session");
    if ("response" in path) return path.response;
    const learner = await findLearner();
    if (!learner) return jsonError(404, "no such session");
    try {
      return NextResponse.json(await sessionView(db, learner.id, path.id, await loadQuestionSource(db)));
    } catch (error) {
      if (error instanceof SessionError) return sessionErrorResponse(error);
      throw error;
    }
  });
}
