import { describe, expect, it } from "vitest";
import { check, claimBlock, lines, note } from "./content-fixture";

const deck = (cards: string) => `deck:\n  id: d\n  title: {zh: 卡组, en: Deck}\ncards:\n${cards}`;
const card = (id: string, extra = "") =>
  `  - id: ${id}\n    kind: fact\n    front: {zh: 问, en: Question}\n    back: {zh: 答, en: Answer}\n    tags: [handshake]\n${extra}`;

describe("notes", () => {
  it("a correct note with claims raises no alarm", () => {
    const report = check({ "notes/n.md": note("n", claimBlock("in: LISTEN\non: rcv SYN\nthen: SYN_RECEIVED\nsends: SYN+ACK")) });
    expect(lines(report)).toEqual([]);
    expect(report.notes.map((n) => n.id)).toEqual(["n"]);
    expect(report.counts).toMatchObject({ files: 1, notes: 1, claims: 1 });
  });

  it("a missing language section is an error", () => {
    const text = "---\nid: n\ntitle: {zh: 标题, en: Title}\n---\n:::zh\n中文\n:::\n";
    expect(lines(check({ "notes/n.md": text }))).toEqual([
      "notes/n.md:7: missing the :::en section: every note is written in both Chinese and English",
    ]);
  });

  it("a missing English title is reported at the title", () => {
    const text = "---\nid: n\ntitle:\n  zh: 标题\n---\n:::zh\n中文\n:::\n:::en\nEnglish\n:::\n";
    expect(lines(check({ "notes/n.md": text }))).toEqual(["notes/n.md:4: missing title.en (the English text)"]);
  });

  it("broken front matter YAML is an error at the line of the unclosed map", () => {
    const text = "---\nid: n\ntitle: {zh: 标题, en: Title\n---\n:::zh\n中文\n:::\n:::en\nEnglish\n:::\n";
    expect(lines(check({ "notes/n.md": text }))).toEqual(["notes/n.md:3: YAML: Flow map in block collection must be sufficiently indented and end with a }"]);
  });

  it("an id that does not match the file name, an unknown key and an unknown tag are each reported", () => {
    const text = "---\nid: other\ntitle: {zh: 标题, en: Title}\ntags: [handshakes]\nauthor: me\n---\n:::zh\n中文\n:::\n:::en\nEnglish\n:::\n";
    expect(lines(check({ "notes/n.md": text }))).toEqual([
      "notes/n.md:2: unknown key author",
      expect.stringMatching(/^notes\/n\.md:4: tags\[0\]: unknown tag "handshakes"; valid: states, handshake, /),
    ]);
    const renamed = "---\nid: other\ntitle: {zh: 标题, en: Title}\n---\n:::zh\n中文\n:::\n:::en\nEnglish\n:::\n";
    expect(lines(check({ "notes/n.md": renamed }))).toEqual(['notes/n.md:2: id "other" must match the file name "n.md"']);
  });

  it("text outside the language sections is an error", () => {
    const text = "---\nid: n\ntitle: {zh: 标题, en: Title}\n---\nstray\n:::zh\n中文\n:::\n:::en\nEnglish\n:::\n";
    expect(lines(check({ "notes/n.md": text }))).toEqual([
      "notes/n.md:5: text outside the :::zh and :::en sections: put it inside one (is a closing ::: missing?)",
    ]);
  });

  it("the same note id in two files is reported with the first place", () => {
    const report = check({ "notes/a/n.md": note("n", "甲"), "notes/b/n.md": note("n", "乙") });
    expect(lines(report)).toEqual(['notes/b/n.md:1: note id "n" is already used in notes/a/n.md:1']);
  });

  it("README.md files are for people and are not checked", () => {
    expect(check({ "README.md": "# anything\n```claim\nin: nowhere\n```\n" }).counts.files).toBe(0);
  });
});

