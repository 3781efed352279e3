import "server-only";
import { randomInt } from "node:crypto";
import { quizToYaml } from "../builder/quiz-yaml";
import type { DraftProblem } from "../builder/draft-check";
import type { BilingualText } from "../content";
import { sameJson } from "../db/canonical-json";
import { Prisma } from "./generated/prisma/client";
import { jsonOf } from "./json-column";
import type { PrismaClient } from "./prisma-client";

/*
 * An instructor's builder quizzes. Every function takes the instructor's id
 * (from their session, never from the request) and finds only their
 * quizzes: another instructor's quiz, or a missing one, is the same
 * QuizNotFound, so a route cannot tell the two apart and answers 404.
 *
 * The draft is saved as written, problems and all, so nothing typed is lost;
 * publishing refuses a draft with problems, and freezes what it publishes
 * as a QuizVersion, so that editing the draft never changes an attempt.
 */

export class QuizNotFound extends Error {
  override name = "QuizNotFound";
  constructor() {
    super("no such quiz");
  }
}

export class DraftHasProblems extends Error {
  override name = "DraftHasProblems";
  constructor(readonly problems: DraftProblem[]) {
    super("the draft has problems; fix them before publishing");
  }
}

/** What a stored definition may weigh: the API takes bodies up to 256 KB. */
export const MAX_DEFINITION_CHARS = 200_000;

export type QuizStatus = "draft" | "live" | "archived";

export interface QuizSummary {
  id: string;
  title: BilingualText | null;
  status: QuizStatus;
  code: string | null;
  attempts: number;
  origin: string | null;
  updatedAt: string;
}

export interface InstructorQuizView {
  id: string;
  definition: Record<string, unknown>;
  status: QuizStatus;
  code: string | null;
  origin: string | null;
  updatedAt: string;
  /** The definition students take now, when published. */
  liveDefinition: Record<string, unknown> | null;
  /** Published, and the draft has been changed since: the same JSON, whatever order the database keeps its keys in, is no change. */
  draftDiffers: boolean;
}

/** Short codes avoid letters and digits that read alike (0/O, 1/I/L, U/V). */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 6;

export function newQuizCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

function statusOf(row: { archivedAt: Date | null; liveVersionId: string | null }): QuizStatus {
  if (row.archivedAt) return "archived";
  return row.liveVersionId ? "live" : "draft";
}

/** A stored definition (a Json column) as an object; any other JSON reads as an empty one, which the builder's check then reports. */
function parseDefinition(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}


function titleOf(definition: Record<string, unknown>): BilingualText | null {
  const title = definition.title as { zh?: unknown; en?: unknown } | undefined;
  return typeof title?.zh === "string" && typeof title.en === "string" ? { zh: title.zh, en: title.en } : null;
}

