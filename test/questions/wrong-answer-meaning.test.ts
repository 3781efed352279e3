import { describe, expect, it } from "vitest";
import { generateQuestion, questionFromQuiz, type Question } from "@/lib/questions";
import { numberMeaning, wrongAnswerMeaning } from "@/lib/questions/wrong-answer-meaning";
import { testContext } from "./question-context";

const context = testContext();
const quiz = { id: "version:v1", topics: [] };

function fixed(item: Parameters<typeof questionFromQuiz>[1]): Question {
  return questionFromQuiz(quiz, item);
}

const prompt = { zh: "？", en: "?" };

describe("next-state", () => {
  const question = fixed({ id: "q1", type: "next-state", prompt, state: "SYN_RECEIVED", event: "rcv ACK", answer: "ESTABLISHED" });

  it("a state no event reaches from here names where it is reached from, and where the machine goes", () => {
    const listen = fixed({ id: "q0", type: "next-state", prompt, state: "LISTEN", event: "rcv SYN", answer: "SYN_RECEIVED" });
    const meaning = wrongAnswerMeaning(listen, { kind: "choice", choice: "FIN_WAIT_1" }, context);
    expect(meaning.en).toContain("No event takes LISTEN to FIN_WAIT_1");
    expect(meaning.en).toMatch(/FIN_WAIT_1 is reached from \w+ on close \(§3\.10\.4\)/);
    expect(meaning.en).toContain("the machine goes to SYN_RECEIVED (RFC 9293 §3.10.7.2)");
    expect(meaning.zh).toContain("没有任何事件能把 LISTEN 直接带到 FIN_WAIT_1");
  });

  it("a state this one reaches on another event names that event", () => {
    const meaning = wrongAnswerMeaning(question, { kind: "choice", choice: "FIN_WAIT_1" }, context);
    expect(meaning.en).toMatch(/^In SYN_RECEIVED, FIN_WAIT_1 is reached when .*close\(\).* \(RFC 9293 §3\.10\.4\), not on rcv ACK; the machine goes to ESTABLISHED \(RFC 9293 §3\.10\.7\.4\)\.$/);
    const listen = fixed({ id: "q2", type: "next-state", prompt, state: "LISTEN", event: "rcv SYN", answer: "SYN_RECEIVED" });
    const other = wrongAnswerMeaning(listen, { kind: "choice", choice: "SYN_SENT" }, context);
    expect(other.en).toMatch(/^In LISTEN, SYN_SENT is reached when .+ \(RFC 9293 §3\.10\.\d\), not on rcv SYN; the machine goes to SYN_RECEIVED/);
    expect(meaning.en).not.toBe(other.en);
  });

  it("staying put says the event would change nothing", () => {
    expect(wrongAnswerMeaning(question, { kind: "state", state: "syn-rcvd" }, context).en).toMatch(/^Staying in SYN_RECEIVED would mean the event changes nothing/);
  });
});

describe("sends", () => {
  const question = fixed({ id: "q3", type: "sends", prompt, state: "LISTEN", event: "rcv SYN", answer: "SYN+ACK" });

  it("a wrong segment says what the peer (from the simulator's trace) would do with it", () => {
    const meaning = wrongAnswerMeaning(question, { kind: "choice", choice: "ACK" }, context);
    expect(meaning.en).toMatch(/^Sending ACK: the peer, in SYN_SENT, would /);
    expect(meaning.en).toContain("the machine sends SYN+ACK (RFC 9293 §3.10.7.2)");
  });

  it("sending nothing leaves the peer waiting for its retransmission timer", () => {
    const meaning = wrongAnswerMeaning(question, { kind: "choice", choice: "nothing" }, context);
    expect(meaning.en).toContain("the peer would stay in SYN_SENT waiting until its retransmission timer runs out (RFC 9293 §3.8.1)");
  });
});

