import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { guarded } from "@/lib/content/problem-report";
import { ALIAS_BOMB } from "./bad-input-fixture";
import { check, claimBlock, lines, note, writeContentDir } from "./content-fixture";

/*
 * Regression tests for issue 10: each of these inputs once stopped
 * content:check with "internal error" and no file or line (and npm start
 * with a stack trace), or made it hang. Each is now one `path:line: message`
 * problem, and the other files are still checked and loaded.
 */

const deck = (cards: string) => `deck:\n  id: d\n  title: {zh: 卡组, en: Deck}\ncards:\n${cards}`;
const card = (id: string) => `  - id: ${id}\n    kind: fact\n    front: {zh: 问, en: Question}\n    back: {zh: 答, en: Answer}\n    tags: [handshake]\n`;
const quiz = (questions: string) => `id: q\ntitle: {zh: 测验, en: Quiz}\nquestions:\n${questions}`;
const goodNote = note("good", claimBlock("in: LISTEN\non: rcv SYN\nthen: SYN_RECEIVED"));

function checkDir(dir: string) {
  return checkContent(loadContentFiles(dir, dir));
}

describe("YAML anchors, aliases and merge keys", () => {
  it("a merge key with an unresolved alias (<<: *nope) is reported at its line in a deck, a quiz, states.yaml and a claim", () => {
    const report = check({
      "cards/d.yaml": deck(card("c1") + "  - <<: *nope\n    id: c2\n"),
      "quizzes/q.yaml": quiz("  - <<: *nope\n    id: a\n"),
      "states.yaml": "states:\n  - <<: *nope\n",
      "notes/n.md": note("n", claimBlock("<<: *nope\nin: LISTEN")),
      "notes/good.md": goodNote,
    });
    expect(lines(report)).toEqual([
      "cards/d.yaml:10: YAML: alias *nope refers to no anchor: &nope must be set before it",
      "notes/n.md:9: claim: YAML: alias *nope refers to no anchor: &nope must be set before it",
      "quizzes/q.yaml:4: YAML: alias *nope refers to no anchor: &nope must be set before it",
      "states.yaml:2: YAML: alias *nope refers to no anchor: &nope must be set before it",
    ]);
    expect(report.notes.map((n) => n.id)).toEqual(["good"]);
  });

  it("an alias expansion bomb is reported where aliases of aliases start, without expanding it", () => {
    const report = check({ "cards/d.yaml": ALIAS_BOMB, "states.yaml": ALIAS_BOMB, "notes/n.md": note("n", claimBlock(ALIAS_BOMB)) });
    expect(lines(report)).toEqual([
      "cards/d.yaml:3: YAML: aliases of aliases here expand to too much data (more than 100 copies); write the values out",
      "notes/n.md:11: claim: YAML: aliases of aliases here expand to too much data (more than 100 copies); write the values out",
      "states.yaml:3: YAML: aliases of aliases here expand to too much data (more than 100 copies); write the values out",
    ]);
  });

  it("plain anchors, aliases and merge keys are valid YAML and load", () => {
    const shared = "  - &base\n    id: c1\n    kind: fact\n    front: &front {zh: 问, en: Question}\n    back: {zh: 答, en: Answer}\n    tags: [handshake]\n";
    const report = check({ "cards/d.yaml": deck(shared + "  - <<: *base\n    id: c2\n  - <<: [*base]\n    id: c3\n    back: *front\n") });
    expect(lines(report)).toEqual([]);
    expect(report.decks[0]?.cards.map((c) => [c.id, c.back.en])).toEqual([
      ["c1", "Answer"],
      ["c2", "Answer"],
      ["c3", "Question"],
    ]);
  });

  it("an alias inside the node it names (a cycle) and a merge of a scalar are each reported", () => {
    const report = check({
      "cards/a.yaml": "deck: &d\n  id: a\n  self: *d\ncards: []\n",
      "cards/b.yaml": "deck:\n  <<: 1\n  id: b\ncards: []\n",
    });
    expect(lines(report)).toEqual([
      "cards/a.yaml:3: YAML: alias *d is inside the node it names (&d): a cycle",
      "cards/b.yaml:2: YAML: a merge key (<<) takes a mapping, an alias of one, or a list of them",
    ]);
  });

  it("more than 1,000 aliases in one file are reported at the first one past the limit", () => {
    const text = "a: &a x\nb:\n" + "  - *a\n".repeat(1001);
    expect(lines(check({ "cards/d.yaml": text }))).toEqual(["cards/d.yaml:1003: YAML: more than 1000 aliases in one file; write the values out"]);
  });
});

