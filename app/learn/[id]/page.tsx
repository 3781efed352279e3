import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NoteMarkdown } from "@/components/learn/note-markdown";
import { learn } from "@/lib/i18n/messages/learn";
import { inLanguage } from "@/lib/i18n/translate";
import { getNote } from "@/lib/server/notes-queries";
import { getLanguage } from "@/lib/server/preferences";
import styles from "../learn.module.css";

export const dynamic = "force-dynamic";

interface NotePageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: NotePageProps): Promise<Metadata> {
  const [{ id }, lang] = await Promise.all([params, getLanguage()]);
  const note = await getNote(id);
  return note ? { title: note.title[lang], description: note.summary?.[lang] } : {};
}

export default async function NotePage({ params }: NotePageProps) {
  const [{ id }, lang] = await Promise.all([params, getLanguage()]);
  const note = await getNote(id);
  if (!note) notFound();
  const t = inLanguage(learn, lang);
  return (
    <article className={styles.note} data-testid="note">
      <p className={styles.back}>
        <Link href="/learn">{t.backToNotes}</Link>
      </p>
      <h1>{note.title[lang]}</h1>
      {note.summary && <p className="lede">{note.summary[lang]}</p>}
      <NoteMarkdown markdown={note.body[lang]} lang={lang} />
      {(note.previous || note.next) && (
        <nav aria-label={t.noteNavigation} className={styles.pager}>
          {note.previous ? (
            <Link href={`/learn/${note.previous.id}`} rel="prev" className={styles.pagerPrevious}>
              <span className={styles.pagerLabel}>← {t.previousNote}</span>
              {note.previous.title[lang]}
            </Link>
          ) : (
            <span />
          )}
          {note.next && (
            <Link href={`/learn/${note.next.id}`} rel="next" className={styles.pagerNext}>
              <span className={styles.pagerLabel}>{t.nextNote} →</span>
              {note.next.title[lang]}
            </Link>
          )}
        </nav>
      )}
    </article>
  );
}
