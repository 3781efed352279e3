import { checkContent, type ContentReport } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { contextFromContent, type QuestionContext } from "@/lib/questions";

/** The repository's content, checked once per test file, and the generators' context from it. */
export const report: ContentReport = checkContent(loadContentFiles("content"));
export const context: QuestionContext = contextFromContent(report);

export function quizById(id: string) {
  const quiz = report.quizzes.find((entry) => entry.id === id);
  if (!quiz) throw new Error(`no quiz ${id} in content/`);
  return quiz;
}
