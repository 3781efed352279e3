import "server-only";
import { stringify } from "csv-stringify/sync";
import type { Language } from "../i18n/language";
import type { resultsExport } from "./quiz-results";

/*
 * The results as CSV (csv-stringify writes the quoting, RFC 4180): one row per
 * attempt, one pair of columns per question position. A UTF-8 BOM first, so
 * that Excel reads Chinese names as UTF-8. A cell a spreadsheet would take for
 * a formula (= + - @, or a tab or carriage return first) is prefixed with '
 * (OWASP: CSV injection); numbers we write ourselves are left as numbers.
 */

export const CSV_BOM = "\uFEFF";

type Export = NonNullable<Awaited<ReturnType<typeof resultsExport>>>;

/** A text cell a spreadsheet will not evaluate. */
export function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const HEADER: Record<Language, string[]> = {
  en: ["name", "attempt", "version", "started", "finished", "seconds", "score"],
  zh: ["姓名", "第几次", "版本", "开始", "结束", "用时（秒）", "得分"],
};

const MARK: Record<Language, { right: string; wrong: string; blank: string; question: string; answer: string }> = {
  en: { right: "right", wrong: "wrong", blank: "blank", question: "Q", answer: "answer" },
  zh: { right: "对", wrong: "错", blank: "未答", question: "第", answer: "答案" },
};

export function resultsCsv(data: Export, lang: Language): string {
  const positions = Math.max(0, ...data.rows.map((row) => row.answers.length));
  const mark = MARK[lang];
  const header = [
    ...HEADER[lang],
    ...Array.from({ length: positions }, (_, i) =>
      lang === "zh" ? [`${mark.question} ${i + 1} 题`, `${mark.question} ${i + 1} 题${mark.answer}`] : [`${mark.question}${i + 1}`, `${mark.question}${i + 1} ${mark.answer}`],
    ).flat(),
  ];
  const rows = data.rows.map((row) => [
    neutralised(row.name),
    row.attempt,
    row.version,
    row.startedAt,
    row.finishedAt ?? "",
    row.seconds,
    Math.round(row.score * 1000) / 1000,
    ...Array.from({ length: positions }, (_, i) => {
      const answer = row.answers[i];
      if (!answer) return [mark.blank, ""];
      return [answer.correct ? mark.right : mark.wrong, neutralised(answer.text[lang])];
    }).flat(),
  ]);
  return CSV_BOM + stringify([header, ...rows], { record_delimiter: "\r\n" });
}

/** A file name that every browser and file system takes: the quiz id's safe characters and the date. */
export function csvFileName(quizId: string, now: Date): string {
  const safe = quizId.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 60) || "quiz";
  return `synack-results-${safe}-${now.toISOString().slice(0, 10)}.csv`;
}
