import type { Metadata } from "next";
import Link from "next/link";
import { capture } from "@/lib/i18n/messages/capture";
import { learn } from "@/lib/i18n/messages/learn";
import { format, inLanguage } from "@/lib/i18n/translate";
import { listNotes } from "@/lib/server/notes-queries";
import { getLanguage } from "@/lib/server/preferences";
import styles from "./learn.module.css";

// Notes change whenever npm start loads new content.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: learn.learnTitle[await getLanguage()] };
}

export default async function LearnPage() {
  const [lang, notes] = await Promise.all([getLanguage(), listNotes()]);
  const t = inLanguage(learn, lang);
  return (
    <div className={styles.page}>
      <h1>{t.learnTitle}</h1>
      <p className="lede">{t.learnLede}</p>

      <section aria-labelledby="learn-tools">
        <h2 id="learn-tools">{t.toolsHeading}</h2>
        <div className="grid">
          <Link href="/learn/diagram" className={`card ${styles.toolCard}`} data-testid="link-diagram">
            <span className={styles.toolIcon} aria-hidden="true">
              ◎
            </span>
            <span>
              <strong className={styles.toolTitle}>{t.diagramLink}</strong>
              <span className={styles.toolText}>{t.diagramLinkText}</span>
            </span>
          </Link>
          <Link href="/learn/scenarios" className={`card ${styles.toolCard}`} data-testid="link-scenarios">
            <span className={styles.toolIcon} aria-hidden="true">
              ⇅
            </span>
            <span>
              <strong className={styles.toolTitle}>{t.scenariosLink}</strong>
              <span className={styles.toolText}>{t.scenariosLinkText}</span>
            </span>
          </Link>
          <Link href="/learn/capture" className={`card ${styles.toolCard}`} data-testid="link-capture">
            <span className={styles.toolIcon} aria-hidden="true">
              ⧉
            </span>
            <span>
              <strong className={styles.toolTitle}>{capture.learnLink[lang]}</strong>
              <span className={styles.toolText}>{capture.learnLinkText[lang]}</span>
            </span>
          </Link>
        </div>
      </section>

      <section aria-labelledby="learn-notes">
        <h2 id="learn-notes">{t.notesHeading}</h2>
        {notes.length === 0 ? (
          <p className="muted">{t.noNotes}</p>
        ) : (
          <ol className={styles.noteList} data-testid="note-list">
            {notes.map((note, index) => (
              <li key={note.id} className={`card ${styles.noteItem}`}>
                <span className={styles.noteNumber} aria-hidden="true">
                  {index + 1}
                </span>
                <div>
                  <h3 className={styles.noteTitle}>
                    <Link href={`/learn/${note.id}`}>
                      <span className="visually-hidden">{format(t.noteNumber, { n: index + 1 })}: </span>
                      {note.title[lang]}
                    </Link>
                  </h3>
                  {note.summary && <p className={styles.noteSummary}>{note.summary[lang]}</p>}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
