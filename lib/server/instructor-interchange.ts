import "server-only";
import { quizFileSchema, type BilingualList, type Card, type ContentTag, type Deck, type QuizFile } from "../content";
import type { Language } from "../i18n/language";
import { exportAnki, exportGift, exportMoodleXml, importGift, type ExportLanguage, type ImportMessage } from "../interchange";
import { draftProblems } from "./instructor-draft-check";
import { DraftHasProblems, QuizNotFound } from "./instructor-quiz-store";
import { jsonOf } from "./json-column";
import type { PrismaClient } from "./prisma-client";
import { stringList } from "./progress-data";
import { loadQuestionSource, quizContext } from "./question-source";

/*
 * The builder's buttons for what `npm run -s export` and `npm run -s import`
 * do on the command line (lib/cli/export-command.ts, import-command.ts): the same writers and
 * reader from lib/interchange, applied to an instructor's own quizzes and to
 * the decks the server has loaded.
 */

export const EXPORT_FORMATS = ["gift", "moodle-xml"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  filename: string;
  contentType: string;
  text: string;
}

/** Throws QuizNotFound (a 404) unless the quiz is this instructor's: asked before anything else about the request is judged. */
export async function assertOwnQuiz(db: PrismaClient, instructorId: string, id: string): Promise<void> {
  if (!(await db.instructorQuiz.findFirst({ where: { id, instructorId }, select: { id: true } }))) throw new QuizNotFound();
}

/** One of the instructor's quizzes (its saved draft) as Moodle GIFT or Moodle XML; a draft with problems is refused (409). */
export async function exportInstructorQuiz(db: PrismaClient, instructorId: string, id: string, format: ExportFormat, lang: ExportLanguage, seed: number | undefined, checkLang: Language): Promise<ExportedFile> {
  const row = await db.instructorQuiz.findFirst({ where: { id, instructorId }, select: { definition: true } });
  if (!row) throw new QuizNotFound();
  const definition: unknown = row.definition;
  const problems = await draftProblems(db, definition, checkLang, instructorId);
  const parsed = quizFileSchema.safeParse(definition);
  if (problems.length > 0 || !parsed.success) throw new DraftHasProblems(problems);
  const quiz: QuizFile = parsed.data;
  // The uploads its capture slots name: their questions are written out as ordinary ones.
  const context = await quizContext(db, (await loadQuestionSource(db)).context, quiz, instructorId);
  const options = { lang, ...(seed === undefined ? {} : { seed }) };
  return format === "gift"
    ? { filename: `${quiz.id}.gift.txt`, contentType: "text/plain; charset=utf-8", text: exportGift([quiz], context, options) }
    : { filename: `${quiz.id}.moodle.xml`, contentType: "application/xml; charset=utf-8", text: exportMoodleXml([quiz], context, options) };
}

/** The decks the server has loaded from content/cards, as Anki text import (one deck, or all). */
export async function exportDecks(db: PrismaClient, deckId: string | undefined, lang: ExportLanguage): Promise<ExportedFile | null> {
  const rows = await db.deck.findMany({
    where: { active: true, ...(deckId ? { id: deckId } : {}) },
    orderBy: { id: "asc" },
    include: { cards: { where: { active: true }, orderBy: { sourceLine: "asc" } } },
  });
  if (rows.length === 0) return null;
  const decks: Pick<Deck, "id" | "title" | "cards">[] = rows.map((deck) => ({
    id: deck.id,
    title: { zh: deck.titleZh, en: deck.titleEn },
    cards: deck.cards.map(
      (card): Card => ({
        id: card.id,
        deckId: card.deckId,
        kind: card.kind as Card["kind"],
        front: { zh: card.frontZh, en: card.frontEn },
        back: { zh: card.backZh, en: card.backEn },
        tags: stringList(card.tags) as ContentTag[],
        // Written by the content load from checked content files (lib/server/content-store.ts).
        ...(card.keyPoints ? { keyPoints: card.keyPoints as BilingualList } : {}),
        claimCount: 0,
        sourcePath: card.sourcePath,
        sourceLine: card.sourceLine,
      }),
    ),
  }));
  return { filename: `${deckId ?? "synack-cards"}.anki.txt`, contentType: "text/plain; charset=utf-8", text: exportAnki(decks, { lang }) };
}

export interface GiftImportOutcome {
  /** The new draft, or null when nothing in the file could be imported. */
  id: string | null;
  skipped: ImportMessage[];
  notes: ImportMessage[];
}

/** A GIFT file becomes a new draft in the builder (origin "import:gift"); what has no SynAck equivalent is reported by line. */
export async function importGiftQuiz(db: PrismaClient, instructorId: string, text: string, fileName: string, lang: Language): Promise<GiftImportOutcome> {
  const result = importGift(text, { fileName, lang });
  if (!result.quiz) return { id: null, skipped: result.skipped, notes: result.notes };
  const row = await db.instructorQuiz.create({ data: { instructorId, definition: jsonOf(result.quiz), origin: "import:gift" }, select: { id: true } });
  return { id: row.id, skipped: result.skipped, notes: result.notes };
}

/** The loaded decks with their card counts, for the builder's Anki export links. */
export async function deckList(db: PrismaClient): Promise<{ id: string; title: { zh: string; en: string }; cards: number }[]> {
  const decks = await db.deck.findMany({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true, titleZh: true, titleEn: true, _count: { select: { cards: { where: { active: true } } } } } });
  return decks.map((deck) => ({ id: deck.id, title: { zh: deck.titleZh, en: deck.titleEn }, cards: deck._count.cards }));
}