describe("YAML syntax", () => {
  it("a duplicate key is reported at the second one", () => {
    expect(lines(check({ "cards/d.yaml": "deck:\n  id: d\n  id: e\ncards: []\n" }))).toEqual([
      'cards/d.yaml:3: YAML: the key "id" is given twice; keys of a mapping must be unique',
    ]);
  });

  it("10,000 levels of [ are one problem at line 1, in a deck and in a claim", () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    expect(lines(check({ "cards/d.yaml": deep, "notes/n.md": note("n", claimBlock(`in: ${deep}`)) }))).toEqual([
      "cards/d.yaml:1: YAML: nested too deeply to read",
      "notes/n.md:9: claim: YAML: nested too deeply to read",
    ]);
  });

  it("5,000 nested block sequences (- - - …), which overflow the YAML parser's stack, are one problem at line 1", () => {
    expect(lines(check({ "cards/d.yaml": `${"- ".repeat(5_000)}\n${deck(card("c1"))}` }))).toEqual(["cards/d.yaml:1: YAML: nested too deeply to read"]);
  });

  it("an empty claim block never closed at the end of a note is reported on a line of the note", () => {
    const text = "---\nid: n\ntitle: {zh: 标题, en: Title}\n---\n:::zh\n中文\n:::\n:::en\nEnglish\n```claim";
    expect(lines(check({ "notes/n.md": text }))).toEqual([expect.stringMatching(/^notes\/n\.md:10: a claim needs in\/on\/then/)]);
  });

  it("a badly broken file lists its first 20 YAML errors, not one per line", () => {
    const problems = lines(check({ "cards/d.yaml": "a: [\n".repeat(5000) }));
    expect(problems.length).toBeLessThanOrEqual(21);
    for (const problem of problems) expect(problem).toMatch(/^cards\/d\.yaml:\d+: YAML: /);
  });
});

