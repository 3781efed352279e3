import { createHash, randomBytes } from "node:crypto";
import type { QuizFile } from "@/lib/content";
import { checkAnswer, resolveQuestion, type LearnerResponse, type Question, type QuestionContext, type QuestionRef } from "@/lib/questions";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { jsonOf } from "@/lib/server/json-column";
import type { PrismaClient } from "@/lib/server/prisma-client";

/*
 * An instructor with a published quiz and N students' attempts at it, for the
 * results tests and `npm run bench`. Attempts and answers are written with
 * createMany (one statement per table per 500 rows), each answer checked by
 * the app's own checker so that correct, score and tests are what the quiz
 * player would have stored.
 */

const prompt = (en: string) => ({ zh: `问：${en}`, en });

/** A quiz with fixed questions of the machine-checked types and a plain choice, plus one generated slot. */
export function resultsQuiz(fixed = 3, generated = 1): QuizFile {
  const pool: QuizFile["questions"] = [
    { id: "listen-syn", type: "next-state", prompt: prompt("LISTEN gets a SYN: next state?"), state: "LISTEN", event: "rcv SYN", answer: "SYN_RECEIVED" },
    { id: "listen-syn-sends", type: "sends", prompt: prompt("LISTEN gets a SYN: what is sent?"), state: "LISTEN", event: "rcv SYN", answer: "SYN+ACK" },
    { id: "why-three", type: "choice", prompt: prompt("Why three segments?"), choices: [prompt("Old duplicates"), prompt("Speed")], answer: 0 },
    { id: "fin-wait-ack", type: "next-state", prompt: prompt("FIN_WAIT_1 gets the ACK of its FIN"), state: "FIN_WAIT_1", event: "rcv ACK", answer: "FIN_WAIT_2" },
    { id: "close-states", type: "states", prompt: prompt("The client's states in a close"), scenario: "close-client-first", side: "client", answer: ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"] },
    { id: "close-wait-close", type: "sends", prompt: prompt("CLOSE_WAIT closes: what is sent?"), state: "CLOSE_WAIT", event: "close", answer: "FIN+ACK" },
    { id: "time-wait-tf", type: "true-false", prompt: prompt("TIME_WAIT lasts 2 MSL"), answer: true },
    { id: "syn-sent-synack", type: "next-state", prompt: prompt("SYN_SENT gets a SYN+ACK"), state: "SYN_SENT", event: "rcv SYN+ACK", answer: "ESTABLISHED" },
    { id: "last-ack-ack", type: "next-state", prompt: prompt("LAST_ACK gets the ACK"), state: "LAST_ACK", event: "rcv ACK", answer: "CLOSED" },
    { id: "established-close", type: "sends", prompt: prompt("ESTABLISHED closes: what is sent?"), state: "ESTABLISHED", event: "close", answer: "FIN+ACK" },
  ];
  return {
    id: "results-quiz",
    title: prompt("Handshake and close"),
    settings: { seed: "per-student" },
    questions: pool.slice(0, fixed),
    generated: generated > 0 ? [{ kinds: ["next-state"], count: generated }] : [],
  };
}

export interface SeededResults {
  instructorId: string;
  /** The instructor's session cookie token (synack_instructor=<token>). */
  token: string;
  quizId: string;
  versionId: string;
  /** Each student's attempt id, in order. */
  attemptIds: string[];
}

export interface SeedOptions {
  students: number;
  quiz?: QuizFile;
  /** The student's name; `=`-led names test CSV neutralising. */
  name?: (student: number) => string;
  /** The answer a student gives to the question at `position`, or null to leave it blank; by default right unless (student + position) % 3 == 0. */
  answer?: (student: number, position: number, question: Question) => LearnerResponse | null;
  /** An instructor to add the quiz to, instead of a new one. */
  instructorId?: string;
  start?: Date;
}

export function rightResponse(question: Question): LearnerResponse {
  switch (question.input) {
    case "segment": {
      const a = question.answer as { flags: string; seq: number; ack: number | null };
      return { kind: "segment", flags: a.flags, seq: a.seq, ack: a.ack };
    }
    case "number":
      return { kind: "number", value: question.answer as number };
    case "order":
      return { kind: "order", order: question.answer as string[] };
    case "match":
      return { kind: "match", pairs: (question.answer as { pairs: Record<string, string> }).pairs };
    case "self-grade":
      return { kind: "self-grade", covered: question.keyPoints!.en.map((_, i) => i) };
    default:
      return { kind: "choice", choice: String(question.answer) };
  }
}

/** A wrong choice: the first offered one that is not the answer. */
export function wrongResponse(question: Question): LearnerResponse {
  if (question.input === "order") return { kind: "order", order: [...(question.answer as string[])].reverse() };
  if (question.input === "number") return { kind: "number", value: (question.answer as number) + 1 };
  const other = question.choices?.find((choice) => choice.id !== String(question.answer));
  return { kind: "choice", choice: other?.id ?? "CLOSED" };
}

const defaultAnswer = (student: number, position: number, question: Question) => ((student + position) % 3 === 0 ? wrongResponse(question) : rightResponse(question));

async function instructorWithSession(db: PrismaClient, token: string, existing?: string): Promise<string> {
  const id = existing ?? (await db.instructor.create({ data: { email: `teacher-${randomBytes(4).toString("hex")}@example.edu`, passwordHash: "unused" } })).id;
  await db.instructorSession.create({ data: { instructorId: id, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 86_400_000) } });
  return id;
}

