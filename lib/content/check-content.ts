import type { z } from "zod";
import { parseEvent, parseState, TCP_STATES, transition } from "../tcp";
import { SCENARIO_NAMES } from "../sim";
import { checkClaim, type ClaimProblem } from "./claims";
import type { Card, ContentFile, ContentProblem, ContentReport, Deck, Note, Quiz, StateInfo } from "./content-model";
import { checkMisconceptionFile, noteProseLines, scanForKnownErrors, type KnownError } from "./known-errors";
import { parseMarkdownNote } from "./markdown-note";
import { cardSchema, deckHeaderSchema, noteFrontMatter, quizFileSchema, stateInfoFileSchema, type QuizQuestionInput } from "./schema";
import { guarded, shorten } from "./problem-report";
import { unreadableText } from "./readable-text";
import { SampleCaptures } from "./sample-captures";
import { YamlSource, type YamlPath } from "./yaml-source";

/**
 * Checks every content file: its schema, both languages, unique ids, that
 * references resolve, every claim against the machine, and every line of
 * prose against the known errors in misconceptions/. Collects every problem
 * in every file (never stops at the first) and returns the items that passed,
 * ready to load.
 */
export function checkContent(files: readonly ContentFile[]): ContentReport {
  const problems: ContentProblem[] = [];
  const notes: Note[] = [];
  const decks: Deck[] = [];
  const quizzes: Quiz[] = [];
  const states: StateInfo[] = [];
  let claims = 0;
  let questions = 0;
  let cardCount = 0;
  const reporter = (file: ContentFile) => (line: number, message: string) => problems.push({ path: file.path, line, message: shorten(message) });
  // A file that is not text of a bounded size is reported once and never parsed.
  const checked: ContentFile[] = [];
  for (const file of files) {
    const kind = kindOf(file.path);
    const unreadable = file.unreadable ?? (kind && kind !== "capture" ? unreadableText(file.text) : null);
    if (unreadable) reporter(file)(unreadable.line, unreadable.message);
    else if (kind) checked.push(file);
  }
  const samples = new SampleCaptures(checked.filter((file) => kindOf(file.path) === "capture"));
  const known = loadKnownErrors(
    checked.filter((file) => kindOf(file.path) === "misconceptions"),
    reporter,
    problems,
  );

  for (const file of checked) {
    const report = reporter(file);
    guarded(report, () => {
      switch (kindOf(file.path)) {
        case "note": {
          const result = checkNoteFile(file, known, report);
          claims += result.claims;
          if (result.note) notes.push(result.note);
          break;
        }
        case "deck": {
          const result = checkDeckFile(file, known, report);
          claims += result.claims;
          cardCount += result.cards;
          if (result.deck) decks.push(result.deck);
          break;
        }
        case "states": {
          states.push(...checkStatesFile(file, known, report));
          break;
        }
        case "quiz": {
          const result = checkQuizFile(file, known, samples, report);
          claims += result.claims;
          questions += result.questions;
          if (result.quiz) quizzes.push(result.quiz);
          break;
        }
      }
    });
  }

  checkCrossReferences({ notes, decks, quizzes }, problems);
  const failing = new Set(problems.map((problem) => problem.path));
  problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  const failingCards = new Set(problems.map((problem) => `${problem.path}:${problem.line}`));
  const validDecks = decks.map((deck) => ({ ...deck, cards: deck.cards.filter((card) => !failingCards.has(`${card.sourcePath}:${card.sourceLine}`)) }));
  return {
    states,
    notes: notes.filter((note) => !failing.has(note.sourcePath)),
    decks: validDecks.filter((deck) => deck.cards.length > 0),
    quizzes: quizzes.filter((quiz) => !failing.has(quiz.sourcePath)),
    problems,
    counts: {
      files: files.filter((file) => kindOf(file.path) !== null && kindOf(file.path) !== "capture").length,
      notes: notes.length,
      decks: decks.length,
      cards: cardCount,
      quizzes: quizzes.length,
      questions,
      claims,
      knownErrors: known.length,
    },
  };
}

type Kind = "note" | "deck" | "quiz" | "states" | "misconceptions" | "capture";

/**
 * Notes are Markdown; states.yaml holds the states' names and meanings; YAML
 * under a misconceptions/ folder lists known errors, under a quizzes/ folder
 * it is a quiz, other YAML a deck. README.md is for people. A .pcap or
 * .pcapng file under a captures/ folder is a sample capture quizzes can name.
 */
