import "server-only";
import { db } from "./db";
import { findLearner } from "./learner";
import { pathIdProblem } from "./path-id";
import { loadQuestionSource } from "./question-source";
import { quizQuestionCount } from "./quiz-attempts";
import { recentSessions, SessionError, sessionView, type SessionView } from "./quiz-store";

/** The current learner's session, or null (unknown, or someone else's: the same answer for both). */
export async function currentSession(id: string): Promise<SessionView | null> {
  if (pathIdProblem(id)) return null;
  const learner = await findLearner();
  if (!learner) return null;
  try {
    return await sessionView(db, learner.id, id, await loadQuestionSource(db));
  } catch (error) {
    if (error instanceof SessionError) return null;
    throw error;
  }
}

export async function currentRecentSessions(mode: "quiz" | "interview") {
  const learner = await findLearner();
  if (!learner) return [];
  return (await recentSessions(db, learner.id, 20, await loadQuestionSource(db))).filter((session) => session.mode === mode).slice(0, 8);
}

export async function instructorQuizzes() {
  return (await loadQuestionSource(db)).quizzes.map((quiz) => ({ id: quiz.id, title: quiz.title, description: quiz.description ?? null, count: quizQuestionCount(quiz) }));
}
