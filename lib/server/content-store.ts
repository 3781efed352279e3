import { createHash } from "node:crypto";
import type { ContentFile, ContentReport } from "../content";
import type { PrismaClient } from "./prisma-client";

export interface ContentLoadResult {
  changed: boolean;
  notes: number;
  cards: number;
  quizzes: number;
}

/** Bump when storeContent writes something new, so that unchanged files are loaded again once. */
const STORE_VERSION = "4";

/** A hash of every file's path and text (and of how they are stored): equal hashes mean nothing to load. */
export function contentChecksum(files: readonly ContentFile[]): string {
  const hash = createHash("sha256").update(STORE_VERSION).update("\0");
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(file.path).update("\0").update(file.bytes ?? file.text).update("\0");
  }
  return hash.digest("hex");
}

/**
 * Writes checked content into the database in one transaction. Items that
 * left the files are marked inactive rather than deleted, so that progress
 * recorded against them is never lost; they come back if the file returns.
 */
export async function storeContent(db: PrismaClient, report: ContentReport, checksum: string): Promise<ContentLoadResult> {
  const last = await db.contentLoad.findFirst({ orderBy: { id: "desc" } });
  const cards = report.decks.flatMap((deck) => deck.cards);
  const counts = { notes: report.notes.length, cards: cards.length, quizzes: report.quizzes.length };
  if (last?.checksum === checksum) return { changed: false, ...counts };

  await db.$transaction(async (tx) => {
    await tx.note.updateMany({ data: { active: false } });
    await tx.card.updateMany({ data: { active: false } });
    await tx.deck.updateMany({ data: { active: false } });
    await tx.quiz.updateMany({ data: { active: false } });
    for (const note of report.notes) {
      const data = {
        titleZh: note.title.zh,
        titleEn: note.title.en,
        summaryZh: note.summary?.zh ?? null,
        summaryEn: note.summary?.en ?? null,
        bodyZh: note.body.zh,
        bodyEn: note.body.en,
        tags: JSON.stringify(note.tags),
        order: note.order,
        sourcePath: note.sourcePath,
        active: true,
      };
      await tx.note.upsert({ where: { id: note.id }, create: { id: note.id, ...data }, update: data });
    }
    for (const deck of report.decks) {
      const data = { titleZh: deck.title.zh, titleEn: deck.title.en, sourcePath: deck.sourcePath, active: true };
      await tx.deck.upsert({ where: { id: deck.id }, create: { id: deck.id, ...data }, update: data });
    }
    for (const card of cards) {
      const data = {
        deckId: card.deckId,
        kind: card.kind,
        frontZh: card.front.zh,
        frontEn: card.front.en,
        backZh: card.back.zh,
        backEn: card.back.en,
        tags: JSON.stringify(card.tags),
        keyPoints: card.keyPoints ? JSON.stringify(card.keyPoints) : null,
        followUp: card.followUp ? JSON.stringify(card.followUp) : null,
        noteId: card.note ?? null,
        sourcePath: card.sourcePath,
        sourceLine: card.sourceLine,
        active: true,
      };
      await tx.card.upsert({ where: { id: card.id }, create: { id: card.id, ...data }, update: data });
    }
    for (const info of report.states) {
      const data = { nameZh: info.name.zh, nameEn: info.name.en, meaningZh: info.meaning.zh, meaningEn: info.meaning.en };
      await tx.stateInfo.upsert({ where: { state: info.state }, create: { state: info.state, ...data }, update: data });
    }
    for (const quiz of report.quizzes) {
      const data = {
        titleZh: quiz.title.zh,
        titleEn: quiz.title.en,
        descriptionZh: quiz.description?.zh ?? null,
        descriptionEn: quiz.description?.en ?? null,
        topics: JSON.stringify(quiz.topics ?? []),
        questions: JSON.stringify(quiz.questions),
        generated: JSON.stringify(quiz.generated),
        settings: JSON.stringify(quiz.settings ?? {}),
        captures: JSON.stringify(quiz.captures ?? []),
        sourcePath: quiz.sourcePath,
        active: true,
      };
      await tx.quiz.upsert({ where: { id: quiz.id }, create: { id: quiz.id, ...data }, update: data });
    }
    await tx.contentLoad.create({
      data: { checksum, files: report.counts.files, claims: report.counts.claims, ...counts },
    });
  });
  return { changed: true, ...counts };
}