export function kindOf(path: string): Kind | null {
  const name = path.split(/[\\/]/).pop() ?? path;
  if (name.toLowerCase() === "readme.md") return null;
  if (/\.pcap(ng)?$/.test(name)) return /(^|[\\/])captures[\\/]/.test(path) ? "capture" : null;
  if (name.endsWith(".md")) return "note";
  if (!/\.ya?ml$/.test(name)) return null;
  if (/(^|[\\/])misconceptions[\\/]/.test(path)) return "misconceptions";
  if (/^states\.ya?ml$/.test(name) && !/(^|[\\/])(cards|notes|quizzes)[\\/]/.test(path)) return "states";
  return /(^|[\\/])quizzes[\\/]/.test(path) ? "quiz" : "deck";
}

type Report = (line: number, message: string) => void;

function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.(md|ya?ml)$/, "");
}

// ---- misconceptions ----

/** Every known error of every misconception file; ids are unique across files. */
function loadKnownErrors(files: readonly ContentFile[], reporter: (file: ContentFile) => Report, problems: ContentProblem[]): KnownError[] {
  const known = files.flatMap(
    (file) =>
      guarded(reporter(file), () =>
        checkMisconceptionFile(file, reporter(file), (schema, value, source, report) => validate(schema, value, source, [], report)),
      ) ?? [],
  );
  const first = new Map<string, KnownError>();
  return known.filter((error) => {
    const earlier = first.get(error.id);
    if (!earlier) {
      first.set(error.id, error);
      return true;
    }
    problems.push({ path: error.sourcePath, line: error.line, message: `misconception id "${error.id}" is already used in ${earlier.sourcePath}:${earlier.line}` });
    return false;
  });
}

// ---- notes ----

function checkNoteFile(file: ContentFile, known: readonly KnownError[], report: Report): { note?: Note; claims: number } {
  const parsed = parseMarkdownNote(file.text);
  for (const problem of parsed.problems) report(problem.line, problem.message);
  for (const block of parsed.claims) {
    // An empty block never closed at the end of the file has no line after its fence.
    const source = new YamlSource(block.text, Math.min(block.line + 1, block.endLine));
    if (source.problems.length > 0) {
      source.problems.forEach((problem) => report(problem.line, `claim: ${problem.message}`));
      continue;
    }
    reportClaim(checkClaim(source.value), source, [], report);
  }
  const source = parsed.frontMatter ? new YamlSource(parsed.frontMatter.text, parsed.frontMatter.firstLine) : null;
  scanForKnownErrors(noteProseLines(file.text, parsed, source && source.problems.length === 0 ? source : null), known, report);
  if (!source) return { claims: parsed.claims.length };
  if (source.problems.length > 0) {
    source.problems.forEach((problem) => report(problem.line, problem.message));
    return { claims: parsed.claims.length };
  }
  const front = validate(noteFrontMatter, source.value, source, [], report);
  if (!front) return { claims: parsed.claims.length };
  if (front.id !== baseName(file.path)) report(source.lineOf(["id"]), `id "${front.id}" must match the file name "${baseName(file.path)}.md"`);
  const zh = parsed.sections.find((section) => section.lang === "zh");
  const en = parsed.sections.find((section) => section.lang === "en");
  for (const section of [zh, en]) {
    if (section && section.markdown.trim() === "") report(section.line, `the :::${section.lang} section is empty`);
  }
  if (!zh || !en) return { claims: parsed.claims.length };
  return {
    claims: parsed.claims.length,
    note: {
      id: front.id,
      title: front.title,
      ...(front.summary ? { summary: front.summary } : {}),
      tags: front.tags ?? [],
      order: front.order ?? 1000,
      body: { zh: zh.markdown, en: en.markdown },
      claimCount: parsed.claims.length,
      sourcePath: file.path,
    },
  };
}

// ---- decks ----

