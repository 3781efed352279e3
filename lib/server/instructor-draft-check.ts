import "server-only";
import { checkDraft, type DraftProblem } from "../builder/draft-check";
import { loadContentFiles } from "../content/load-content-files";
import type { ContentFile } from "../content";
import type { Language } from "../i18n/language";
import type { PrismaClient } from "./prisma-client";
import { loadQuestionSource } from "./question-source";

/*
 * The builder's draft check with what it needs from the server: the
 * question context loaded from content (for generated slots) and the known
 * errors in content/misconceptions/, read once per process as `npm start`
 * reads content once.
 */

let misconceptions: ContentFile[] | undefined;

function misconceptionFiles(): ContentFile[] {
  misconceptions ??= loadContentFiles("content/misconceptions").filter((file) => !file.unreadable);
  return misconceptions;
}

export async function draftProblems(db: PrismaClient, definition: unknown, lang: Language): Promise<DraftProblem[]> {
  const source = await loadQuestionSource(db);
  return checkDraft(definition, { lang, context: source.context, misconceptions: misconceptionFiles() });
}
