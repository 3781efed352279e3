import { describe, expect, it } from "vitest";
import { replayCapture } from "../../lib/capture/replay-capture";
import type { Capture, CapturedSegment } from "../../lib/capture/types";
import { checkAnswer } from "../../lib/questions/check-answer";
import { captureCandidates, captureQuestion, captureQuestions } from "../../lib/questions/generators/capture-questions";

/*
 * Questions from a replayed capture take their answers from the replay: the
 * state after a segment, the ACK that acknowledges it, and the state a loss
 * would have left. Each is checked by the same checkAnswer as every question.
 */

function capture(): Capture {
  const specs: [string, string, number, number, number][] = [
    ["c", "SYN", 0, 0, 0],
    ["s", "SYN+ACK", 0, 1, 0],
    ["c", "ACK", 1, 1, 0],
    ["c", "PSH+ACK", 1, 1, 12],
    ["s", "ACK", 1, 13, 0],
    ["c", "FIN+ACK", 13, 1, 0],
    ["s", "FIN+ACK", 1, 14, 0],
    ["c", "ACK", 14, 2, 0],
  ];
  const segments: CapturedSegment[] = specs.map(([from, flags, seq, ack, len], index) => ({
    frame: index + 1,
    offset: 0,
    time: 1_700_000_000 + index * 0.01,
    interfaceId: 0,
    ipVersion: 4,
    src: from === "c" ? "192.0.2.1" : "192.0.2.2",
    dst: from === "c" ? "192.0.2.2" : "192.0.2.1",
    srcPort: from === "c" ? 50000 : 443,
    dstPort: from === "c" ? 443 : 50000,
    seq: (from === "c" ? 100 : 9000) + seq,
    ack: (from === "c" ? 9000 : 100) + ack,
    flags,
    otherFlags: [],
    window: 1000,
    options: [],
    payloadLength: len,
    ipId: index,
  }));
  return { format: "pcap", byteOrder: "little", precision: "us", linkTypes: ["raw"], frames: 8, segments, skipped: [] };
}

const context = { states: [], whyCards: [] };
const source = { zh: "测试抓包", en: "a test capture" };
const connection = replayCapture(capture()).connections[0]!;

describe("questions from a replayed capture", () => {
  it("offers each kind where the replay can answer it, with the machine's answers", () => {
    const candidates = captureCandidates(connection);
    const find = (type: string, n: number) => candidates.find((c) => c.type === type && c.segment.n === n);
    expect(find("state-after", 1)).toMatchObject({ side: "server", answer: "SYN_RECEIVED" });
    expect(find("state-after", 6)).toMatchObject({ side: "server", answer: "CLOSE_WAIT" });
    expect(find("state-after", 7)).toMatchObject({ side: "client", answer: "TIME_WAIT" });
    expect(find("next-ack", 4)).toMatchObject({ answer: 13 });
    expect(find("next-ack", 6)).toMatchObject({ answer: 14 });
    // A bare ACK takes no sequence space: nothing to acknowledge.
    expect(find("next-ack", 3)).toBeUndefined();
    // The server's FIN+ACK acknowledged the client's FIN too: without it the client would still be in FIN_WAIT_1.
    expect(find("if-lost", 7)).toMatchObject({ side: "client", answer: "FIN_WAIT_1" });
  });

  it("is a pure function of its seed, and the right answer is the only one marked right", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const question = captureQuestion(connection, seed, source, "linux", `capture-${seed}`)!;
      expect(captureQuestion(connection, seed, source, "linux", `capture-${seed}`)).toEqual(question);
      expect(question.prompt.zh).toContain("测试抓包");
      expect(question.prompt.en).toContain("a test capture");
      if (question.input === "number") {
        expect(checkAnswer(question, { kind: "number", value: question.answer as number }, context).correct).toBe(true);
        expect(checkAnswer(question, { kind: "number", value: (question.answer as number) - 1 }, context).correct).toBe(false);
      } else {
        expect(question.choices!.map((c) => c.id)).toContain(question.answer);
        for (const choice of question.choices!) {
          expect(checkAnswer(question, { kind: "choice", choice: choice.id }, context).correct).toBe(choice.id === question.answer);
        }
      }
      expect(question.explanation.en.length).toBeGreaterThan(20);
      expect(question.explanation.zh.length).toBeGreaterThan(10);
    }
  });

  it("draws distinct questions for a quiz", () => {
    const questions = captureQuestions(connection, 7, 5, source, "linux", "cap");
    expect(questions).toHaveLength(5);
    expect(new Set(questions.map((q) => q.prompt.en)).size).toBe(5);
  });
});
