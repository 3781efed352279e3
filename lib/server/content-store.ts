import { createHash } from "node:crypto";
import type { ContentFile, ContentReport } from "../content";
import { jsonOf, jsonOrDbNull } from "./json-column";
import type { Db, PrismaClient } from "./prisma-client";
import { holdTransactionLock } from "./sql-dialect";
import { storageFailure } from "./storage-errors";

export interface ContentLoadResult {
  /**
   * "loaded": this call wrote the files into the database; "unchanged": they were there already;
   * "loaded-elsewhere": another process (a server starting at the same moment) loaded these very files
   * while this one waited for its turn.
   */
  outcome: "loaded" | "unchanged" | "loaded-elsewhere";
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
 * How long one load may take, the wait for another server's load included: a hang guard, not a goal. The
 * shipped content loads in a second or two; many times more content behind another server's load, on a
 * 2-core machine at load 14, still fits.
 */
const LOAD_TIMEOUT_MS = 10 * 60_000;

/** The lock content loads take turns on (holdTransactionLock: PostgreSQL's advisory lock by this name). */
export const CONTENT_LOCK = "content-load";

/**
 * Writes checked content into the database in one transaction. Items that
 * left the files are marked inactive rather than deleted, so that progress
 * recorded against them is never lost; they come back if the file returns.
 *
 * Several servers may start at the same moment on one database, each
 * loading content: the check for the last load and the load itself happen
 * under one database lock, so the content is loaded once, whole, and the
 * others find it loaded when their turn comes.
 */
export async function storeContent(db: PrismaClient, report: ContentReport, checksum: string): Promise<ContentLoadResult> {
  const cards = report.decks.flatMap((deck) => deck.cards);
  const counts = { notes: report.notes.length, cards: cards.length, quizzes: report.quizzes.length };
  // Looked at first without the lock: a server restarting on loaded content writes nothing and waits for nobody.
  if ((await lastChecksum(db)) === checksum) return { outcome: "unchanged", ...counts };

  const loaded = await whileBusy(() =>
    db.$transaction(
      async (tx) => {
        // SQLite: the transaction began IMMEDIATE (lib/server/sqlite-connection.ts), so it holds the file's write lock already.
        await holdTransactionLock(tx, CONTENT_LOCK);
        if ((await lastChecksum(tx)) === checksum) return false;
        await writeContent(tx, report, checksum, counts);
        return true;
      },
      { maxWait: LOAD_TIMEOUT_MS, timeout: LOAD_TIMEOUT_MS },
    ),
  );
  return { outcome: loaded ? "loaded" : "loaded-elsewhere", ...counts };
}

async function lastChecksum(db: Db): Promise<string | undefined> {
  return (await db.contentLoad.findFirst({ orderBy: { id: "desc" }, select: { checksum: true } }))?.checksum;
}

/**
 * Runs `load` again while SQLite answers busy: another process held the file's write lock past the busy
 * timeout (5 s, lib/server/sqlite-connection.ts), as a server loading content at the same moment may.
 */
async function whileBusy<T>(load: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  for (;;) {
    try {
      return await load();
    } catch (error) {
      if (storageFailure(error) !== "busy" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The whole load, inside the caller's transaction: everything marked inactive, then the report's items written active. */
async function writeContent(tx: Db, report: ContentReport, checksum: string, counts: { notes: number; cards: number; quizzes: number }): Promise<void> {
  const cards = report.decks.flatMap((deck) => deck.cards);
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
      tags: jsonOf(note.tags),
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
      tags: jsonOf(card.tags),
      keyPoints: jsonOrDbNull(card.keyPoints),
      followUp: jsonOrDbNull(card.followUp),
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
      topics: jsonOf(quiz.topics ?? []),
      questions: jsonOf(quiz.questions),
      generated: jsonOf(quiz.generated),
      settings: jsonOf(quiz.settings ?? {}),
      captures: jsonOf(quiz.captures ?? []),
      sourcePath: quiz.sourcePath,
      active: true,
    };
    await tx.quiz.upsert({ where: { id: quiz.id }, create: { id: quiz.id, ...data }, update: data });
  }
  await tx.contentLoad.create({
    data: { checksum, files: report.counts.files, claims: report.counts.claims, ...counts },
  });
}
