import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { checkDraft } from "@/lib/builder/draft-check";
import { problemInChinese, UNTRANSLATED } from "@/lib/builder/problem-zh";
import { quizToYaml } from "@/lib/builder/quiz-yaml";
import { checkContent, type ContentFile } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { contextFromContent, type QuestionContext } from "@/lib/questions";

let context: QuestionContext;
let misconceptions: ContentFile[];

beforeAll(() => {
  const files = loadContentFiles("content");
  context = contextFromContent(checkContent(files));
  misconceptions = files.filter((file) => file.path.includes("misconceptions"));
});

const base = () => ({
  id: "draft-quiz",
  title: { zh: "测验", en: "A quiz" },
  questions: [
    {
      id: "q1",
      type: "next-state",
      prompt: { zh: "处于 ESTABLISHED 的一方收到 FIN，进入什么状态？", en: "In ESTABLISHED a side receives a FIN. Which state does it enter?" },
      state: "ESTABLISHED",
      event: "rcv FIN",
      answer: "CLOSE_WAIT",
    },
  ],
  generated: [{ count: 3, kinds: ["next-state"] }],
});

describe("checkDraft", () => {
  it("a valid draft has no problems", () => {
    expect(checkDraft(base(), { lang: "en", context, misconceptions })).toEqual([]);
  });

  it("a wrong next-state answer is reported at questions.N.answer, in English", () => {
    const draft = base();
    draft.questions[0]!.answer = "TIME_WAIT";
    const problems = checkDraft(draft, { lang: "en", context });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("questions.0.answer");
    expect(problems[0]!.message).toMatch(/^in ESTABLISHED, "rcv FIN" leads to CLOSE_WAIT, not TIME_WAIT: /);
  });

  it("… and in Chinese", () => {
    const draft = base();
    draft.questions[0]!.answer = "TIME_WAIT";
    const [problem] = checkDraft(draft, { lang: "zh", context });
    expect(problem!.path).toBe("questions.0.answer");
    expect(problem!.message).toMatch(/^处于 ESTABLISHED 时，“rcv FIN”进入 CLOSE_WAIT，而不是 TIME_WAIT：/);
    expect(problem!.message).not.toContain(UNTRANSLATED);
  });

  it("schema problems are keyed by their field path", () => {
    const draft = { ...base(), settings: { closes: "tomorrow", timeLimitMinutes: 0 }, title: { zh: "", en: "A quiz" } };
    const paths = checkDraft(draft, { lang: "en" }).map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(["settings.closes", "settings.timeLimitMinutes", "title.zh"]));
  });

  it("a generated slot that cannot be filled is reported at generated.N.count", () => {
    const draft = { ...base(), generated: [{ count: 40, kinds: ["sends"], topics: ["time-wait"] }] };
    const problems = checkDraft(draft, { lang: "en", context });
    expect(problems).toEqual([{ path: "generated.0.count", message: expect.stringMatching(/^only \d+ different questions of these kinds and topics can be made, not 40$/) }]);
    expect(checkDraft(draft, { lang: "zh", context })[0]!.message).toMatch(/^这些题型和主题只能生成 \d+ 道不同的题，不够 40 道$/);
  });

  it("prose stating a known error is flagged as in a file", () => {
    const entries = misconceptions.flatMap((file) => parse(file.text) as { example?: string; lang?: string }[]);
    const misconception = entries.find((entry) => entry.lang === "en" && entry.example && !entry.example.includes("\n"));
    expect(misconception).toBeDefined();
    const draft = base();
    draft.questions[0]!.prompt.en = misconception!.example!;
    const problems = checkDraft(draft, { lang: "zh", misconceptions });
    expect(problems.some((problem) => problem.path === "questions.0.prompt.en" && problem.message.startsWith("陈述了一个已知的错误说法"))).toBe(true);
  });
});