describe("order of states", () => {
  const question = fixed({ id: "q4", type: "states", prompt, scenario: "close-client-first", side: "client", answer: ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"] });

  it("names the first place the order departs from the trace and the machine's reason there", () => {
    const ids = (states: string[]) => states.map((state) => question.choices!.find((choice) => choice.label.en === state)!.id);
    const meaning = wrongAnswerMeaning(question, { kind: "order", order: ids(["ESTABLISHED", "FIN_WAIT_1", "TIME_WAIT", "FIN_WAIT_2", "CLOSED"]) }, context);
    expect(meaning.en).toMatch(/^The order departs from the trace at the third item: "FIN_WAIT_2" comes there, not "TIME_WAIT"\. At this step the client is in FIN_WAIT_1/);
    expect(meaning.en).toContain("RFC 9293 §");
  });
});

describe("seq and ack numbers", () => {
  it("an ack one short of the SYN does not acknowledge the SYN (§3.4)", () => {
    const meaning = numberMeaning(5000, { field: "ack", isn: 5000, syn: 1, data: 0, fin: 0 });
    expect(meaning.en).toBe("ack=5000 would not acknowledge the SYN: the SYN and the FIN each use one sequence number (RFC 9293 §3.4); it is 5001.");
  });

  it("leaving out the data, or counting the FIN twice, is named", () => {
    expect(numberMeaning(1001, { field: "seq", isn: 1000, syn: 1, data: 100, fin: 0 }).en).toContain("would leave out the 100 bytes of data");
    expect(numberMeaning(1103, { field: "ack", isn: 1000, syn: 1, data: 100, fin: 1 }).en).toContain("counts the SYN or the FIN twice");
  });

  it("an ack past what was sent is SEG.ACK > SND.NXT", () => {
    expect(numberMeaning(2000, { field: "ack", isn: 1000, syn: 1, data: 0, fin: 0 }).en).toContain("999 sequence numbers the peer has not sent (SEG.ACK > SND.NXT)");
  });

  it("wraps at 2^32", () => {
    expect(numberMeaning(4294967295, { field: "ack", isn: 4294967295, syn: 1, data: 0, fin: 0 }).en).toContain("would not acknowledge the SYN");
  });

  it("a generated seq-arith question reads its parts from its parameters", () => {
    const question = generateQuestion("seq-arith", 7, context);
    const answer = question.answer as number;
    const meaning = wrongAnswerMeaning(question, { kind: "number", value: String((answer + 1) >>> 0) }, context);
    expect(meaning.en).toMatch(/twice|has not sent|skip/);
    expect(meaning.en).toContain(String(answer));
  });

  it("a generated segment question explains a wrong ack against the trace", () => {
    const question = [...Array(50).keys()].map((seed) => generateQuestion("segment", seed, context)).find((candidate) => (candidate.answer as { ack: number | null }).ack !== null)!;
    const answer = question.answer as { flags: string; seq: number; ack: number };
    const meaning = wrongAnswerMeaning(question, { kind: "segment", flags: answer.flags, seq: answer.seq, ack: answer.ack + 7 }, context);
    expect(meaning.en).toContain(`ack=${(answer.ack + 7) >>> 0} would acknowledge 7 sequence numbers the peer has not sent`);
  });
});

describe("other kinds", () => {
  it("a plain choice falls back to the checker's feedback", () => {
    const question = fixed({ id: "q5", type: "choice", prompt, choices: [{ zh: "甲", en: "A" }, { zh: "乙", en: "B" }], answer: 0 });
    expect(wrongAnswerMeaning(question, { kind: "choice", choice: "1" }, context).en).toBe('You chose "B"; the answer is "A".');
  });

  it("a wrong match names whose meaning each state was given", () => {
    const question = generateQuestion("match", 3, context);
    const pairs = (question.answer as { pairs: Record<string, string> }).pairs;
    const [first, second] = Object.keys(pairs);
    const swapped = { ...pairs, [first!]: pairs[second!]!, [second!]: pairs[first!]! };
    expect(wrongAnswerMeaning(question, { kind: "match", pairs: swapped }, context).en).toContain(`${first} was given ${second}'s meaning`);
  });
});
