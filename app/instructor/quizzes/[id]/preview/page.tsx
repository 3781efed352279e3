import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { answerText } from "@/lib/builder/answer-text";
import { quizFileSchema } from "@/lib/content";
import { instructorBuilder } from "@/lib/i18n/messages/instructor-builder";
import { instructorCaptures } from "@/lib/i18n/messages/instructor-captures";
import { format, inLanguage } from "@/lib/i18n/translate";
import { planQuiz, quizSeed, resolveQuestion } from "@/lib/questions";
import { db } from "@/lib/server/db";
import { requireInstructorPage } from "@/lib/server/instructor-auth";
import { getQuiz, QuizNotFound } from "@/lib/server/instructor-quiz-store";
import { pathIdProblem } from "@/lib/server/path-id";
import { getLanguage } from "@/lib/server/preferences";
import { loadQuestionSource, quizContext } from "@/lib/server/question-source";

export const metadata: Metadata = { title: "Preview · 预览" };
export const dynamic = "force-dynamic";

/** The seed in the query, when it is one a quiz can have. */
function seedParam(value: string | string[] | undefined): number | null {
  if (typeof value !== "string" || !/^\d{1,10}$/.test(value)) return null;
  const seed = Number(value);
  return seed <= 0xffffffff ? seed : null;
}

/** A question kind as the builder names it (the raw kind if it has no name). */
function kindName(kind: string, m: Record<string, string>): string {
  return m[`kind_${kind}`] ?? kind;
}

/**
 * Exactly what an attempt with a given seed holds: planQuiz and
 * resolveQuestion, as the student side uses them, on the saved draft under
 * the quiz id "draft:<id>".
 */
export default async function PreviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const instructor = await requireInstructorPage(`/instructor/quizzes/${encodeURIComponent(id)}/preview`);
  if (pathIdProblem(id)) notFound();
  const lang = await getLanguage();
  const m = inLanguage(instructorBuilder, lang);
  const c = inLanguage(instructorCaptures, lang);
  let quiz;
  try {
    quiz = await getQuiz(db, instructor.id, id);
  } catch (error) {
    if (error instanceof QuizNotFound) notFound();
    throw error;
  }
  const editor = `/instructor/quizzes/${encodeURIComponent(quiz.id)}`;
  const parsed = quizFileSchema.safeParse(quiz.definition);
  if (!parsed.success) {
    return (
      <div className="stack">
        <h1>{m.preview}</h1>
        <p className="error-text">{m.previewInvalid}</p>
        <Link href={editor}>{m.backToEditor}</Link>
      </div>
    );
  }
  const definition = parsed.data;
  const shared = definition.settings?.seed !== "per-student";
  const asked = seedParam((await searchParams).seed);
  // A shared seed is what everyone gets; per student, the seed typed (1 at first) stands for one student's.
  const seed = shared ? quizSeed(definition, 0) : (asked ?? 1);
  const refQuizId = `draft:${quiz.id}`;
  const context = await quizContext(db, (await loadQuestionSource(db)).context, definition, instructor.id);
  const plan = planQuiz(definition, refQuizId, seed, context);
  const questions = plan.refs.map((ref) => resolveQuestion(ref, context, [{ id: refQuizId, topics: definition.topics, questions: definition.questions }]));
  return (
    <div className="stack">
      <h1>{format(m.previewTitle, { title: definition.title[lang] })}</h1>
      <p className="lede">{format(m.previewIntro, { seed })}</p>
      <p>{shared ? format(m.previewShared, { seed }) : m.previewPerStudent}</p>
      {!shared && (
        <form method="get" className="row">
          <div className="field">
            <label htmlFor="seed">{m.previewSeed}</label>
            <input id="seed" name="seed" type="number" min={0} max={4294967295} defaultValue={seed} inputMode="numeric" />
          </div>
          <button type="submit" className="button">
            {m.previewShow}
          </button>
        </form>
      )}
      {plan.shortfalls.map((shortfall) => (
        <p key={`${shortfall.field}-${shortfall.slot}`} className="error-text">
          {format(shortfall.field === "captures" ? c.previewShort : m.previewShort, { n: shortfall.slot + 1, got: shortfall.got, wanted: shortfall.wanted })}
        </p>
      ))}
      <ol className="stack" data-testid="preview-questions">
        {questions.map((question, index) => (
          <li key={index} className="card">
            {question ? (
              <>
                <p className="muted">{format(m.previewKind, { kind: question.kind === "capture" ? c.kindCapture : kindName(question.kind, m) })}</p>
                <p style={{ whiteSpace: "pre-wrap" }}>{question.prompt[lang]}</p>
                {question.choices && (
                  <ul>
                    {question.choices.map((choice) => (
                      <li key={choice.id}>{choice.label[lang]}</li>
                    ))}
                  </ul>
                )}
                <p>
                  <strong>{m.previewAnswer}:</strong> <span data-testid="preview-answer">{answerText(question, lang)}</span>
                </p>
                <p>
                  <strong>{m.previewExplanation}:</strong> {question.explanation[lang]}
                </p>
              </>
            ) : (
              <p className="muted">{m.previewMissing}</p>
            )}
          </li>
        ))}
      </ol>
      <Link href={editor}>{m.backToEditor}</Link>
    </div>
  );
}
