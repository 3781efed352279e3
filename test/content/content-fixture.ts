import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { checkContent, type ContentReport } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";

/** Writes files (path → text) into a fresh folder and returns it. */
export function writeContentDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "synack-content-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Checks the files as content:check --dir would, with paths relative to the folder. */
export function check(files: Record<string, string>): ContentReport {
  const dir = writeContentDir(files);
  return checkContent(loadContentFiles(dir, dir));
}

/** Problems as the CLI prints them. */
export function lines(report: ContentReport): string[] {
  return report.problems.map((problem) => `${problem.path}:${problem.line}: ${problem.message}`);
}

/** A valid note around the given body lines (the :::zh section starts on line 7). */
export function note(id: string, zh: string, en = "English text.") {
  return `---\nid: ${id}\ntitle:\n  zh: 标题\n  en: Title\n---\n:::zh\n${zh}\n:::\n\n:::en\n${en}\n:::\n`;
}

export function claimBlock(yaml: string): string {
  return "```claim\n" + yaml.trim() + "\n```";
}
