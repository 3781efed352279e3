import { describe, expect, it } from "vitest";
import { accuracyByState, accuracyByTopic, parseTransitionKey, weakestTransitions } from "@/lib/progress/accuracy";
import { answer } from "./builders";

describe("parseTransitionKey", () => {
  it("splits STATE|event and names the state canonically", () => {
    expect(parseTransitionKey("FIN_WAIT_1|rcv FIN")).toEqual({ state: "FIN_WAIT_1", event: "rcv FIN" });
    expect(parseTransitionKey("SYN-RCVD|rcv ACK")).toEqual({ state: "SYN_RECEIVED", event: "rcv ACK" });
  });

  it.each(["", "LISTEN", "|rcv SYN", "LISTEN|"])("rejects %j", (key) => {
    expect(parseTransitionKey(key)).toBeNull();
  });
});

describe("accuracyByState", () => {
  it("takes the from-state of each tested transition, in RFC order", () => {
    const answers = [
      answer(true, ["SYN_SENT|rcv SYN+ACK"]),
      answer(false, ["LISTEN|rcv SYN", "SYN_RECEIVED|rcv ACK"]),
      answer(true, ["LISTEN|rcv SYN"]),
    ];
    expect(accuracyByState(answers)).toEqual([
      { key: "LISTEN", attempts: 2, correct: 1, accuracy: 0.5 },
      { key: "SYN_SENT", attempts: 1, correct: 1, accuracy: 1 },
      { key: "SYN_RECEIVED", attempts: 1, correct: 0, accuracy: 0 },
    ]);
  });

  it("counts an answer once per state even when it tests two events of that state", () => {
    const answers = [answer(false, ["FIN_WAIT_1|rcv FIN", "FIN_WAIT_1|rcv ACK"])];
    expect(accuracyByState(answers)).toEqual([{ key: "FIN_WAIT_1", attempts: 1, correct: 0, accuracy: 0 }]);
  });

  it("ignores malformed keys and answers that test no transition", () => {
    expect(accuracyByState([answer(true, ["nonsense"]), answer(false)])).toEqual([]);
  });
});

describe("accuracyByTopic", () => {
  it("counts an answer under each of its topics, most practised first", () => {
    const answers = [answer(true, [], ["handshake"]), answer(false, [], ["handshake", "close"]), answer(true, [], ["handshake"])];
    expect(accuracyByTopic(answers)).toEqual([
      { key: "handshake", attempts: 3, correct: 2, accuracy: 2 / 3 },
      { key: "close", attempts: 1, correct: 0, accuracy: 0 },
    ]);
  });

  it("is empty with no answers", () => {
    expect(accuracyByTopic([])).toEqual([]);
  });
});

describe("weakestTransitions", () => {
  const answers = [
    answer(false, ["LAST_ACK|rcv ACK"]),
    answer(false, ["LAST_ACK|rcv ACK"]),
    answer(true, ["CLOSING|rcv ACK"]),
    answer(false, ["CLOSING|rcv ACK"]),
    answer(false, ["TIME_WAIT|timeout"]), // only one attempt
    answer(true, ["LISTEN|rcv SYN"]),
    answer(true, ["LISTEN|rcv SYN"]), // always right: not weak
  ];

  it("lists transitions tried at least twice, lowest accuracy first, leaving out perfect ones", () => {
    expect(weakestTransitions(answers).map((entry) => [entry.key, entry.accuracy])).toEqual([
      ["LAST_ACK|rcv ACK", 0],
      ["CLOSING|rcv ACK", 0.5],
    ]);
  });

  it("keeps to the limit", () => {
    expect(weakestTransitions(answers, { limit: 1 })).toHaveLength(1);
  });
});