/** Own quizzes, the most recently changed first; archived ones only when asked for. */
export async function listQuizzes(db: PrismaClient, instructorId: string, { archived = false } = {}): Promise<QuizSummary[]> {
  const rows = await db.instructorQuiz.findMany({
    where: { instructorId, archivedAt: archived ? { not: null } : null },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    include: { versions: { select: { _count: { select: { attempts: true } } } } },
  });
  return rows.map((row) => ({
    id: row.id,
    title: titleOf(parseDefinition(row.definition)),
    status: statusOf(row),
    code: row.code,
    attempts: row.versions.reduce((sum, version) => sum + version._count.attempts, 0),
    origin: row.origin,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

async function ownRow(db: PrismaClient, instructorId: string, id: string) {
  const row = await db.instructorQuiz.findFirst({ where: { id, instructorId } });
  if (!row) throw new QuizNotFound();
  return row;
}

export async function getQuiz(db: PrismaClient, instructorId: string, id: string): Promise<InstructorQuizView> {
  const row = await ownRow(db, instructorId, id);
  const live = row.liveVersionId ? await db.quizVersion.findUnique({ where: { id: row.liveVersionId } }) : null;
  const definition = parseDefinition(row.definition);
  const liveDefinition = live ? parseDefinition(live.definition) : null;
  return {
    id: row.id,
    definition,
    status: statusOf(row),
    code: row.code,
    origin: row.origin,
    updatedAt: row.updatedAt.toISOString(),
    liveDefinition,
    draftDiffers: liveDefinition !== null && !sameJson(liveDefinition, definition),
  };
}

/** A valid quiz to start from: five generated questions, any kind. */
export function starterDefinition(): Record<string, unknown> {
  const suffix = Array.from({ length: 6 }, () => "abcdefghijkmnpqrstuvwxyz23456789"[randomInt(32)]).join("");
  return { id: `quiz-${suffix}`, title: { zh: "新测验", en: "New quiz" }, questions: [], generated: [{ count: 5 }] };
}

/** A file quiz from content/quizzes/ (as loaded into the Quiz table) as a builder definition. */
async function fileDefinition(db: PrismaClient, quizId: string): Promise<Record<string, unknown>> {
  const row = await db.quiz.findFirst({ where: { id: quizId, active: true } });
  if (!row) throw new QuizNotFound();
  // Written by the content load from checked files (lib/server/content-store.ts): only their absence is looked for.
  const list = (value: Prisma.JsonValue) => (Array.isArray(value) ? value : []);
  const topics = list(row.topics);
  const settings = parseDefinition(row.settings);
  const captures = list(row.captures);
  return {
    id: row.id,
    title: { zh: row.titleZh, en: row.titleEn },
    ...(row.descriptionZh && row.descriptionEn ? { description: { zh: row.descriptionZh, en: row.descriptionEn } } : {}),
    ...(topics.length > 0 ? { topics } : {}),
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
    questions: list(row.questions),
    generated: list(row.generated),
    ...(captures.length > 0 ? { captures } : {}),
  };
}

function copied(definition: Record<string, unknown>): Record<string, unknown> {
  const title = titleOf(definition);
  const id = typeof definition.id === "string" && definition.id.length <= 90 ? `${definition.id}-copy` : definition.id;
  return { ...definition, id, ...(title ? { title: { zh: `${title.zh}（副本）`, en: `${title.en} (copy)` } } : {}) };
}

export type CreateFrom = "blank" | `file:${string}` | `copy:${string}`;

/** A new draft: blank, a copy of a file quiz (origin "file:<id>"), or a duplicate of one of the instructor's own. */
export async function createQuiz(db: PrismaClient, instructorId: string, from: CreateFrom): Promise<{ id: string }> {
  let definition: Record<string, unknown>;
  let origin: string | null = null;
  if (from === "blank") definition = starterDefinition();
  else if (from.startsWith("file:")) {
    definition = await fileDefinition(db, from.slice("file:".length));
    origin = from;
  } else {
    const source = await ownRow(db, instructorId, from.slice("copy:".length));
    definition = copied(parseDefinition(source.definition));
    origin = source.origin;
  }
  const row = await db.instructorQuiz.create({ data: { instructorId, definition: jsonOf(definition), origin } });
  return { id: row.id };
}

export async function saveDraft(db: PrismaClient, instructorId: string, id: string, definition: Record<string, unknown>): Promise<{ updatedAt: string }> {
  await ownRow(db, instructorId, id);
  if (JSON.stringify(definition).length > MAX_DEFINITION_CHARS) throw new RangeError(`a quiz definition is at most ${MAX_DEFINITION_CHARS} characters`);
  const row = await db.instructorQuiz.update({ where: { id }, data: { definition: jsonOf(definition) } });
  return { updatedAt: row.updatedAt.toISOString() };
}

/** Archived: out of the default list, and its link takes no new attempts (the student side reads archivedAt). */
export async function setArchived(db: PrismaClient, instructorId: string, id: string, archived: boolean, now = new Date()): Promise<void> {
  await ownRow(db, instructorId, id);
  await db.instructorQuiz.update({ where: { id }, data: { archivedAt: archived ? now : null } });
}

function isCodeCollision(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const CODE_TRIES = 20;

/**
 * Freezes the draft as a new version students take from now on. The draft
 * must have no problems (`problemsOf` runs the builder's check). The first
 * publish gives the quiz its code; later ones keep it, so a link handed out
 * keeps working.
 */
export async function publishQuiz(
  db: PrismaClient,
  instructorId: string,
  id: string,
  problemsOf: (definition: Record<string, unknown>) => Promise<DraftProblem[]>,
  makeCode: () => string = newQuizCode,
): Promise<{ code: string; versionId: string }> {
  const row = await ownRow(db, instructorId, id);
  const definition = parseDefinition(row.definition);
  const problems = await problemsOf(definition);
  if (problems.length > 0) throw new DraftHasProblems(problems);
  for (let attempt = 1; ; attempt++) {
    const code = row.code ?? makeCode();
    try {
      const version = await db.$transaction(async (tx) => {
        const created = await tx.quizVersion.create({ data: { instructorQuizId: id, definition: jsonOf(definition) } });
        await tx.instructorQuiz.update({ where: { id }, data: { liveVersionId: created.id, code } });
        return created;
      });
      return { code, versionId: version.id };
    } catch (error) {
      if (row.code || !isCodeCollision(error) || attempt >= CODE_TRIES) throw error;
    }
  }
}

/** Students who open the link are told the quiz is not open; the code stays with the quiz for a later publish. */
export async function unpublishQuiz(db: PrismaClient, instructorId: string, id: string): Promise<void> {
  await ownRow(db, instructorId, id);
  await db.instructorQuiz.update({ where: { id }, data: { liveVersionId: null } });
}

/** The draft as a content/quizzes file: its text and a safe file name from its id. */
export async function quizFile(db: PrismaClient, instructorId: string, id: string): Promise<{ filename: string; text: string }> {
  const row = await ownRow(db, instructorId, id);
  const definition = parseDefinition(row.definition);
  const quizId = typeof definition.id === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.id) && definition.id.length <= 100 ? definition.id : "quiz";
  return { filename: `${quizId}.yaml`, text: quizToYaml(definition) };
}

/** Active file quizzes from content/quizzes/, to copy into the builder. */
export async function fileQuizzes(db: PrismaClient): Promise<{ id: string; title: BilingualText }[]> {
  const rows = await db.quiz.findMany({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true, titleZh: true, titleEn: true } });
  return rows.map((row) => ({ id: row.id, title: { zh: row.titleZh, en: row.titleEn } }));
}
