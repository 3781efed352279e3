import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { findLearner } from "@/lib/server/learner";
import { finishSession, SessionError } from "@/lib/server/quiz-store";

/** POST /api/sessions/:id/finish: marks the session done (time ran out, or the learner stopped). */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled("finish session", async () => {
    const learner = await findLearner();
    if (!learner) return jsonError(404, "no such session");
    try {
      await finishSession(db, learner.id, (await params).id, new Date());
      return NextResponse.json({ ok: true });
    } catch (error) {
      if (error instanceof SessionError) return jsonError(error.status, error.message);
      throw error;
    }
  });
}
