import { quizFileSchema, type CaptureSlot, type GeneratedSlot, type Quiz, type QuizFile, type QuizQuestionInput, type QuizSettings, type StateInfo } from "../content";
import { resolveQuestion, type Question, type QuestionContext, type QuestionRef, type WhyCard } from "../questions";
import type { TcpState } from "../tcp";
import { contextWithUploads, sampleCaptures } from "./capture-store";
import { Prisma } from "./generated/prisma/client";
import type { Db, PrismaClient } from "./prisma-client";

/** A quiz as sessions use it: a file quiz (by its id) or a published builder version ("version:<QuizVersion.id>"). */
export type SourceQuiz = Pick<Quiz, "id" | "topics" | "title" | "description"> & {
  questions: QuizQuestionInput[];
  generated: GeneratedSlot[];
  captures?: CaptureSlot[];
  settings: QuizSettings;
  /** A published version's instructor: the uploads its capture slots name are looked up among theirs. */
  ownerId?: string;
};

export interface QuestionSource {
  context: QuestionContext;
  quizzes: SourceQuiz[];
}

/** The prefix of a session's quiz id that names a published builder version rather than a file quiz. */
export const VERSION_QUIZ_PREFIX = "version:";

const cache = new Map<string, QuestionSource>();

/**
 * What the question engine needs from the database: states' meanings, why
 * cards and instructors' quizzes, with the sample captures from
 * content/captures. Cached until the next content load: the last ContentLoad
 * row is asked for on every call, so a load by any process (another app
 * server's start) is seen by every server at its next request.
 */