/** Drafts that between them trigger every message form a quiz file's checks emit. */
const BAD_DRAFTS: unknown[] = [
  { id: "Bad Id", title: { zh: "", en: 3 }, extra: 1, questions: [], generated: [] },
  { id: 7, title: "x", questions: [{ id: "Q", type: "nope", prompt: { zh: "a", en: "b" } }] },
  {
    ...base(),
    questions: [
      { id: "q1", type: "next-state", prompt: { zh: "a", en: "b" }, state: "NOWHERE", event: "jump", answer: "CLOSED" },
      { id: "q1", type: "next-state", prompt: { zh: "a", en: "b" }, state: "LISTEN", event: "rcv SYN", answer: "NOWHERE" },
      { id: "q3", type: "sends", prompt: { zh: "a", en: "b" }, state: "ESTABLISHED", event: "close", answer: "RST" },
      { id: "q4", type: "sends", prompt: { zh: "a", en: "b" }, state: "ESTABLISHED", event: "close", answer: "BOGUS" },
      { id: "q5", type: "states", prompt: { zh: "a", en: "b" }, scenario: "nope", side: "client", answer: ["CLOSED"] },
      { id: "q6", type: "states", prompt: { zh: "a", en: "b" }, scenario: "handshake", side: "client", answer: ["CLOSED", "LISTEN"] },
      { id: "q7", type: "states", prompt: { zh: "a", en: "b" }, scenario: "handshake", side: "middle", answer: [] },
      { id: "q8", type: "choice", prompt: { zh: "a", en: "b" }, choices: [{ zh: "a", en: "b" }], answer: 3 },
      { id: "q9", type: "choice", prompt: { zh: "a", en: "b" }, choices: [{ zh: "a", en: "b" }, { zh: "c", en: "d" }], answer: 5, claims: [{ in: "LISTEN", on: "rcv SYN", then: "CLOSED" }, { bogus: 1 }, "x"] },
      { id: "q10", type: "true-false", prompt: { zh: "a", en: "b" }, answer: true, claim: { in: "LISTEN", on: "rcv SYN", then: "CLOSED" } },
      { id: "q11", type: "true-false", prompt: { zh: "a", en: "b" }, answer: false, claim: { in: "LISTEN", on: "rcv SYN", then: "SYN_RECEIVED" } },
      { id: "q12", type: "true-false", prompt: { zh: "a", en: "b" }, answer: "yes" },
      { id: "q13", type: "free-text", prompt: { zh: "a", en: "b" }, keyPoints: { zh: [], en: ["x"] } },
      { id: "q14", type: "choice", prompt: { zh: "a", en: "b" }, choices: [{ zh: "a", en: "b" }, { zh: "c", en: "d" }], answer: -1 },
      {
        id: "q15",
        type: "true-false",
        prompt: { zh: "a", en: "b" },
        answer: true,
        claim: { scenario: "handshake", segments: [{ from: "server", flags: "SYN" }, { from: "server", flags: "ACK", seq: "y", ack: "x" }, { flags: "ACK", len: 5 }, { flags: "ACK" }, { flags: "ACK" }, { flags: "ACK" }] },
      },
      { id: "q16", type: "true-false", prompt: { zh: "a", en: "b" }, answer: true, claim: { in: "ESTABLISHED", on: "close", then: "FIN_WAIT_1", sends: "FIN", error: "boom" } },
    ],
    generated: [{ count: 0, kinds: [], topics: ["nope"], profile: "bsd" }, { count: 2.5, kinds: ["nope"] }, { count: "x" }, { count: 41 }],
    settings: { seed: -1, shuffle: "yes", timeLimitMinutes: 601, attempts: 0, feedback: "after-close", opens: "2026-12-02T09:00:00+08:00" },
  },
  { ...base(), settings: { timeLimitMinutes: "x", attempts: 101, feedback: "never", opens: "2026-12-02T09:00:00+08:00", closes: "2026-12-01T09:00:00+08:00" } },
  { ...base(), settings: { attempts: "x", timeLimitMinutes: 0 } },
  { ...base(), questions: [], generated: Array.from({ length: 11 }, () => ({ count: 40 })) },
  { ...base(), questions: [], generated: [] },
];

describe("the builder's problems in Chinese", () => {
  it("every message the quiz checks give these drafts has a Chinese form", () => {
    const english = BAD_DRAFTS.flatMap((draft) => checkDraft(draft, { lang: "en", context }).map((problem) => problem.message));
    // The drafts must really trigger many forms, or this proves little.
    expect(new Set(english).size).toBeGreaterThan(30);
    const untranslated = english.filter((message) => problemInChinese(message).startsWith(UNTRANSLATED));
    expect(untranslated).toEqual([]);
  });

  it("an unknown form keeps its English with a marker", () => {
    expect(problemInChinese("something nobody wrote yet")).toBe(`${UNTRANSLATED}something nobody wrote yet`);
  });
});

describe("quizToYaml", () => {
  it.each(readdirSync("content/quizzes").filter((name) => name.endsWith(".yaml")))("%s round-trips into a file that passes the content check", (name) => {
    const definition = parse(readFileSync(`content/quizzes/${name}`, "utf8")) as Record<string, unknown>;
    const text = quizToYaml(definition);
    expect(parse(text)).toEqual(definition);
    // The misconceptions, and the sample captures a quiz's capture slots may name.
    const report = checkContent([...loadContentFiles("content").filter((file) => file.path.includes("misconceptions") || file.bytes), { path: `content/quizzes/${name}`, text }]);
    expect(report.problems).toEqual([]);
  });

  it("writes keys in the files' order and leaves empty lists and blank descriptions out", () => {
    const text = quizToYaml({ generated: [{ profile: "linux", count: 2 }], questions: [], settings: {}, description: { zh: "", en: " " }, title: { en: "T", zh: "题" }, id: "x" });
    expect(text).toBe("id: x\ntitle:\n  zh: 题\n  en: T\ngenerated:\n  - count: 2\n    profile: linux\n");
  });
});
