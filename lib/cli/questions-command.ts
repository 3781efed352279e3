import { z } from "zod";
import { checkContent } from "../content";
import { loadContentFiles } from "../content/load-content-files";
import {
  contextFromContent,
  coverageReport,
  generateQuestions,
  QUESTION_KINDS,
  seedFrom,
  type Question,
  type QuestionKind,
  type SegmentAnswer,
} from "../questions";
import { renderSequenceDiagram, runScenario } from "../sim";
import { DEFAULT_PROFILE, PROFILE_NAMES } from "../tcp";
import { type CommandResult, UsageError } from "./run-cli";
import { parseFlags } from "./parse-flags";

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

/**
 * `npm run -s questions -- [--kind K]... [--count N] [--seed S] [--lang zh|en] [--profile rfc9293|linux] [--json] [--coverage]`
 */
const OPTIONS = {
  kind: { type: "string", multiple: true },
  count: { type: "string" },
  seed: { type: "string" },
  lang: { type: "string" },
  profile: { type: "string" },
  json: { type: "boolean" },
  coverage: { type: "boolean" },
  content: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const USAGE = `usage: npm run -s questions -- [flags]
Generated questions, each answered by the state machine.
  --kind K        only this kind (repeat for several): ${QUESTION_KINDS.join(", ")}
  --count N       how many (default 10)
  --seed S        the same seed gives the same questions (default synack)
  --lang zh|en    the language to print them in (default en)
  --profile P     ${PROFILE_NAMES.join(" or ")} (default ${DEFAULT_PROFILE})
  --json          one JSON array instead of text
  --coverage      which states and events the questions test, instead of questions
  --content DIR   the content folder (default content)
  --help, -h      this text`;

const countSchema = z.coerce.number({ message: "--count must be a number" }).int("--count must be a whole number").min(1, "--count must be at least 1").max(1_000_000, "--count must be at most 1000000");
const langSchema = z.enum(["zh", "en"], { message: "--lang must be zh or en" });
const profileSchema = z.enum(PROFILE_NAMES, { message: `--profile must be ${PROFILE_NAMES.join(" or ")}` });

function parse(argv: string[]) {
  return parseFlags(argv, OPTIONS, false).values;
}

export function questionsCommand(argv: string[]): CommandResult {
  const values = parse(argv);
  if (values.help) return USAGE;
  const kinds = (values.kind ?? []).map((kind) => {
    if (!(QUESTION_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown kind "${kind}"; valid: ${QUESTION_KINDS.join(", ")}`);
    return kind as QuestionKind;
  });
  const count = checked(countSchema, values.count ?? "10");
  const lang = checked(langSchema, values.lang ?? "en");
  const profile = checked(profileSchema, values.profile ?? DEFAULT_PROFILE);
  const seed = seedFrom(values.seed ?? "synack");
  const report = checkContent(loadContentFiles(values.content ?? "content"));
  const context = contextFromContent(report);
  if (kinds.includes("why") && context.whyCards.length === 0) throw new UsageError("no `why` cards in content/cards: why questions need them");
  if (values.coverage) return formatCoverage(coverageReport(context, 300, profile), Boolean(values.json));

  const questions = generateQuestions({ kinds, count, seed, profile }, context);
  if (values.json) {
    return JSON.stringify(
      questions.map(({ id, kind, profile, params, prompt, choices, answer, explanation, tests }) => ({ id, kind, profile, params, prompt, choices, answer, explanation, tests })),
    );
  }
  return questions.map((question, index) => formatQuestion(question, index + 1, lang)).join("\n\n");
}

function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(result.error.issues[0]?.message ?? "invalid value");
  return result.data;
}

function formatAnswer(question: Question, lang: "zh" | "en"): string {
  const answer = question.answer;
  if (question.input === "segment") {
    const segment = answer as SegmentAnswer;
    return `${segment.flags} seq=${segment.seq}${segment.ack === null ? "" : ` ack=${segment.ack}`}`;
  }
  if (question.input === "order") return (answer as string[]).map((id) => question.choices?.find((c) => c.id === id)?.label[lang] ?? id).join("  →  ");
  if (question.input === "match") {
    const pairs = (answer as { pairs: Record<string, string> }).pairs;
    return Object.entries(pairs)
      .map(([left, right]) => `${left} = ${question.matchTargets?.find((target) => target.id === right)?.label[lang] ?? right}`)
      .join("\n    ");
  }
  if (question.input === "self-grade") return (question.keyPoints?.[lang] ?? []).map((point) => `• ${point}`).join("\n    ");
  const choice = question.choices?.find((c) => c.id === String(answer));
  return choice ? choice.label[lang] : String(answer);
}

function formatQuestion(question: Question, number: number, lang: "zh" | "en"): string {
  const words = lang === "zh" ? { answer: "答案", why: "解释" } : { answer: "Answer", why: "Why" };
  const lines = [`${number}. [${question.kind}] ${question.prompt[lang]}`];
  if (question.trace?.blank) {
    const { scenario, isn, lose, delay, profile } = question.trace;
    const trace = runScenario(scenario, { isn, lose, ...(delay ? { delay } : {}), profile: profile ?? question.profile });
    lines.push(indent(renderSequenceDiagram(trace, question.trace.blank).split("\n").slice(2).join("\n"), "   "));
  }
  if (question.input === "match") {
    question.choices?.forEach((choice) => lines.push(`   - ${choice.label[lang]}`));
    question.matchTargets?.forEach((target, index) => lines.push(`   ${String.fromCharCode(97 + index)}) ${target.label[lang]}`));
  } else if (question.choices) {
    question.choices.forEach((choice, index) => lines.push(`   ${String.fromCharCode(97 + index)}) ${choice.label[lang]}`));
  }
  lines.push(`   ${words.answer}: ${formatAnswer(question, lang)}`);
  lines.push(`   ${words.why}: ${question.explanation[lang].replace(/\n/g, "\n      ")}`);
  return lines.join("\n");
}

function formatCoverage(rows: ReturnType<typeof coverageReport>, json: boolean): string {
  if (json) return JSON.stringify(rows, null, 2);
  const width = Math.max(...rows.map((row) => row.target.length));
  const lines = rows.map((row) => `${row.arrow ? "→" : " "} ${row.target.padEnd(width)}  ${row.kinds.length > 0 ? row.kinds.join(", ") : "NOT COVERED"}`);
  const arrows = rows.filter((row) => row.arrow);
  const covered = arrows.filter((row) => row.kinds.length > 0).length;
  return [...lines, "", `${covered} of ${arrows.length} diagram arrows (→) covered`].join("\n");
}
