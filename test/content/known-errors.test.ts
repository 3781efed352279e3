import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { check, claimBlock, lines, note } from "./content-fixture";

/*
 * Known errors (content/misconceptions/*.yaml): a wrong statement once fixed
 * must not come back. Each entry's example, the old wrong text, is put back
 * into a tiny note and must be reported at its line.
 */

const MISCONCEPTIONS = "content/misconceptions";
const projectFiles = readdirSync(MISCONCEPTIONS)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({ name, text: readFileSync(join(MISCONCEPTIONS, name), "utf8") }));
const projectEntries = projectFiles.flatMap(({ name, text }) =>
  (parse(text) as { id: string; lang: "zh" | "en"; why: string; source: string; example: string }[]).map((entry) => ({ file: name, ...entry })),
);
const misconceptionDir = Object.fromEntries(projectFiles.map(({ name, text }) => [`misconceptions/${name}`, text]));

const entry = (id: string, lang: string, pattern: string, example: string) =>
  `- id: ${id}\n  lang: ${lang}\n  pattern: ${JSON.stringify(pattern)}\n  why: The truth.\n  source: RFC 9293 §3.5\n  example: ${JSON.stringify(example)}\n`;
const figureNine = entry("figure-nine", "en", "Figure 9 shows the old duplicate", "RFC 9293 Figure 9 shows the old duplicate SYN.");
const figureNineZh = entry("figure-nine-zh", "zh", "图 ?9 描绘旧的重复", "RFC 9293 图 9 描绘旧的重复 SYN。");
const known = (id: string) => `states a known error (${id}): The truth. [RFC 9293 §3.5]`;