export async function seedResults(db: PrismaClient, context: QuestionContext, options: SeedOptions): Promise<SeededResults> {
  const quiz = options.quiz ?? resultsQuiz();
  const token = randomBytes(16).toString("hex");
  const instructorId = await instructorWithSession(db, token, options.instructorId);
  const definition = jsonOf(quiz);
  const created = await db.instructorQuiz.create({ data: { instructorId, definition, code: randomBytes(4).toString("hex") } });
  const version = await db.quizVersion.create({ data: { instructorQuizId: created.id, definition } });
  await db.instructorQuiz.update({ where: { id: created.id }, data: { liveVersionId: version.id } });
  const versionQuiz = { id: `version:${version.id}`, topics: quiz.topics ?? [], questions: quiz.questions };
  const start = options.start ?? new Date(Date.now() - 3_600_000);
  const answerFor = options.answer ?? defaultAnswer;
  const attemptIds: string[] = [];
  for (let from = 0; from < options.students; from += 500) {
    const count = Math.min(500, options.students - from);
    const learners = Array.from({ length: count }, (_, i) => ({ id: `lrn${created.id.slice(-8)}${String(from + i).padStart(6, "0")}`, tokenHash: randomBytes(16).toString("hex") }));
    await db.learner.createMany({ data: learners });
    const sessions: Prisma.StudySessionCreateManyInput[] = [];
    const answers: Prisma.AnswerCreateManyInput[] = [];
    learners.forEach((learner, i) => {
      const student = from + i;
      const refs: QuestionRef[] = [
        ...quiz.questions.map((item): QuestionRef => ({ source: "quiz", quizId: versionQuiz.id, questionId: item.id })),
        ...quiz.generated.flatMap((slot, s) => Array.from({ length: slot.count }, (_, k): QuestionRef => ({ source: "generated", kind: slot.kinds?.[k % slot.kinds.length] ?? "next-state", seed: (student * 7919 + s * 104729 + k) >>> 0 }))),
      ];
      const id = `att${created.id.slice(-8)}${String(student).padStart(6, "0")}`;
      const began = new Date(start.getTime() + student * 1000);
      attemptIds.push(id);
      let at = began.getTime();
      refs.forEach((ref, position) => {
        const question = resolveQuestion(ref, context, [versionQuiz])!;
        const response = answerFor(student, position, question);
        if (!response) return;
        const result = checkAnswer(question, response, context);
        at += 20_000 + (student % 7) * 1000;
        answers.push({
          learnerId: learner.id,
          sessionId: id,
          position,
          questionId: question.id,
          kind: question.kind,
          topics: question.topics,
          tests: question.tests,
          correct: result.correct,
          score: result.score,
          response: jsonOf(response),
          createdAt: new Date(at),
        });
      });
      sessions.push({
        id,
        learnerId: learner.id,
        mode: "quiz",
        config: { mode: "quiz", topics: [], length: refs.length, weakSpots: false, quizId: versionQuiz.id },
        questions: jsonOf(refs),
        createdAt: began,
        finishedAt: new Date(at + 5_000),
        quizVersionId: version.id,
        attempt: 1,
        studentName: (options.name ?? ((n: number) => `Student ${String(n).padStart(4, "0")}`))(student),
      });
    });
    await db.studySession.createMany({ data: sessions });
    for (let i = 0; i < answers.length; i += 500) await db.answer.createMany({ data: answers.slice(i, i + 500) });
  }
  return { instructorId, token, quizId: created.id, versionId: version.id, attemptIds };
}