describe("files that are not text", () => {
  it("a 5 MB single line is not read: one problem at line 1", () => {
    const report = check({ "cards/d.yaml": `x: ${"a".repeat(5_000_000)}\n`, "notes/good.md": goodNote });
    expect(lines(report)).toEqual(["cards/d.yaml:1: the file is 4.8 MB; a content file may be at most 1 MB, so it was not read"]);
    expect(report.notes).toHaveLength(1);
  });

  it("text in memory over the limit is refused the same way", () => {
    expect(lines(checkContent([{ path: "notes/n.md", text: "a".repeat(2 * 1024 * 1024) }]))).toEqual([
      "notes/n.md:1: the file is 2 MB; a content file may be at most 1 MB, so it was not read",
    ]);
  });

  it("invalid UTF-8 and a NUL byte are reported at their lines", () => {
    const dir = writeContentDir({ "notes/good.md": goodNote });
    mkdirSync(join(dir, "cards"));
    writeFileSync(join(dir, "cards/utf8.yaml"), Buffer.concat([Buffer.from("deck:\n  id: d\n  title: {zh: "), Buffer.from([0xff, 0xfe]), Buffer.from(", en: Deck}\n")]));
    writeFileSync(join(dir, "cards/nul.yaml"), "deck:\n  id: d\n  title: {zh: a\0b, en: Deck}\n");
    expect(lines(checkDir(dir))).toEqual([
      "cards/nul.yaml:3: the file holds a NUL byte: binary data, not text",
      "cards/utf8.yaml:3: the file is not UTF-8 text (an invalid byte sequence on this line); save it as UTF-8",
    ]);
  });

  it("a carriage return that ends no line is reported at its line: lines are counted by line feeds", () => {
    expect(lines(check({ "notes/n.md": note("n", "中文\r\r\nmore") }))).toEqual([
      "notes/n.md:8: a carriage return (CR) that is not part of a line ending; save the file with LF (or CRLF) line endings",
    ]);
    expect(lines(check({ "notes/n.md": note("n", "中文").replace(/\n/g, "\r\n") }))).toEqual([]);
  });

  it("a binary file named .yaml or .md is one problem each, and the rest loads", () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    const dir = writeContentDir({ "notes/good.md": goodNote });
    mkdirSync(join(dir, "cards"));
    writeFileSync(join(dir, "cards/b.yaml"), binary);
    writeFileSync(join(dir, "notes/b.md"), binary);
    const report = checkDir(dir);
    expect(lines(report)).toEqual([
      expect.stringMatching(/^cards\/b\.yaml:1: the file (is not UTF-8 text|holds a NUL byte)/),
      expect.stringMatching(/^notes\/b\.md:1: the file (is not UTF-8 text|holds a NUL byte)/),
    ]);
    expect(report.notes.map((n) => n.id)).toEqual(["good"]);
  });

  it("a named pipe is not read (reading it would wait forever)", () => {
    const dir = writeContentDir({ "notes/good.md": goodNote });
    execFileSync("mkfifo", [join(dir, "notes/pipe.md")]);
    expect(lines(checkDir(dir))).toEqual(["notes/pipe.md:1: not a regular file (a pipe, socket or device); not read"]);
  });
});

describe("symbolic links: followed only while they stay inside the content folder", () => {
  it("a folder linked to itself or to its parent is a loop, reported and not followed", () => {
    const dir = writeContentDir({ "notes/good.md": goodNote });
    symlinkSync(".", join(dir, "notes/self"));
    symlinkSync("..", join(dir, "notes/up"));
    const report = checkDir(dir);
    expect(lines(report)).toEqual([
      expect.stringMatching(/^notes\/self:1: a symbolic link to .*notes, a folder that contains the link: a loop, not followed$/),
      expect.stringMatching(/^notes\/up:1: a symbolic link to .*, a folder that contains the link: a loop, not followed$/),
    ]);
    expect(report.notes.map((n) => n.id)).toEqual(["good"]);
  });

  it("a link out of the folder, a dangling link and a link to itself are reported and not read", () => {
    const outside = mkdtempSync(join(tmpdir(), "synack-outside-"));
    writeFileSync(join(outside, "secret.md"), note("secret", "outside"));
    const dir = writeContentDir({ "notes/good.md": goodNote });
    symlinkSync(join(outside, "secret.md"), join(dir, "notes/secret.md"));
    symlinkSync(outside, join(dir, "notes/elsewhere"));
    symlinkSync("nowhere.md", join(dir, "notes/dangling.md"));
    symlinkSync("loop.md", join(dir, "notes/loop.md"));
    expect(lines(checkDir(dir))).toEqual([
      "notes/dangling.md:1: a symbolic link that cannot be followed (it points to nothing); not read",
      expect.stringMatching(/^notes\/elsewhere:1: a symbolic link to .*synack-outside-.*, outside the content folder; links that leave it are not followed$/),
      "notes/loop.md:1: a symbolic link that cannot be followed (it loops); not read",
      expect.stringMatching(/^notes\/secret\.md:1: a symbolic link to .*secret\.md, outside the content folder; links that leave it are not followed$/),
    ]);
  });

  it("a link to a file or a folder inside is followed and read under the link's name", () => {
    const dir = writeContentDir({ "shared/good.md": goodNote });
    mkdirSync(join(dir, "notes"));
    symlinkSync("../shared/good.md", join(dir, "notes/linked.md"));
    const files = loadContentFiles(dir, dir);
    expect(files.map((file) => [file.path, file.unreadable])).toEqual([
      ["notes/linked.md", undefined],
      ["shared/good.md", undefined],
    ]);
  });
});

