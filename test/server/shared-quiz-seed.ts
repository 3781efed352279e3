import { randomBytes } from "node:crypto";
import type { QuizSettings } from "@/lib/content";
import { jsonOf } from "@/lib/server/json-column";
import type { PrismaClient } from "@/lib/server/prisma-client";

/** A quiz definition as the builder would publish it: two fixed questions and one generated slot. */
export function classQuizDefinition(settings: QuizSettings = {}) {
  return {
    id: "class-quiz",
    title: { zh: "课堂测验", en: "Class quiz" },
    description: { zh: "握手与挥手。", en: "Opening and closing." },
    settings,
    questions: [
      { id: "q1", type: "true-false", prompt: { zh: "第三次握手的报文段 SYN=1。", en: "The third handshake segment has SYN=1." }, answer: false },
      { id: "q2", type: "next-state", prompt: { zh: "SYN_SENT 收到 SYN+ACK 后进入什么状态？", en: "Which state follows SYN_SENT on rcv SYN+ACK?" }, state: "SYN_SENT", event: "rcv SYN+ACK", answer: "ESTABLISHED" },
    ],
    generated: [{ count: 1, kinds: ["next-state"] }],
  };
}

/**
 * An instructor with one published quiz, straight into the database: the
 * quiz, its live version and its code, as the builder's publish leaves them.
 */
export async function seedSharedQuiz(
  db: PrismaClient,
  { settings = {}, code = `C${randomBytes(4).toString("hex").toUpperCase()}`, live = true, archived = false, definition }: { settings?: QuizSettings; code?: string; live?: boolean; archived?: boolean; definition?: object } = {},
) {
  const instructor = await db.instructor.create({ data: { email: `${code.toLowerCase()}@example.edu`, name: "Ms Example", passwordHash: "not-a-hash" } });
  const stored = jsonOf(definition ?? classQuizDefinition(settings));
  const quiz = await db.instructorQuiz.create({ data: { instructorId: instructor.id, definition: stored, code } });
  const version = await db.quizVersion.create({ data: { instructorQuizId: quiz.id, definition: stored } });
  await db.instructorQuiz.update({ where: { id: quiz.id }, data: { liveVersionId: live ? version.id : null, archivedAt: archived ? new Date() : null } });
  return { instructorId: instructor.id, quizId: quiz.id, versionId: version.id, code };
}
