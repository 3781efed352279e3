import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent, kindOf, type ContentReport } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { byteMutation, markdownMutation, mutate, yamlMutation, type Mutation } from "./content-mutations";

/*
 * Issue 10: the content check fed random and targeted mutations of the real
 * files in content/ never crashes, always returns, and names a real file and
 * a line within it for every problem; what has a problem is never loaded.
 * Each case is one real file, mutated and written to a fresh folder (with the
 * misconception files in one case of eight, so that known errors are scanned
 * too), then loaded and checked as content:check does. The seeds are fixed;
 * the test timeouts are a guard against hangs, not a speed goal.
 */

interface RealFile {
  path: string;
  bytes: Buffer;
}

const CONTENT = "content";
const HANG_GUARD_MS = 240_000;
const scratch = mkdtempSync(join(tmpdir(), "synack-fuzz-"));
let mutations = 0;
let cases = 0;
let casesWithProblems = 0;

const real: RealFile[] = (function readAll(folder: string): RealFile[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return readAll(path);
    return kindOf(path) ? [realFile(relative(CONTENT, path), readFileSync(path))] : [];
  });
})(CONTENT);
const misconceptions = real.filter((file) => kindOf(file.path) === "misconceptions");
const notes = real.filter((file) => kindOf(file.path) === "note");
const yamlFiles = real.filter((file) => kindOf(file.path) !== "note");

/** A failing case prints the file's path, not its bytes. */
function realFile(path: string, bytes: Buffer): RealFile {
  return { path, bytes, [fc.toStringMethod]: () => JSON.stringify(path) } as RealFile;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes one case: the mutated file, and the misconception files when asked. */
function writeCase(file: RealFile, bytes: Buffer, withKnownErrors: boolean): string {
  const dir = mkdtempSync(join(scratch, "case-"));
  const files = withKnownErrors ? [...misconceptions.filter((m) => m.path !== file.path), { path: file.path, bytes }] : [{ path: file.path, bytes }];
  for (const { path, bytes: content } of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Lines in the file a problem names: 1 for a link, folder or pipe that was not read. */
function linesIn(path: string): number {
  lstatSync(path); // the problem names something that exists
  try {
    if (!statSync(path).isFile()) return 1;
    const bytes = readFileSync(path);
    let lines = 1;
    for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) lines++;
    return lines;
  } catch {
    return 1;
  }
}

function expectWellFormed(dir: string, report: ContentReport): void {
  cases++;
  if (report.problems.length > 0) casesWithProblems++;
  for (const problem of report.problems) {
    const shown = `${problem.path}:${problem.line}: ${problem.message}`;
    expect(problem.message, shown).not.toMatch(/internal error|the check failed on this file/);
    expect(problem.message, shown).not.toMatch(/^\s*$|\n/);
    expect(Number.isInteger(problem.line) && problem.line >= 1, shown).toBe(true);
    expect(problem.line, shown).toBeLessThanOrEqual(linesIn(join(dir, problem.path)));
  }
  const failing = new Set(report.problems.map((problem) => problem.path));
  const failingLines = new Set(report.problems.map((problem) => `${problem.path}:${problem.line}`));
  for (const item of [...report.notes, ...report.quizzes]) expect(failing.has(item.sourcePath), item.sourcePath).toBe(false);
  for (const card of report.decks.flatMap((deck) => deck.cards)) expect(failingLines.has(`${card.sourcePath}:${card.sourceLine}`)).toBe(false);
}

function checkCase(file: RealFile, applied: readonly Mutation[], withKnownErrors: boolean): void {
  const bytes = applied.reduce(mutate, file.bytes);
  mutations += applied.length;
  const dir = writeCase(file, bytes, withKnownErrors);
  try {
    expectWellFormed(dir, checkContent(loadContentFiles(dir, dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pickFile = (files: readonly RealFile[]) => fc.constantFrom(...files);
/** Two to four mutations of one file per case: at least 1,000 in all from 500 cases, each a full check of a real file. */
const someMutations = (mutation: fc.Arbitrary<Mutation>) => fc.array(mutation, { minLength: 2, maxLength: 4 });
const knownErrorsToo = fc.nat({ max: 7 }).map((n) => n === 0);

describe("content:check on mutated real content", () => {
  it("has real files to mutate", () => {
    expect(notes.length).toBeGreaterThan(5);
    expect(yamlFiles.length).toBeGreaterThan(5);
    expect(misconceptions.length).toBeGreaterThan(0);
  });

  it(
    "YAML: anchors, aliases, merge keys, alias bombs, duplicate keys, indentation and deleted lines in decks, quizzes, states.yaml and known errors",
    () => {
      fc.assert(
        fc.property(pickFile(yamlFiles), someMutations(yamlMutation), knownErrorsToo, checkCase),
        { seed: 1001, numRuns: 150 },
      );
    },
    HANG_GUARD_MS,
  );

  it(
    "Markdown notes: the same in front matter, claim blocks and prose",
    () => {
      fc.assert(
        fc.property(pickFile(notes), someMutations(markdownMutation), knownErrorsToo, checkCase),
        { seed: 1002, numRuns: 130 },
      );
    },
    HANG_GUARD_MS,
  );

  it(
    "bytes: truncation, binary, invalid UTF-8, NUL, huge lines, whole-file bombs, CRLF and BOM in any file",
    () => {
      fc.assert(
        fc.property(pickFile(real), someMutations(fc.oneof(byteMutation, yamlMutation, markdownMutation)), knownErrorsToo, checkCase),
        { seed: 1003, numRuns: 150 },
      );
    },
    HANG_GUARD_MS,
  );

  it(
    "symbolic links and pipes beside a mutated file: loops, links out of the folder, dangling links",
    () => {
      const links = ["loop", "parent", "outside-file", "outside-folder", "dangling", "self", "inside-file", "inside-folder", "pipe"] as const;
      const outside = mkdtempSync(join(scratch, "outside-"));
      writeFileSync(join(outside, "secret.md"), "---\nid: secret\n---\n");
      fc.assert(
        fc.property(pickFile(real), fc.constantFrom(...links), someMutations(fc.oneof(yamlMutation, byteMutation)), (file, link, applied) => {
          const bytes = applied.reduce(mutate, file.bytes);
          mutations += applied.length + 1;
          const dir = writeCase(file, bytes, false);
          const folder = dirname(join(dir, file.path));
          const name = join(folder, `linked-${link}.md`);
          try {
            if (link === "loop") symlinkSync(".", join(folder, "loop"));
            if (link === "parent") symlinkSync("..", join(folder, "up"));
            if (link === "outside-file") symlinkSync(join(outside, "secret.md"), name);
            if (link === "outside-folder") symlinkSync(outside, join(folder, "out"));
            if (link === "dangling") symlinkSync("nowhere.md", name);
            if (link === "self") symlinkSync(`linked-${link}.md`, name);
            if (link === "inside-file") symlinkSync(join(dir, file.path), name);
            if (link === "inside-folder") symlinkSync(folder, join(dir, "again"));
            if (link === "pipe") execFileSync("mkfifo", [name]);
            expectWellFormed(dir, checkContent(loadContentFiles(dir, dir)));
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { seed: 1004, numRuns: 70 },
      );
    },
    HANG_GUARD_MS,
  );

  it("applied at least 1,000 mutations in all, and most cases found something wrong", () => {
    expect(mutations).toBeGreaterThanOrEqual(1000);
    expect(casesWithProblems).toBeGreaterThan(cases / 2);
  });
});