describe("the project's own known errors", () => {
  it("the project has misconception files for the notes and the cards", () => {
    expect(projectFiles.map((file) => file.name)).toEqual(expect.arrayContaining(["notes.yaml"]));
    expect(projectEntries.length).toBeGreaterThan(0);
  });

  it.each(projectEntries.map((e) => [e.file, e.id, e] as const))("%s %s: the old wrong text is reported at its line", (_file, _id, e) => {
    // The :::zh section's line is line 8 of the fixture note, the :::en section's line 12.
    const body = e.example.split("\n")[0]!;
    const text = e.lang === "zh" ? note("n", body) : note("n", "中文。", body);
    const line = e.lang === "zh" ? 8 : 12;
    expect(lines(check({ ...misconceptionDir, "notes/n.md": text }))).toContain(`notes/n.md:${line}: states a known error (${e.id}): ${e.why} [${e.source}]`);
  });

  it("ids are unique across the project's misconception files", () => {
    const ids = projectEntries.map((e) => e.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it("no false alarm: the project's content states none of them", () => {
    const report = checkContent(loadContentFiles("content"));
    expect(report.problems.filter((problem) => problem.message.startsWith("states a known error"))).toEqual([]);
    expect(report.counts.knownErrors).toBe(projectEntries.length);
  });
});

describe("matching", () => {
  it("each language is matched against its own prose: a zh pattern never fires on English", () => {
    const report = check({
      "misconceptions/m.yaml": figureNine + figureNineZh,
      "notes/n.md": note("n", "RFC 9293 Figure 9 shows the old duplicate SYN.", "RFC 9293 图 9 描绘旧的重复 SYN。"),
    });
    expect(lines(report)).toEqual([]);
  });

  it("a note's title and summary are prose; a claim block is not", () => {
    const text =
      "---\nid: n\ntitle:\n  zh: 标题\n  en: Figure 9 shows the old duplicate\n---\n:::zh\n中文\n:::\n\n:::en\n" +
      claimBlock("# Figure 9 shows the old duplicate\nin: LISTEN\non: rcv SYN\nthen: SYN_RECEIVED") +
      "\n:::\n";
    expect(lines(check({ "misconceptions/m.yaml": figureNine, "notes/n.md": text }))).toEqual([`notes/n.md:5: ${known("figure-nine")}`]);
  });

  it("a card with a known error is reported at the line and left out; the others load", () => {
    const deck =
      "deck:\n  id: d\n  title: {zh: 卡组, en: Deck}\ncards:\n" +
      "  - id: good\n    kind: fact\n    front: {zh: 问, en: Question}\n    back: {zh: 答, en: Answer}\n    tags: [handshake]\n" +
      "  - id: bad\n    kind: fact\n    front: {zh: 问, en: Question}\n    back:\n      zh: 答\n      en: |\n        First line.\n        Figure 9 shows the old duplicate SYN.\n    tags: [handshake]\n";
    const report = check({ "misconceptions/m.yaml": figureNine, "cards/d.yaml": deck });
    expect(lines(report)).toEqual([`cards/d.yaml:17: ${known("figure-nine")}`]);
    expect(report.decks[0]?.cards.map((card) => card.id)).toEqual(["good"]);
  });

  it("quiz prompts, choices and explanations and states.yaml meanings are prose", () => {
    const quiz =
      "id: q\ntitle: {zh: 测验, en: Quiz}\nquestions:\n  - id: a\n    type: choice\n    prompt: {zh: 问, en: Question}\n" +
      "    choices:\n      - {zh: 甲, en: A}\n      - {zh: 乙, en: Figure 9 shows the old duplicate SYN}\n    answer: 0\n";
    const states = ["CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"]
      .map((state) => `  - state: ${state}\n    name: {zh: 名, en: Name}\n    meaning: {zh: 含义, en: ${state === "LISTEN" ? "Figure 9 shows the old duplicate" : "Meaning"}}\n`)
      .join("");
    const report = check({ "misconceptions/m.yaml": figureNine, "quizzes/q.yaml": quiz, "states.yaml": `states:\n${states}` });
    expect(lines(report)).toEqual([`quizzes/q.yaml:9: ${known("figure-nine")}`, `states.yaml:7: ${known("figure-nine")}`]);
    expect(report.quizzes).toEqual([]);
  });
});

describe("misconception files", () => {
  it("a bad regular expression is an error at its line, not a crash, and the other entries still work", () => {
    const report = check({
      "misconceptions/m.yaml": entry("broken", "en", "Figure (9", "Figure (9") + figureNine,
      "notes/n.md": note("n", "中文。", "RFC 9293 Figure 9 shows the old duplicate SYN."),
    });
    expect(lines(report)).toEqual([
      expect.stringMatching(/^misconceptions\/m\.yaml:3: pattern of "broken" is not a valid regular expression: .*Unterminated group/),
      `notes/n.md:12: ${known("figure-nine")}`,
    ]);
  });

  it("an example its own pattern does not match is an error at the example", () => {
    expect(lines(check({ "misconceptions/m.yaml": entry("loose", "en", "Figure 10", "RFC 9293 Figure 9") }))).toEqual([
      'misconceptions/m.yaml:6: the pattern of "loose" does not match its example: the example is the wrong text it must catch',
    ]);
  });

  it("a missing field, an unknown language and an unknown key are reported at their lines", () => {
    const text = "- id: a\n  lang: fr\n  pattern: x\n  why: y\n  source: z\n  example: x\n  note: n\n- id: b\n  lang: en\n  pattern: x\n  source: z\n  example: x\n";
    expect(lines(check({ "misconceptions/m.yaml": text }))).toEqual([
      "misconceptions/m.yaml:1: [0]: unknown key note",
      "misconceptions/m.yaml:2: [0].lang: lang must be zh or en: the language whose text the pattern is matched against",
      "misconceptions/m.yaml:8: missing [1].why",
    ]);
  });

  it("ids are unique across files, and every YAML file in the folder is read", () => {
    const report = check({ "misconceptions/a.yaml": figureNine, "misconceptions/b.yml": figureNine });
    expect(lines(report)).toEqual(['misconceptions/b.yml:1: misconception id "figure-nine" is already used in misconceptions/a.yaml:1']);
    expect(report.counts.knownErrors).toBe(1);
  });

  it("a misconception file is not a deck, even when it is called cards.yaml", () => {
    const report = check({ "misconceptions/cards.yaml": figureNine });
    expect(lines(report)).toEqual([]);
    expect(report.decks).toEqual([]);
    expect(report.counts).toMatchObject({ files: 1, knownErrors: 1 });
  });
});
