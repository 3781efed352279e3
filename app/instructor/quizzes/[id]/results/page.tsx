import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { percent } from "@/components/diagram/accuracy-scale";
import { SequenceDiagram } from "@/components/diagram/sequence-diagram";
import { AccuracyHeatMap } from "@/components/instructor/accuracy-heat-map";
import { LiveRefresh } from "@/components/instructor/live-refresh";
import { ScrollRegion } from "@/components/instructor/scroll-region";
import styles from "@/components/instructor/results.module.css";
import type { Language } from "@/lib/i18n/language";
import { instructorBuilder } from "@/lib/i18n/messages/instructor-builder";
import { instructorResults } from "@/lib/i18n/messages/instructor-results";
import { format, inLanguage } from "@/lib/i18n/translate";
import { scenarioName } from "@/lib/questions/phrases";
import { findScenario, runScenario } from "@/lib/sim";
import { db } from "@/lib/server/db";
import { requireInstructorPage } from "@/lib/server/instructor-auth";
import { getLanguage } from "@/lib/server/preferences";
import { loadQuestionSource } from "@/lib/server/question-source";
import { attemptAnswers, quizResults, resultsQuerySchema, type QuizResults, type ResultSort } from "@/lib/server/quiz-results";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: instructorResults.title[await getLanguage()] };
}

interface ResultsPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

type Words = ReturnType<typeof inLanguage<typeof instructorResults>>;

export default async function ResultsPage({ params, searchParams }: ResultsPageProps) {
  const { id } = await params;
  const instructor = await requireInstructorPage(`/instructor/quizzes/${encodeURIComponent(id)}/results`);
  const [lang, query, source] = await Promise.all([getLanguage(), searchParams, loadQuestionSource(db)]);
  const parsed = resultsQuerySchema.parse({ page: first(query.page), sort: first(query.sort), attempt: first(query.attempt) });
  const now = new Date();
  const results = await quizResults(db, instructor.id, id, parsed, source, now);
  if (!results) notFound();
  const detail = parsed.attempt ? await attemptAnswers(db, instructor.id, id, parsed.attempt, source) : null;
  const w = inLanguage(instructorResults, lang);
  const base = `/instructor/quizzes/${encodeURIComponent(id)}`;
  return (
    <div className="stack">
      <p className="row">
        <Link href={base}>{w.backToQuiz}</Link>
        <span aria-hidden="true">·</span>
        <Link href="/instructor">{w.backToList}</Link>
      </p>
      <h1>{format(w.pageTitle, { title: results.quiz.title[lang] })}</h1>
      <LiveRefresh open={results.quiz.open} renderedAt={now.toISOString()} messages={{ live: w.live, updatedAt: w.updatedAt, paused: w.paused }} lang={lang} />
      <p>
        <a className="button secondary" href={`/api/instructor/quizzes/${encodeURIComponent(id)}/results.csv`} download data-testid="download-csv">
          {w.downloadCsv}
        </a>
      </p>
      <Summary results={results} w={w} lang={lang} />
      {results.summary.attempts === 0 ? (
        <p className="muted">{w.noAttempts}</p>
      ) : (
        <>
          <Students results={results} w={w} base={base} />
          {parsed.attempt && <AttemptDetail detail={detail} w={w} lang={lang} closeHref={pageHref(base, results.students.page, results.students.sort)} />}
          <Questions results={results} w={w} lang={lang} />
          <section aria-labelledby="heat-title">
            <h2 id="heat-title">{w.heatTitle}</h2>
            <AccuracyHeatMap rows={results.transitions} lang={lang} />
          </section>
          <Scenarios results={results} w={w} lang={lang} />
        </>
      )}
    </div>
  );
}