function checkDeckFile(file: ContentFile, known: readonly KnownError[], report: Report): { deck?: Deck; claims: number; cards: number } {
  const source = new YamlSource(file.text);
  if (source.problems.length > 0) {
    source.problems.forEach((problem) => report(problem.line, problem.message));
    return { claims: 0, cards: 0 };
  }
  const header = validate(deckHeaderSchema, source.value, source, [], report);
  if (!header) return { claims: 0, cards: 0 };
  if (header.deck.id !== baseName(file.path)) {
    report(source.lineOf(["deck", "id"]), `deck id "${header.deck.id}" must match the file name "${baseName(file.path)}"`);
  }
  scanForKnownErrors(source.proseLines(["deck"]), known, report);
  let claims = 0;
  const cards: Card[] = [];
  // Each card stands alone: one bad card is reported and left out, the rest load.
  header.cards.forEach((raw, index) => {
    const path: YamlPath = ["cards", index];
    let failed = false;
    const reportCard: Report = (line, message) => {
      failed = true;
      report(line, message);
    };
    const rawClaims = (raw as { claims?: unknown } | null)?.claims;
    if (Array.isArray(rawClaims)) {
      rawClaims.forEach((claim, claimIndex) => {
        claims++;
        reportClaim(checkClaim(claim), source, [...path, "claims", claimIndex], reportCard);
      });
    }
    scanForKnownErrors(source.proseLines(path), known, reportCard);
    const card = validate(cardSchema, raw, source, path, reportCard);
    if (!card || failed) return;
    cards.push({
      id: card.id,
      deckId: header.deck.id,
      kind: card.kind,
      front: card.front,
      back: card.back,
      tags: card.tags,
      ...(card.note ? { note: card.note } : {}),
      ...(card.keyPoints ? { keyPoints: card.keyPoints } : {}),
      ...(card.followUp ? { followUp: card.followUp } : {}),
      claimCount: card.claims?.length ?? 0,
      sourcePath: file.path,
      sourceLine: source.lineOf(path),
    });
  });
  return { claims, cards: header.cards.length, deck: { id: header.deck.id, title: header.deck.title, sourcePath: file.path, cards } };
}

// ---- states.yaml ----

function checkStatesFile(file: ContentFile, known: readonly KnownError[], report: Report): StateInfo[] {
  const source = new YamlSource(file.text);
  if (source.problems.length > 0) {
    source.problems.forEach((problem) => report(problem.line, problem.message));
    return [];
  }
  const parsed = validate(stateInfoFileSchema, source.value, source, [], report);
  if (!parsed) return [];
  scanForKnownErrors(source.proseLines(), known, report);
  const found = new Map<string, number>();
  const infos: StateInfo[] = [];
  parsed.states.forEach((entry, index) => {
    const state = parseState(entry.state);
    const line = source.lineOf(["states", index, "state"]);
    if (!state) return report(line, `unknown state "${entry.state}"; valid: ${TCP_STATES.join(", ")}`);
    if (found.has(state)) return report(line, `${state} is already described in entry ${found.get(state)! + 1}`);
    found.set(state, index);
    infos.push({ state, name: entry.name, meaning: entry.meaning });
  });
  const missing = TCP_STATES.filter((state) => !found.has(state));
  if (missing.length > 0) report(source.lineOf(["states"]), `states.yaml must describe all 11 states; missing: ${missing.join(", ")}`);
  return missing.length > 0 ? [] : infos;
}

// ---- quizzes ----

function checkQuizFile(file: ContentFile, known: readonly KnownError[], samples: SampleCaptures, report: Report): { quiz?: Quiz; claims: number; questions: number } {
  const source = new YamlSource(file.text);
  if (source.problems.length > 0) {
    source.problems.forEach((problem) => report(problem.line, problem.message));
    return { claims: 0, questions: 0 };
  }
  const quizFile = validate(quizFileSchema, source.value, source, [], report);
  if (!quizFile) return { claims: 0, questions: 0 };
  if (quizFile.id !== baseName(file.path)) report(source.lineOf(["id"]), `quiz id "${quizFile.id}" must match the file name "${baseName(file.path)}"`);
  scanForKnownErrors(source.proseLines(), known, report);
  const seen = new Map<string, number>();
  let claims = 0;
  quizFile.questions.forEach((question, index) => {
    const path: YamlPath = ["questions", index];
    const earlier = seen.get(question.id);
    if (earlier !== undefined) report(source.lineOf([...path, "id"]), `question id "${question.id}" is already used by question ${earlier + 1}`);
    seen.set(question.id, index);
    claims += checkQuestion(question, source, path, report);
  });
  (quizFile.captures ?? []).forEach((slot, index) => {
    const problem = samples.problem(slot.capture, slot.connection);
    if (problem) report(source.lineOf(["captures", index, problem.field]), problem.message);
  });
  return { claims, questions: quizFile.questions.length, quiz: { ...quizFile, sourcePath: file.path } };
}

