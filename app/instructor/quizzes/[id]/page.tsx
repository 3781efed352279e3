import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import styles from "@/components/instructor/instructor.module.css";
import { QrCode } from "@/components/instructor/qr-code";
import { CopyLinkButton } from "@/components/instructor/copy-link-button";
import { QuizEditor } from "@/components/instructor/quiz-editor";
import { QUIZ_TOPICS, SLOT_KINDS } from "@/lib/content";
import { instructorBuilder } from "@/lib/i18n/messages/instructor-builder";
import { instructorCaptures } from "@/lib/i18n/messages/instructor-captures";
import { format, inLanguage } from "@/lib/i18n/translate";
import { SCENARIO_NAMES } from "@/lib/sim";
import { PROFILE_NAMES, TCP_EVENTS, TCP_STATES } from "@/lib/tcp";
import { listCaptures, sampleSummaries } from "@/lib/server/capture-store";
import { db } from "@/lib/server/db";
import { requireInstructorPage } from "@/lib/server/instructor-auth";
import { draftProblems } from "@/lib/server/instructor-draft-check";
import { getQuiz, QuizNotFound } from "@/lib/server/instructor-quiz-store";
import { pathIdProblem } from "@/lib/server/path-id";
import { getLanguage } from "@/lib/server/preferences";
import { requestOrigin } from "@/lib/server/request-origin";

export const metadata: Metadata = { title: "Edit quiz · 编辑测验" };
export const dynamic = "force-dynamic";

export default async function EditQuizPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const instructor = await requireInstructorPage(`/instructor/quizzes/${encodeURIComponent(id)}`);
  if (pathIdProblem(id)) notFound();
  const lang = await getLanguage();
  const m = inLanguage(instructorBuilder, lang);
  let quiz;
  try {
    quiz = await getQuiz(db, instructor.id, id);
  } catch (error) {
    if (error instanceof QuizNotFound) notFound();
    throw error;
  }
  const problems = await draftProblems(db, quiz.definition, lang, instructor.id);
  const link = quiz.code ? `${requestOrigin(await headers())}/q/${quiz.code}` : null;
  const live = quiz.status === "live";
  const labels: Record<string, string> = {};
  for (const kind of SLOT_KINDS) labels[`kinds:${kind}`] = instructorBuilder[`kind_${kind}`][lang];
  for (const topic of QUIZ_TOPICS) labels[`topics:${topic}`] = instructorBuilder[`topic_${topic}`][lang];
  for (const profile of PROFILE_NAMES) labels[`profile:${profile}`] = instructorBuilder[`profile_${profile}`][lang];
  const title = (quiz.definition.title as { zh?: string; en?: string } | undefined)?.[lang] || m.untitled;
  return (
    <div className="stack">
      <h1>
        {m.editorTitle}: {title}
      </h1>
      <p>
        <Link href="/instructor">{m.navQuizzes}</Link> · <Link href={`/instructor/quizzes/${encodeURIComponent(quiz.id)}/results`}>{m.results}</Link>
      </p>
      <section className="card stack" aria-labelledby="sharing">
        <h2 id="sharing">{m.sharing}</h2>
        {live && link && quiz.code ? (
          <>
            <p>{m.live}</p>
            <p>
              {m.code}: <span className={styles.code} data-testid="quiz-code">{quiz.code}</span>
            </p>
            <p>
              {m.link}: <a href={link}>{link}</a> <CopyLinkButton link={link} label={m.copyLink} done={m.copied} />
            </p>
            <QrCode text={link} title={format(m.qrTitle, { link })} className={styles.qr} />
            {quiz.draftDiffers && <p className="muted">{m.draftDiffers}</p>}
          </>
        ) : (
          <p className="muted">{m.notPublished}</p>
        )}
      </section>
      <QuizEditor
        quizId={quiz.id}
        initial={quiz.definition}
        initialProblems={problems}
        live={live}
        lang={lang}
        m={m}
        captureChoices={{ samples: sampleSummaries(), uploads: await listCaptures(db, instructor.id) }}
        c={inLanguage(instructorCaptures, lang)}
        options={{ states: TCP_STATES, events: TCP_EVENTS, scenarios: SCENARIO_NAMES, kinds: SLOT_KINDS, topics: QUIZ_TOPICS, profiles: PROFILE_NAMES, labels }}
      />
    </div>
  );
}