describe("flashcard decks", () => {
  it("a correct deck loads every card", () => {
    const report = check({ "cards/d.yaml": deck(card("c1") + card("c2")) });
    expect(lines(report)).toEqual([]);
    expect(report.decks[0]?.cards.map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("a card missing its English front is reported at the card, and only that card is left out", () => {
    const bad = "  - id: c2\n    kind: fact\n    front: {zh: 问}\n    back: {zh: 答, en: Answer}\n    tags: [handshake]\n";
    const report = check({ "cards/d.yaml": deck(card("c1") + bad) });
    expect(lines(report)).toEqual(["cards/d.yaml:12: missing cards[1].front.en (the English text)"]);
    expect(report.decks[0]?.cards.map((c) => c.id)).toEqual(["c1"]);
    expect(report.counts.cards).toBe(2);
  });

  it("a why card needs key points", () => {
    const why = "  - id: w\n    kind: why\n    front: {zh: 为什么, en: Why}\n    back: {zh: 因为, en: Because}\n    tags: [why]\n";
    expect(lines(check({ "cards/d.yaml": deck(why) }))).toEqual([
      "cards/d.yaml:5: cards[0].keyPoints: a `why` card needs keyPoints (the points an interviewer listens for)",
    ]);
  });

  it("a false claim on a card is reported at the claim's line", () => {
    const claims = "    claims:\n      - {in: ESTABLISHED, on: rcv FIN, then: LAST_ACK}\n";
    expect(lines(check({ "cards/d.yaml": deck(card("c1", claims)) }))).toEqual([
      expect.stringMatching(/^cards\/d\.yaml:11: in ESTABLISHED, "rcv FIN" leads to CLOSE_WAIT, not LAST_ACK/),
    ]);
  });

  it("a card's note must exist, and card ids are unique across decks", () => {
    const report = check({
      "cards/d.yaml": deck(card("c1", "    note: nowhere\n")),
      "cards/e.yaml": deck(card("c1")).replace("id: d", "id: e"),
    });
    expect(lines(report)).toEqual([
      'cards/d.yaml:5: card "c1" refers to note "nowhere", which does not exist',
      'cards/e.yaml:5: card id "c1" is already used in cards/d.yaml:5',
    ]);
  });

  it("broken YAML is reported and the other files are still checked", () => {
    const report = check({ "cards/d.yaml": "deck: [\n", "notes/n.md": note("n", claimBlock("in: CLOSED\non: passive open\nthen: SYN_SENT")) });
    expect(lines(report)).toEqual([
      expect.stringMatching(/^cards\/d\.yaml:\d+: YAML: /),
      expect.stringMatching(/^notes\/n\.md:11: in CLOSED, "passive open" leads to LISTEN, not SYN_SENT/),
    ]);
  });
});

describe("quizzes", () => {
  const quiz = (questions: string) => `id: q\ntitle: {zh: 测验, en: Quiz}\nquestions:\n${questions}`;
  const prompt = "    prompt: {zh: 问, en: Question}\n";

  it("machine-checked answers pass when they are the machine's", () => {
    const report = check({
      "quizzes/q.yaml": quiz(
        `  - id: a\n    type: next-state\n${prompt}    state: SYN_SENT\n    event: rcv SYN+ACK\n    answer: ESTAB\n` +
          `  - id: b\n    type: sends\n${prompt}    state: ESTABLISHED\n    event: rcv FIN\n    answer: ACK\n` +
          `  - id: c\n    type: states\n${prompt}    scenario: close-combined\n    side: client\n    answer: [ESTABLISHED, FIN_WAIT_1, TIME_WAIT, CLOSED]\n` +
          `  - id: d\n    type: true-false\n${prompt}    answer: false\n    claim: {scenario: open, segments: [{flags: SYN}, {flags: SYN+ACK}, {flags: SYN+ACK}]}\n`,
      ),
    });
    expect(lines(report)).toEqual([]);
    expect(report.counts).toMatchObject({ quizzes: 1, questions: 4, claims: 4 });
  });

  it("a wrong machine-checked answer is reported at the answer", () => {
    const report = check({
      "quizzes/q.yaml": quiz(
        `  - id: a\n    type: next-state\n${prompt}    state: FIN_WAIT_2\n    event: rcv FIN\n    answer: CLOSED\n` +
          `  - id: b\n    type: sends\n${prompt}    state: ESTABLISHED\n    event: close\n    answer: FIN\n` +
          `  - id: c\n    type: states\n${prompt}    scenario: close-combined\n    side: client\n    answer: [ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED]\n` +
          `  - id: d\n    type: true-false\n${prompt}    answer: true\n    claim: {in: FIN_WAIT_1, on: rcv FIN, then: TIME_WAIT}\n`,
      ),
    });
    expect(lines(report)).toEqual([
      expect.stringMatching(/^quizzes\/q\.yaml:9: in FIN_WAIT_2, "rcv FIN" leads to TIME_WAIT, not CLOSED/),
      expect.stringMatching(/^quizzes\/q\.yaml:15: in ESTABLISHED on "close" the machine sends FIN\+ACK, not FIN/),
      expect.stringMatching(/^quizzes\/q\.yaml:21: in `close-combined` the client goes ESTABLISHED → FIN_WAIT_1 → TIME_WAIT → CLOSED; its state 3 is TIME_WAIT, not FIN_WAIT_2/),
      expect.stringMatching(/^quizzes\/q\.yaml:25: answer is true, but the machine finds the claim false: in FIN_WAIT_1, "rcv FIN" leads to CLOSING/),
    ]);
    expect(report.quizzes).toEqual([]);
  });

  it("an unknown question type and a choice answer past the end are reported", () => {
    const report = check({
      "quizzes/q.yaml": quiz(
        `  - id: a\n    type: essay\n${prompt}` +
          `  - id: b\n    type: choice\n${prompt}    choices: [{zh: 甲, en: A}, {zh: 乙, en: B}]\n    answer: 2\n`,
      ),
    });
    expect(lines(report)).toEqual([
      "quizzes/q.yaml:5: questions[0].type: type must be one of: next-state, sends, states, choice, true-false, free-text",
      "quizzes/q.yaml:11: questions[1].answer: answer is past the last choice (choices are counted from 0)",
    ]);
  });
});

describe("states.yaml", () => {
  const entry = (state: string) => `  - state: ${state}\n    name: {zh: 名, en: Name}\n    meaning: {zh: 含义, en: Meaning}\n`;
  const all = ["CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"];

  it("describes all eleven states, any spelling", () => {
    const report = check({ "states.yaml": `states:\n${all.map((s) => entry(s === "SYN_RECEIVED" ? "SYN_RCVD" : s)).join("")}` });
    expect(lines(report)).toEqual([]);
    expect(report.states.map((info) => info.state)).toEqual(all);
  });

  it("a missing state, a repeated one and an unknown one are each reported", () => {
    const states = all.filter((s) => s !== "CLOSING").map(entry).join("") + entry("LISTEN") + entry("HALF_OPEN");
    expect(lines(check({ "states.yaml": `states:\n${states}` }))).toEqual([
      "states.yaml:2: states.yaml must describe all 11 states; missing: CLOSING",
      "states.yaml:32: LISTEN is already described in entry 2",
      expect.stringMatching(/^states\.yaml:35: unknown state "HALF_OPEN"; valid: CLOSED, /),
    ]);
  });

  it("a deck that happens to be called states.yaml is still a deck", () => {
    const report = check({ "cards/states.yaml": deck(card("c1")).replace("id: d", "id: states") });
    expect(lines(report)).toEqual([]);
    expect(report.decks.map((d) => d.id)).toEqual(["states"]);
  });
});