/** Machine-checked question types: the answer must be the machine's. Returns the claims evaluated. */
function checkQuestion(question: QuizQuestionInput, source: YamlSource, path: YamlPath, report: Report): number {
  const at = (key: string) => source.lineOf([...path, key]);
  switch (question.type) {
    case "next-state":
    case "sends": {
      const state = parseState(question.state);
      const event = parseEvent(question.event);
      if (!state) report(at("state"), `unknown state "${question.state}"`);
      if (!event) report(at("event"), `unknown event "${question.event}"`);
      if (!state || !event) return 1;
      const outcome = transition(state, event);
      if (question.type === "next-state") {
        const answer = parseState(question.answer);
        if (!answer) report(at("answer"), `unknown state "${question.answer}"`);
        else if (answer !== outcome.to) report(at("answer"), `in ${state}, "${event}" leads to ${outcome.to}, not ${answer}: ${outcome.note}`);
      } else {
        reportClaim(checkClaim({ in: state, on: event, then: outcome.to, sends: question.answer }), source, path, report, { sends: "answer" });
      }
      return 1;
    }
    case "states": {
      if (!SCENARIO_NAMES.includes(question.scenario)) {
        report(at("scenario"), `unknown scenario "${question.scenario}"; valid: ${SCENARIO_NAMES.join(", ")}`);
        return 1;
      }
      const claim = { scenario: question.scenario, lose: question.lose, states: { [question.side]: question.answer } };
      reportClaim(checkClaim(claim), source, path, report, { states: "answer" });
      return 1;
    }
    case "choice": {
      (question.claims ?? []).forEach((claim, index) => reportClaim(checkClaim(claim), source, [...path, "claims", index], report));
      return question.claims?.length ?? 0;
    }
    case "true-false": {
      if (!question.claim) return 0;
      const claimProblems = checkClaim(question.claim);
      const invalid = claimProblems.filter((problem) => problem.invalid);
      if (invalid.length > 0) {
        reportClaim(invalid, source, [...path, "claim"], report);
      } else if (question.answer && claimProblems.length > 0) {
        report(at("answer"), `answer is true, but the machine finds the claim false: ${claimProblems[0]!.message}`);
      } else if (!question.answer && claimProblems.length === 0) {
        report(at("answer"), "answer is false, but the machine finds the claim true");
      }
      return 1;
    }
    case "free-text":
      return 0;
  }
}

// ---- shared ----

/** Reports claim problems at their lines; `rename` maps a claim key to the key it was written as. */
function reportClaim(problems: ClaimProblem[], source: YamlSource, base: YamlPath, report: Report, rename: Record<string, string> = {}): void {
  for (const problem of problems) {
    const [head, ...rest] = problem.path;
    const path = head !== undefined && typeof head === "string" && rename[head] ? [rename[head]!, ...rest.slice(head === "states" ? 1 : 0)] : problem.path;
    report(source.lineOf([...base, ...path]), problem.message);
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown, source: YamlSource, base: YamlPath, report: Report): T | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...base, ...issue.path.filter((key): key is string | number => typeof key !== "symbol")];
    report(source.lineOf(path), formatIssue(issue, path));
  }
  return null;
}

function formatIssue(issue: z.core.$ZodIssue, path: YamlPath): string {
  const where = path.length > 0 ? `${formatPath(path)}: ` : "";
  if (issue.code === "unrecognized_keys") return `${where}unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type" && issue.input === undefined) {
    const key = path[path.length - 1];
    const language = key === "zh" ? " (the Chinese text)" : key === "en" ? " (the English text)" : "";
    return `missing ${formatPath(path)}${language}`;
  }
  return `${where}${issue.message}`;
}

function formatPath(path: YamlPath): string {
  return path.map((key, index) => (typeof key === "number" ? `[${key}]` : index === 0 ? key : `.${key}`)).join("");
}

function checkCrossReferences(content: { notes: Note[]; decks: Deck[]; quizzes: Quiz[] }, problems: ContentProblem[]): void {
  const firstSeen = new Map<string, { path: string; line: number }>();
  const unique = (kind: string, id: string, path: string, line: number) => {
    const key = `${kind}:${id}`;
    const first = firstSeen.get(key);
    if (first) problems.push({ path, line, message: `${kind} id "${id}" is already used in ${first.path}:${first.line}` });
    else firstSeen.set(key, { path, line });
  };
  content.notes.forEach((note) => unique("note", note.id, note.sourcePath, 1));
  content.quizzes.forEach((quiz) => unique("quiz", quiz.id, quiz.sourcePath, 1));
  const noteIds = new Set(content.notes.map((note) => note.id));
  for (const deck of content.decks) {
    unique("deck", deck.id, deck.sourcePath, 1);
    for (const card of deck.cards) {
      unique("card", card.id, card.sourcePath, card.sourceLine);
      if (card.note && !noteIds.has(card.note)) {
        problems.push({ path: card.sourcePath, line: card.sourceLine, message: `card "${card.id}" refers to note "${card.note}", which does not exist` });
      }
    }
  }
}