export async function loadQuestionSource(db: PrismaClient): Promise<QuestionSource> {
  // Asked on every quiz request: one short raw statement.
  const [load] = await db.$queryRaw<{ id: number | bigint; checksum: string }[]>`SELECT "id", "checksum" FROM "ContentLoad" ORDER BY "id" DESC LIMIT 1`;
  const key = `${load?.id ?? 0}:${load?.checksum ?? ""}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const [states, why, quizzes] = await Promise.all([
    db.stateInfo.findMany(),
    db.card.findMany({ where: { active: true, kind: "why", keyPoints: { not: Prisma.DbNull } }, orderBy: [{ deckId: "asc" }, { sourceLine: "asc" }] }),
    db.quiz.findMany({ where: { active: true }, orderBy: { id: "asc" } }),
  ]);
  const source: QuestionSource = {
    context: {
      states: states.map(
        (row): StateInfo => ({ state: row.state as TcpState, name: { zh: row.nameZh, en: row.nameEn }, meaning: { zh: row.meaningZh, en: row.meaningEn } }),
      ),
      // Written by the content load from checked content files (lib/server/content-store.ts).
      whyCards: why.map((card) => ({
        id: card.id,
        front: { zh: card.frontZh, en: card.frontEn },
        back: { zh: card.backZh, en: card.backEn },
        keyPoints: card.keyPoints as { zh: string[]; en: string[] },
        tags: card.tags as string[],
        ...(card.followUp ? { followUp: card.followUp as NonNullable<WhyCard["followUp"]> } : {}),
      })),
      captures: sampleCaptures(),
    },
    quizzes: quizzes.map((quiz) => ({
      id: quiz.id,
      title: { zh: quiz.titleZh, en: quiz.titleEn },
      ...(quiz.descriptionZh && quiz.descriptionEn ? { description: { zh: quiz.descriptionZh, en: quiz.descriptionEn } } : {}),
      topics: quiz.topics as Quiz["topics"],
      questions: quiz.questions as unknown as QuizQuestionInput[],
      generated: quiz.generated as unknown as GeneratedSlot[],
      captures: quiz.captures as unknown as CaptureSlot[],
      settings: quiz.settings as QuizSettings,
    })),
  };
  cache.clear();
  cache.set(key, source);
  return source;
}

/*
 * Published versions never change, so each is read and parsed once and
 * kept (every app server keeps the same thing: a version is found by its
 * id, which a row in the database gives) (a bounded number, the least recently used dropped first). A source
 * with a version added is kept per base source too, so that its questions
 * are made once like a file quiz's.
 */
const VERSION_CACHE_SIZE = 500;
const versions = new Map<string, SourceQuiz | null>();
const withVersion = new WeakMap<QuestionSource, Map<string, QuestionSource>>();

/** A published version as a source quiz, or null when there is no such version or its definition no longer parses. */
export async function loadVersionQuiz(db: Db, versionId: string): Promise<SourceQuiz | null> {
  const kept = versions.get(versionId);
  if (kept !== undefined) {
    versions.delete(versionId);
    versions.set(versionId, kept);
    return kept;
  }
  const row = await db.quizVersion.findUnique({ where: { id: versionId }, select: { definition: true, quiz: { select: { instructorId: true } } } });
  // A missing id is not kept, so that made-up ids cannot fill the cache.
  if (!row) return null;
  const quiz = versionQuiz(versionId, row.definition, row.quiz.instructorId);
  versions.set(versionId, quiz);
  if (versions.size > VERSION_CACHE_SIZE) versions.delete(versions.keys().next().value!);
  return quiz;
}

/** A version's stored definition (a Json column) read with the quiz file schema; null (and logged) when it does not parse. */
export function versionQuiz(versionId: string, definition: unknown, ownerId?: string): SourceQuiz | null {
  const parsed = quizFileSchema.safeParse(definition);
  if (!parsed.success) {
    console.error(`quiz version ${versionId}: its definition does not parse:`, parsed.error.issues[0]?.message);
    return null;
  }
  return versionSourceQuiz(versionId, parsed.data, ownerId);
}

/** A published version's definition, already read with the quiz file schema, as sessions find it ("version:<id>"). */
export function versionSourceQuiz(versionId: string, quiz: QuizFile, ownerId?: string): SourceQuiz {
  return {
    id: `${VERSION_QUIZ_PREFIX}${versionId}`,
    title: quiz.title,
    ...(quiz.description ? { description: quiz.description } : {}),
    ...(quiz.topics ? { topics: quiz.topics } : {}),
    questions: quiz.questions,
    generated: quiz.generated,
    ...(quiz.captures ? { captures: quiz.captures } : {}),
    settings: quiz.settings ?? {},
    ...(ownerId ? { ownerId } : {}),
  };
}

/**
 * The context a quiz's questions are made in: the base context (with the
 * samples), plus the uploads its capture slots name when they are its
 * owner's. The one helper every place that plans or resolves an
 * instructor's quiz goes through (attempts, answers, preview, results,
 * exports, the draft check).
 */
export async function quizContext(db: Db, context: QuestionContext, quiz: { captures?: readonly { capture: string }[] }, ownerId: string | undefined): Promise<QuestionContext> {
  if (!ownerId || !quiz.captures?.length) return context;
  return contextWithUploads(db, context, quiz.captures.map((slot) => slot.capture), ownerId);
}

/**
 * The source a session with quiz id `quizId` needs: the base source, with
 * the published version added when the id names one ("version:<id>").
 * Unknown versions leave the base source as it is (the session's questions
 * then resolve to nothing and the session reads as gone).
 */
export async function sourceForQuiz(db: Db, source: QuestionSource, quizId: string | undefined): Promise<QuestionSource> {
  if (!quizId?.startsWith(VERSION_QUIZ_PREFIX)) return source;
  let kept = withVersion.get(source);
  if (!kept) withVersion.set(source, (kept = new Map()));
  const cached = kept.get(quizId);
  if (cached) return cached;
  const quiz = await loadVersionQuiz(db, quizId.slice(VERSION_QUIZ_PREFIX.length));
  if (!quiz) return source;
  const added: QuestionSource = { context: await quizContext(db, source.context, quiz, quiz.ownerId), quizzes: [...source.quizzes, quiz] };
  kept.set(quizId, added);
  if (kept.size > VERSION_CACHE_SIZE) kept.delete(kept.keys().next().value!);
  return added;
}

/** Questions kept per source: a session's questions are made when it is planned, shown, and answered; each is made once. */
const QUESTION_CACHE_SIZE = 5_000;
const questionCaches = new WeakMap<QuestionSource, Map<string, Question | null>>();

function refKey(ref: QuestionRef): string {
  if (ref.source === "generated") return `generated:${ref.kind}:${ref.seed}:${ref.profile ?? ""}`;
  if (ref.source === "quiz") return `quiz:${ref.quizId}:${ref.questionId}`;
  if (ref.source === "capture") return `capture:${ref.capture}:${ref.connection}:${ref.seed}:${ref.profile ?? ""}`;
  return `card:${ref.cardId}:${ref.part}`;
}

/**
 * The question `ref` names in this source (resolveQuestion), made once and
 * kept while the source is current, the least recently used dropped first.
 * `made`: the question, when the caller has just generated it.
 */
export function sourceQuestion(source: QuestionSource, ref: QuestionRef, made?: Question): Question | null {
  let cache = questionCaches.get(source);
  if (!cache) questionCaches.set(source, (cache = new Map()));
  const key = refKey(ref);
  const kept = cache.get(key);
  if (kept !== undefined) {
    cache.delete(key);
    cache.set(key, kept);
    return kept;
  }
  const question = made ?? resolveQuestion(ref, source.context, source.quizzes);
  cache.set(key, question);
  if (cache.size > QUESTION_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return question;
}
