import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { quizFileSchema } from "@/lib/content";
import { checkAnswer, planQuiz, questionRefSchema, resolveQuestion, type QuestionContext, type QuestionRef } from "@/lib/questions";
import { testContext } from "./question-context";

const SAMPLE = "sample:handshake-data-close.pcapng";
const REFUSED = "sample:refused-and-reset.pcap";
const bytes = new Uint8Array(readFileSync("content/captures/handshake-data-close.pcapng"));
const context: QuestionContext = {
  ...testContext(),
  captures: new Map([
    [SAMPLE, bytes],
    [REFUSED, new Uint8Array(readFileSync("content/captures/refused-and-reset.pcap"))],
  ]),
};

function quiz(extra: Record<string, unknown>) {
  return quizFileSchema.parse({ id: "capture-test", title: { zh: "抓包", en: "Capture" }, ...extra });
}

const captureRefs = (refs: QuestionRef[]) => refs.filter((ref) => ref.source === "capture");

describe("quizFileSchema: captures", () => {
  it("takes a capture slot alone as a quiz's questions, connection 1 by default", () => {
    expect(quiz({ captures: [{ capture: SAMPLE, count: 3 }] }).captures).toEqual([{ capture: SAMPLE, connection: 1, count: 3 }]);
  });

  it.each([
    [{ capture: "handshake.pcap", count: 1 }, "capture", 'capture must be "sample:<file in content/captures>" or "upload:<id>"'],
    [{ capture: "sample:../etc/passwd.pcap", count: 1 }, "capture", 'capture must be "sample:<file in content/captures>" or "upload:<id>"'],
    [{ capture: SAMPLE, count: 21 }, "count", "count is at most 20"],
    [{ capture: SAMPLE, count: 1, connection: 0 }, "connection", "connections are counted from 1"],
    [{ capture: SAMPLE, count: 1, profile: "bsd" }, "profile", "profile must be one of: rfc9293, linux"],
  ])("refuses %j at %s", (slot, field, message) => {
    const parsed = quizFileSchema.safeParse({ id: "q", title: { zh: "题", en: "Q" }, captures: [slot] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.find((issue) => issue.path.join(".") === `captures.0.${field}`)?.message).toBe(message);
  });

  it("counts capture questions in the quiz's total", () => {
    const parsed = quizFileSchema.safeParse({
      id: "q",
      title: { zh: "题", en: "Q" },
      generated: [{ count: 40 }, { count: 40 }],
      captures: [{ capture: SAMPLE, count: 20 }, { capture: SAMPLE, count: 1 }],
    });
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(["a quiz holds at most 100 questions, fixed, generated and from captures together"]);
  });
});

describe("resolveQuestion: a capture ref", () => {
  const ref: QuestionRef = { source: "capture", capture: SAMPLE, connection: 1, seed: 7 };

  it("is a capture question about the connection, checked like any other", () => {
    expect(questionRefSchema.parse(ref)).toEqual(ref);
    const question = resolveQuestion(ref, context, [])!;
    expect(question.kind).toBe("capture");
    expect(question.profile).toBe("linux");
    expect(question.prompt.en).toContain("sample handshake-data-close.pcapng, connection 1");
    const response = question.input === "number" ? { kind: "number" as const, value: question.answer as number } : { kind: "choice" as const, choice: question.answer as string };
    expect(checkAnswer(question, response, context).correct).toBe(true);
  });

  it("regenerates the same question from the same ref", () => {
    expect(resolveQuestion(ref, context, [])).toEqual(resolveQuestion(ref, context, []));
  });

  it("is null when the context lacks the capture or the capture lacks the connection", () => {
    expect(resolveQuestion(ref, testContext(), [])).toBeNull();
    expect(resolveQuestion({ ...ref, connection: 2 }, context, [])).toBeNull();
  });

  it("is null for bytes that do not read", () => {
    const broken: QuestionContext = { ...context, captures: new Map([[SAMPLE, bytes.subarray(0, 30)]]) };
    expect(resolveQuestion(ref, broken, [])).toBeNull();
  });
});

describe("planQuiz: a capture slot", () => {
  it("fills the slot with distinct questions after the generated ones, under capture refs", () => {
    const plan = planQuiz(quiz({ generated: [{ kinds: ["next-state"], count: 2 }], captures: [{ capture: SAMPLE, count: 4 }] }), "version:x", 11, context);
    expect(plan.shortfalls).toEqual([]);
    expect(plan.refs.slice(0, 2).every((ref) => ref.source === "generated")).toBe(true);
    const refs = captureRefs(plan.refs);
    expect(refs).toHaveLength(4);
    const prompts = refs.map((ref) => resolveQuestion(ref, context, [])!.prompt.en);
    expect(new Set(prompts).size).toBe(4);
  });

  it("keeps a quiz without captures planned exactly as before", () => {
    const before = planQuiz(quiz({ generated: [{ count: 5 }] }), "q", 3, context);
    const after = planQuiz(quiz({ generated: [{ count: 5 }], captures: [] }), "q", 3, context);
    expect(after).toEqual(before);
  });

  it("names the profile in the ref only when it is not linux", () => {
    const plan = planQuiz(quiz({ captures: [{ capture: SAMPLE, count: 1, profile: "rfc9293" }] }), "q", 5, context);
    expect(plan.refs[0]).toMatchObject({ source: "capture", profile: "rfc9293" });
    expect(resolveQuestion(plan.refs[0]!, context, [])!.profile).toBe("rfc9293");
  });

  it("reports a shortfall when the connection offers fewer questions, and when the capture is missing", () => {
    // Connection 1 of this sample is a SYN answered by RST: little to ask.
    const plan = planQuiz(quiz({ captures: [{ capture: REFUSED, count: 20 }, { capture: "upload:gone", count: 2 }] }), "q", 5, context);
    const got = captureRefs(plan.refs).length;
    expect(got).toBeLessThan(20);
    expect(got).toBeGreaterThan(0);
    expect(plan.shortfalls).toEqual([
      { field: "captures", slot: 0, wanted: 20, got },
      { field: "captures", slot: 1, wanted: 2, got: 0 },
    ]);
  });
});