describe("Markdown that micromark reads in far more than linear time", () => {
  // The test timeout is the guard: each of these took minutes before.
  const problemsOf = (text: string) => lines(check({ "notes/n.md": text }));

  it("10,000 nested list items on one line (once over four minutes) are refused before parsing", () => {
    expect(problemsOf(note("n", "- ".repeat(10_000) + "x"))).toEqual([
      "notes/n.md:8: a list item or quote at column 19999; at most 40 columns of indentation and nesting are read",
    ]);
  });

  it("more than 1,000 list items, 50 ::: fences or 100 setext underlines are refused at the line past the limit", () => {
    expect(problemsOf(note("n", "- x\n".repeat(1001)))).toEqual(["notes/n.md:1008: more than 1000 list items and quotes in one note; split the note"]);
    expect(problemsOf(note("n", ":::zh\n".repeat(60)))).toEqual([
      "notes/n.md:57: more than 50 ::: fences in one note; a note has a :::zh and a :::en section",
    ]);
    expect(problemsOf(note("n", "a\n=\n".repeat(120)))).toEqual(["notes/n.md:205: more than 100 lines of only = or - in one note; write headings with #"]);
  });

  it("long runs of emphasis markers (16 kB of * once took most of a minute) are read quickly: the check skips inline Markdown", () => {
    expect(problemsOf(note("n", `${"*".repeat(50_000)}a${"_".repeat(50_000)}`))).toEqual([]);
  });

  it("a claim inside nested quotes is still found, at its line", () => {
    const quoted = claimBlock("in: LISTEN\non: rcv SYN\nthen: CLOSED")
      .split("\n")
      .map((line) => `${">".repeat(8)} ${line}`)
      .join("\n");
    expect(lines(check({ "notes/n.md": note("n", quoted) }))).toEqual([expect.stringMatching(/^notes\/n\.md:11: in LISTEN, "rcv SYN" leads to SYN_RECEIVED, not CLOSED/)]);
  });
});

describe("problem lines", () => {
  it("a message that quotes text with a line break or a huge value stays one short line", () => {
    const misconception = (pattern: string) =>
      `- id: m\n  lang: en\n  pattern: ${JSON.stringify(pattern)}\n  why: w\n  source: s\n  example: e\n`;
    const [broken] = lines(check({ "misconceptions/m.yaml": misconception("a\n(") }));
    expect(broken).toMatch(/^misconceptions\/m\.yaml:3: pattern of "m" is not a valid regular expression: [^\n]+$/);
    const [huge] = lines(check({ "states.yaml": `states:\n  - state: ${"X".repeat(100_000)}\n    name: {zh: 甲, en: A}\n    meaning: {zh: 甲, en: A}\n` }));
    expect(huge!.length).toBeLessThan(600);
    expect(huge).toMatch(/^states\.yaml:2: unknown state "XXXX.*…$/);
  });
});

describe("a failure of the checker itself", () => {
  it("is reported as that file's problem at line 1, and the check goes on", () => {
    const reported: string[] = [];
    const result = guarded(
      (line, message) => reported.push(`${line}: ${message}`),
      () => {
        throw new RangeError("Maximum call stack size exceeded");
      },
    );
    expect(result).toBeUndefined();
    expect(reported).toEqual(["1: the check failed on this file (RangeError: Maximum call stack size exceeded); it is left out. Please report this with the file."]);
  });
});
