import type { Metadata } from "next";
import Link from "next/link";
import { GiftImportForm } from "@/components/instructor/gift-import-form";
import { QuizActionButton } from "@/components/instructor/quiz-action-button";
import { ScrollRegion } from "@/components/instructor/scroll-region";
import styles from "@/components/instructor/instructor.module.css";
import { instructorBuilder } from "@/lib/i18n/messages/instructor-builder";
import { instructorInterchange } from "@/lib/i18n/messages/instructor-interchange";
import { format, inLanguage } from "@/lib/i18n/translate";
import { db } from "@/lib/server/db";
import { requireInstructorPage } from "@/lib/server/instructor-auth";
import { deckList } from "@/lib/server/instructor-interchange";
import { fileQuizzes, listQuizzes } from "@/lib/server/instructor-quiz-store";
import { getLanguage } from "@/lib/server/preferences";

export const metadata: Metadata = { title: "Instructor · 教师" };
export const dynamic = "force-dynamic";

export default async function InstructorHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const archived = (await searchParams).archived === "1";
  const instructor = await requireInstructorPage(archived ? "/instructor?archived=1" : "/instructor");
  const lang = await getLanguage();
  const m = inLanguage(instructorBuilder, lang);
  const x = inLanguage(instructorInterchange, lang);
  const [quizzes, files, decks] = await Promise.all([
    listQuizzes(db, instructor.id, { archived }),
    archived ? Promise.resolve([]) : fileQuizzes(db),
    archived ? Promise.resolve([]) : deckList(db),
  ]);
  const buttonText = { busyLabel: m.working, failedLabel: m.failed };
  return (
    <div className="stack">
      <h1>{archived ? m.archivedTitle : m.listTitle}</h1>
      {!archived && <p className="lede">{m.listIntro}</p>}
      <div className="row">
        {!archived && <QuizActionButton action={{ url: "/api/instructor/quizzes", body: { from: "blank" }, open: true }} label={m.navNew} {...buttonText} />}
        <Link href={archived ? "/instructor" : "/instructor?archived=1"}>{archived ? m.showCurrent : m.showArchived}</Link>
      </div>
      {quizzes.length === 0 ? (
        <p className="muted">{m.empty}</p>
      ) : (
        <ScrollRegion className={styles.tableScroll} label={archived ? m.archivedTitle : m.listTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.colTitle}</th>
                <th scope="col">{m.colStatus}</th>
                <th scope="col">{m.colCode}</th>
                <th scope="col">{m.colAttempts}</th>
                <th scope="col">{m.colUpdated}</th>
                <th scope="col">{m.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {quizzes.map((quiz) => {
                const title = quiz.title?.[lang] ?? m.untitled;
                return (
                  <tr key={quiz.id}>
                    <td>
                      <Link href={`/instructor/quizzes/${encodeURIComponent(quiz.id)}`}>{title}</Link>
                    </td>
                    <td>{m[`status_${quiz.status}`]}</td>
                    <td>{quiz.code ? <code>{quiz.code}</code> : "—"}</td>
                    <td>{quiz.attempts}</td>
                    <td>{new Date(quiz.updatedAt).toLocaleString(lang === "zh" ? "zh-CN" : "en")}</td>
                    <td>
                      <div className={styles.actions}>
                        <Link className="button secondary" href={`/instructor/quizzes/${encodeURIComponent(quiz.id)}`} aria-label={`${m.edit}: ${title}`}>
                          {m.edit}
                        </Link>
                        <QuizActionButton action={{ url: "/api/instructor/quizzes", body: { from: `copy:${quiz.id}` }, open: true }} label={m.duplicate} secondary {...buttonText} />
                        <QuizActionButton
                          action={{ url: `/api/instructor/quizzes/${encodeURIComponent(quiz.id)}/archive`, body: { archived: quiz.status !== "archived" } }}
                          label={quiz.status === "archived" ? m.unarchive : m.archive}
                          secondary
                          {...buttonText}
                        />
                        <Link href={`/instructor/quizzes/${encodeURIComponent(quiz.id)}/results`}>{m.results}</Link>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {!archived && files.length > 0 && (
        <section aria-labelledby="copy-file">
          <h2 id="copy-file">{m.copyFileTitle}</h2>
          <p className="muted">{m.copyFileHint}</p>
          <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
            {files.map((file) => (
              <li key={file.id} className="card">
                <h3>{file.title[lang]}</h3>
                <p className="muted">
                  {m.fileQuiz}: <code>{file.id}</code>
                </p>
                <QuizActionButton action={{ url: "/api/instructor/quizzes", body: { from: `file:${file.id}` }, open: true }} label={m.copyFile} secondary {...buttonText} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {!archived && (
        <section aria-labelledby="import-gift" className="card stack">
          <h2 id="import-gift">{x.importTitle}</h2>
          <p className="muted">{x.importHint}</p>
          <GiftImportForm lang={lang} m={x} />
        </section>
      )}
      {!archived && decks.length > 0 && (
        <section aria-labelledby="anki-export">
          <h2 id="anki-export">{x.ankiTitle}</h2>
          <p className="muted">{x.ankiHint}</p>
          <ul data-testid="anki-decks">
            <li>
              <a href="/api/instructor/decks/export" download>
                {x.ankiAll}
              </a>
            </li>
            {decks.map((deck) => (
              <li key={deck.id}>
                <a href={`/api/instructor/decks/export?deck=${encodeURIComponent(deck.id)}`} download>
                  {deck.title[lang]}
                </a>{" "}
                <span className="muted">({format(x.cards, { n: deck.cards })})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
