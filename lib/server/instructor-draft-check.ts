import "server-only";
import { checkDraft, type DraftProblem } from "../builder/draft-check";
import { problemInChinese } from "../builder/problem-zh";
import { loadContentFiles } from "../content/load-content-files";
import type { ContentFile } from "../content";
import type { Language } from "../i18n/language";
import type { PrismaClient } from "./prisma-client";
import { capturesNamed, foreignUploads, sampleCaptureFiles } from "./capture-store";
import { loadQuestionSource, quizContext } from "./question-source";

/*
 * The builder's draft check with what it needs from the server: the
 * question context loaded from content (for generated slots), with the
 * instructor's own uploads the draft names (for capture slots), the known
 * errors in content/misconceptions/ and the sample captures, read once per
 * process from the files this server runs from, as its code is (the servers
 * of one release have the same files). A capture slot naming an
 * upload that is not the instructor's is a problem at that field, worded
 * like a missing one.
 */

let misconceptions: ContentFile[] | undefined;

function misconceptionFiles(): ContentFile[] {
  misconceptions ??= loadContentFiles("content/misconceptions").filter((file) => !file.unreadable);
  return misconceptions;
}

export async function draftProblems(db: PrismaClient, definition: unknown, lang: Language, instructorId: string): Promise<DraftProblem[]> {
  const source = await loadQuestionSource(db);
  const names = capturesNamed(definition);
  const foreign = new Set(await foreignUploads(db, names, instructorId));
  const context = await quizContext(db, source.context, { captures: names.filter((name) => !foreign.has(name)).map((capture) => ({ capture })) }, instructorId);
  const problems = checkDraft(definition, { lang, context, misconceptions: [...misconceptionFiles(), ...sampleCaptureFiles()] });
  // A draft is saved as written: its captures may be anything.
  const written = (definition as { captures?: unknown } | null)?.captures;
  const slots: unknown[] = Array.isArray(written) ? written : [];
  const notOwn = slots.flatMap((slot, index): DraftProblem[] => {
    const name = (slot as { capture?: unknown } | null)?.capture;
    if (typeof name !== "string" || !foreign.has(name)) return [];
    const message = `no upload "${name.slice("upload:".length)}" among your captures`;
    return [{ path: `captures.${index}.capture`, message: lang === "zh" ? problemInChinese(message) : message }];
  });
  // Such a slot's shortfall says the same less clearly: the ownership problem stands alone.
  const shortOf = new Set(notOwn.map((problem) => problem.path.replace(/\.capture$/, ".count")));
  return [...notOwn, ...problems.filter((problem) => !shortOf.has(problem.path))];
}
