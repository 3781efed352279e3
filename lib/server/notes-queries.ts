import "server-only";
import { cache } from "react";
import type { BilingualText } from "../content";
import { db } from "./db";
import { pathIdProblem } from "./path-id";

/** A note as the list of notes shows it. */
export interface NoteSummary {
  id: string;
  title: BilingualText;
  summary: BilingualText | null;
  tags: string[];
  order: number;
}

/** A note with its Markdown body in both languages. */
export interface NoteDetail extends NoteSummary {
  body: BilingualText;
  /** Neighbours in reading order, for previous / next links. */
  previous: { id: string; title: BilingualText } | null;
  next: { id: string; title: BilingualText } | null;
}

const summaryFields = { id: true, titleZh: true, titleEn: true, summaryZh: true, summaryEn: true, tags: true, order: true } as const;

type SummaryRow = { id: string; titleZh: string; titleEn: string; summaryZh: string | null; summaryEn: string | null; tags: unknown; order: number };

/** The active notes in reading order (`order`, then id). */
export async function listNotes(): Promise<NoteSummary[]> {
  const rows = await db.note.findMany({ where: { active: true }, orderBy: [{ order: "asc" }, { id: "asc" }], select: summaryFields });
  return rows.map(toSummary);
}

/** One active note, or null when there is none by that id; read once per request (metadata and page share it). */
export const getNote = cache(async (id: string): Promise<NoteDetail | null> => {
  if (pathIdProblem(id)) return null;
  const row = await db.note.findFirst({ where: { id, active: true } });
  if (!row) return null;
  const all = await listNotes();
  const position = all.findIndex((note) => note.id === id);
  const neighbour = (note: NoteSummary | undefined) => (note ? { id: note.id, title: note.title } : null);
  return {
    ...toSummary(row),
    body: { zh: row.bodyZh, en: row.bodyEn },
    previous: neighbour(position > 0 ? all[position - 1] : undefined),
    next: neighbour(all[position + 1]),
  };
});

function toSummary(row: SummaryRow): NoteSummary {
  return {
    id: row.id,
    title: { zh: row.titleZh, en: row.titleEn },
    summary: row.summaryZh !== null && row.summaryEn !== null ? { zh: row.summaryZh, en: row.summaryEn } : null,
    tags: parseTags(row.tags, row.id),
    order: row.order,
  };
}

function parseTags(value: unknown, id: string): string[] {
  if (Array.isArray(value)) return value.filter((tag): tag is string => typeof tag === "string");
  console.error(`note ${id}: tags are not a JSON array`);
  return [];
}