/** A question kind as the builder names it, in the page's language. */
function kindName(kind: string, lang: Language): string {
  const key = `kind_${kind}` as keyof typeof instructorBuilder;
  return key in instructorBuilder ? instructorBuilder[key][lang] : kind;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function pageHref(base: string, page: number, sort: ResultSort, attempt?: string): string {
  const search = new URLSearchParams({ sort, page: String(page), ...(attempt ? { attempt } : {}) });
  return `${base}/results?${search}${attempt ? "#attempt" : ""}`;
}

function pct(score: number): string {
  return `${Math.round(score * 100)}%`;
}

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

function when(iso: string, lang: Language): string {
  return new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
}

function Summary({ results, w, lang }: { results: QuizResults; w: Words; lang: Language }) {
  const { summary, quiz } = results;
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{w.summary}</h2>
      <dl className={styles.summary} data-testid="results-summary">
        <div>
          <dt>{w.attempts}</dt>
          <dd>{summary.attempts}</dd>
        </div>
        <div>
          <dt>{w.students}</dt>
          <dd>{summary.students}</dd>
        </div>
        <div>
          <dt>{w.finished}</dt>
          <dd>{summary.finished}</dd>
        </div>
        <div>
          <dt>{w.meanScore}</dt>
          <dd>{summary.meanScore === null ? w.none : pct(summary.meanScore)}</dd>
        </div>
        <div>
          <dt>{w.status}</dt>
          <dd>
            {quiz.open ? w.open : w.closed}
            {quiz.open && quiz.closes ? <small>{format(w.closes, { when: when(quiz.closes, lang) })}</small> : null}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Students({ results, w, base }: { results: QuizResults; w: Words; base: string }) {
  const { rows, page, pages, total, sort } = results.students;
  const sorts: [ResultSort, string][] = [
    ["name", w.sortName],
    ["score", w.sortScore],
    ["time", w.sortTime],
  ];
  return (
    <section aria-labelledby="students-title">
      <h2 id="students-title">{w.studentsTitle}</h2>
      <p className="row">
        {w.sortBy}
        {sorts.map(([key, label]) => (
          <Link key={key} href={pageHref(base, 1, key)} aria-current={key === sort ? "true" : undefined} style={key === sort ? { fontWeight: 700 } : undefined}>
            {label}
          </Link>
        ))}
      </p>
      <ScrollRegion className={styles.scroll} label={w.studentsTitle}>
        <table data-testid="students-table">
          <caption className="muted">{format(w.studentsCaption, { page, pages, total })}</caption>
          <thead>
            <tr>
              <th scope="col">{w.name}</th>
              <th scope="col">{w.attempt}</th>
              <th scope="col">{w.version}</th>
              <th scope="col">{w.score}</th>
              <th scope="col">{w.time}</th>
              <th scope="col">{w.answered}</th>
              <th scope="col">{w.answers}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.attemptId}>
                <td>{row.name || w.noName}</td>
                <td>{row.attempt}</td>
                <td>v{row.version}</td>
                <td>{pct(row.score)}</td>
                <td>
                  {duration(row.seconds)}
                  {row.timedOut ? ` (${w.timedOut})` : row.finishedAt ? "" : ` (${w.unfinished})`}
                </td>
                <td>
                  {row.answered}/{row.questions}
                </td>
                <td>
                  <Link href={pageHref(base, page, sort, row.attemptId)} aria-label={format(w.showAnswers, { name: row.name || w.noName })}>
                    {w.answers}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {pages > 1 && (
        <nav className={styles.pager} aria-label={w.pagination}>
          {page > 1 && <Link href={pageHref(base, page - 1, sort)}>{w.previous}</Link>}
          <span>
            {page}/{pages}
          </span>
          {page < pages && <Link href={pageHref(base, page + 1, sort)}>{w.next}</Link>}
        </nav>
      )}
    </section>
  );
}

function AttemptDetail({ detail, w, lang, closeHref }: { detail: Awaited<ReturnType<typeof attemptAnswers>>; w: Words; lang: Language; closeHref: string }) {
  return (
    <section id="attempt" aria-labelledby="attempt-title" className="card" data-testid="attempt-detail">
      {detail === null ? (
        <>
          <h2 id="attempt-title">{w.answers}</h2>
          <p>{w.attemptMissing}</p>
        </>
      ) : (
        <>
          <h2 id="attempt-title">{format(w.attemptTitle, { name: detail.name || w.noName, attempt: detail.attempt })}</h2>
          <ScrollRegion className={styles.scroll} label={format(w.attemptTitle, { name: detail.name || w.noName, attempt: detail.attempt })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{w.position}</th>
                  <th scope="col">{w.question}</th>
                  <th scope="col">{w.answer}</th>
                  <th scope="col">{w.result}</th>
                </tr>
              </thead>
              <tbody>
                {detail.answers.map((answer) => (
                  <tr key={answer.position}>
                    <td>{answer.position + 1}</td>
                    <td className={styles.prompt}>{answer.prompt?.[lang] ?? answer.kind}</td>
                    <td>
                      {answer.answer?.[lang] ?? w.none}
                      {answer.meaning && (
                        <span className={styles.meaning}>
                          {w.meaning}: {answer.meaning[lang]}
                        </span>
                      )}
                    </td>
                    <td>{!answer.answered ? w.blank : answer.correct ? w.right : `${w.wrong} (${pct(answer.score)})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <p>
        <Link href={closeHref}>{w.closeAttempt}</Link>
      </p>
    </section>
  );
}

function Questions({ results, w, lang }: { results: QuizResults; w: Words; lang: Language }) {
  return (
    <section aria-labelledby="questions-title">
      <h2 id="questions-title">{w.questionsTitle}</h2>
      <p className="muted">{w.questionsLede}</p>
      <ScrollRegion className={styles.scroll} label={w.questionsTitle}>
        <table data-testid="questions-table">
          <thead>
            <tr>
              <th scope="col">{w.question}</th>
              <th scope="col">{w.rightTotal}</th>
              <th scope="col">{w.commonWrong}</th>
            </tr>
          </thead>
          <tbody>
            {results.questions.map((row) => (
              <tr key={row.key} data-question={row.key}>
                <td className={styles.prompt}>{row.generated ? format(w.generatedKind, { kind: kindName(row.kind, lang) }) : (row.prompt?.[lang] ?? row.key)}</td>
                <td>
                  {format(w.rightOfTotal, { right: row.right, total: row.total })} ({percent(row)}%)
                </td>
                <td>
                  {row.wrong.length === 0 ? (
                    <span className="muted">{w.noWrong}</span>
                  ) : (
                    <ol className={styles.wrongList}>
                      {row.wrong.map((wrong, index) => (
                        <li key={index}>
                          <strong>{wrong.answer[lang]}</strong> · {format(w.timesCount, { n: wrong.count })}
                          {wrong.meaning[lang] && <span className={styles.meaning}>{wrong.meaning[lang]}</span>}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function Scenarios({ results, w, lang }: { results: QuizResults; w: Words; lang: Language }) {
  const known = results.scenarios.filter((row) => findScenario(row.key));
  return (
    <section aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">{w.scenariosTitle}</h2>
      {known.length === 0 ? (
        <p className="muted">{w.noScenarios}</p>
      ) : (
        <div className={styles.scenarios}>
          {known.map((row) => (
            <figure key={row.key} className="card" data-scenario={row.key}>
              <figcaption>
                <h3>{scenarioName(row.key)[lang]}</h3>
                <p>
                  <strong>{format(w.scenarioAccuracy, { pct: percent(row) ?? 0, right: row.right, total: row.total })}</strong>
                </p>
              </figcaption>
              <SequenceDiagram trace={runScenario(row.key)} lang={lang} />
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
