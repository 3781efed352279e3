import type { BilingualText } from "../content";
import { machineSteps, peerOf, runScenario, SCENARIO_NAMES, sentSegments, type Segment, type Side, type Trace } from "../sim";
import { parseFlags, PROFILES, seqAdd, seqDiff, TCP_EVENTS, TCP_STATES, transition, type Machine, type Outcome, type TcpEvent, type TcpState, type TransitionContext } from "../tcp";
import { checkAnswer, parseStateAnswer, type LearnerResponse } from "./check-answer";
import type { QuestionContext } from "./context";
import { explainStep } from "./explain";
import { eventPhrase, ordinal, SIDE_NAMES } from "./phrases";
import type { MatchAnswer, Question, SegmentAnswer } from "./question";

/*
 * What a wrong answer would mean on the machine, for an instructor reading a
 * class's mistakes: the transition the answer would be (or that no event
 * makes it), what the peer would do with the segment it names, where an order
 * departs from the simulator's trace, what a wrong seq or ack would
 * acknowledge. Everything is read from the transition table and the
 * simulator; sections cited as explain.ts cites them.
 */

const both = (zh: string, en: string): BilingualText => ({ zh, en });

/** A bilingual sentence saying what `response` would mean on the machine that answers `question`. */
export function wrongAnswerMeaning(question: Question, response: LearnerResponse, context: QuestionContext): BilingualText {
  const machine = PROFILES[question.profile].machine;
  if ((question.kind === "next-state" || question.kind === "sends") && hasPremise(question.params)) {
    const premise = question.params;
    const outcome = transition(premise.state, premise.event, premise.context ?? {}, machine);
    if (question.kind === "next-state") {
      const given = givenState(response, context);
      if (given) return nextStateMeaning(outcome, given, machine, premise.context ?? {});
    } else {
      const given = givenFlags(response);
      if (given !== undefined) return sendsMeaning(outcome, given, machine);
    }
  }
  if (question.input === "order" && response.kind === "order" && question.trace) return orderMeaning(question, response.order);
  if (question.input === "segment" && response.kind === "segment") return segmentMeaning(question, response);
  if (question.kind === "seq-arith" && response.kind === "number") return seqArithMeaning(question, response.value);
  if (question.input === "match" && response.kind === "match") return matchMeaning(question, response.pairs, context);
  return checkAnswer(question, response, context).feedback;
}

interface Premise {
  state: TcpState;
  event: TcpEvent;
  context?: TransitionContext;
}

function hasPremise(params: Record<string, unknown>): params is Record<string, unknown> & Premise {
  return (TCP_STATES as readonly unknown[]).includes(params.state) && (TCP_EVENTS as readonly unknown[]).includes(params.event);
}

function givenState(response: LearnerResponse, context: QuestionContext): TcpState | null {
  if (response.kind === "choice") return parseStateAnswer(response.choice, context);
  if (response.kind === "state") return parseStateAnswer(response.state, context);
  return null;
}

/** The flags named, "nothing" as null; undefined when the answer names no flags. */
function givenFlags(response: LearnerResponse): string | null | undefined {
  const text = response.kind === "choice" ? response.choice : response.kind === "flags" ? response.flags : undefined;
  if (text === undefined) return undefined;
  if (text.trim().toLowerCase() === "nothing") return null;
  return parseFlags(text) ?? undefined;
}

function rfcOf(outcome: Outcome): string {
  return outcome.kernel ? `RFC 9293 §${outcome.rfc}; Linux ${outcome.kernel}` : `RFC 9293 §${outcome.rfc}`;
}

function allRows(machine: Machine): Outcome[] {
  return TCP_STATES.flatMap((state) => TCP_EVENTS.map((event) => transition(state, event, {}, machine)));
}

/** next-state: the event that would take the state to the given one, or that none does, and where the machine goes. */
export function nextStateMeaning(outcome: Outcome, given: TcpState, machine: Machine, context: TransitionContext = {}): BilingualText {
  const event = eventPhrase(outcome.event, outcome.from, context);
  const actual = both(`机器实际进入 ${outcome.to}（${rfcOf(outcome)}）`, `the machine goes to ${outcome.to} (${rfcOf(outcome)})`);
  if (given === outcome.to) return both(`${given} 正是机器的答案。`, `${given} is the machine's answer.`);
  if (given === outcome.from) {
    return both(
      `停留在 ${given} 意味着这个事件什么都不改变；但在 ${outcome.from} 中${event.zh}时，${actual.zh}。`,
      `Staying in ${given} would mean the event changes nothing; but when ${event.en} in ${outcome.from}, ${actual.en}.`,
    );
  }
  const rows = allRows(machine).filter((row) => row.to === given && row.from !== given);
  const fromHere = rows.filter((row) => row.from === outcome.from);
  if (fromHere.length > 0) {
    const other = fromHere[0]!;
    return both(
      `在 ${outcome.from} 中，${given} 是由「${eventPhrase(other.event, other.from).zh}」到达的（${rfcOf(other)}），不是这个事件；${actual.zh}。`,
      `In ${outcome.from}, ${given} is reached when ${eventPhrase(other.event, other.from).en} (${rfcOf(other)}), not on ${outcome.event}; ${actual.en}.`,
    );
  }
  const ways = rows.slice(0, 2);
  const waysZh = ways.map((row) => `由 ${row.from} 在 ${row.event} 时到达（§${row.rfc}）`).join("，或");
  const waysEn = ways.map((row) => `from ${row.from} on ${row.event} (§${row.rfc})`).join(", or ");
  return both(
    `没有任何事件能把 ${outcome.from} 直接带到 ${given}${ways.length ? `；${given} ${waysZh}` : ""}。${actual.zh}。`,
    `No event takes ${outcome.from} to ${given}${ways.length ? `; ${given} is reached ${waysEn}` : ""}. On ${outcome.event} ${actual.en}.`,
  );
}

/** The event a received segment with these flags is, as the peer's table names it (RFC 9293 §3.10.7). */
function arrivalEvent(flags: string, peerState: TcpState): TcpEvent | null {
  if (flags.startsWith("RST")) return "rcv RST";
  if (flags === "SYN") return "rcv SYN";
  if (flags === "SYN+ACK") return "rcv SYN+ACK";
  if (flags === "ACK") return "rcv ACK";
  if (flags.includes("FIN")) return peerState === "FIN_WAIT_1" || peerState === "CLOSING" || peerState === "LAST_ACK" ? "rcv FIN+ACK" : "rcv FIN";
  return null;
}

let scenarioTraces: Trace[] | undefined;

/** The peer's state when `side`'s machine takes (state, event) in a named scenario, from the simulator. */
function peerStateAt(state: TcpState, event: TcpEvent): TcpState | null {
  scenarioTraces ??= SCENARIO_NAMES.flatMap((name) => {
    try {
      return [runScenario(name)];
    } catch {
      return [];
    }
  });
  for (const trace of scenarioTraces) {
    const step = machineSteps(trace).find((candidate) => candidate.from === state && candidate.event === event);
    if (step) {
      const recorded = trace.steps[step.index]!;
      const peer: Side = peerOf(step.side);
      return recorded[peer];
    }
  }
  return null;
}

/** sends: what the peer would do with the segment the answer names. */
export function sendsMeaning(outcome: Outcome, given: string | null, machine: Machine): BilingualText {
  const sent = outcome.sends ?? "nothing";
  const actual = both(`机器发送 ${outcome.sends ?? "（什么都不发）"}（${rfcOf(outcome)}）`, `the machine sends ${sent} (${rfcOf(outcome)})`);
  const peer = peerStateAt(outcome.from, outcome.event);
  if (given === null) {
    const waits = peer
      ? both(`对端停在 ${peer} 等待，直到它的重传定时器到期（RFC 9293 §3.8.1）`, `the peer would stay in ${peer} waiting until its retransmission timer runs out (RFC 9293 §3.8.1)`)
      : both("对端收不到任何回应", "the peer would get no answer");
    return both(`什么都不发：${waits.zh}；${actual.zh}。`, `Sending nothing: ${waits.en}; ${actual.en}.`);
  }
  const event = peer ? arrivalEvent(given, peer) : null;
  if (peer && event) {
    const reaction = transition(peer, event, {}, machine);
    const move = reaction.to === peer ? both(`仍停留在 ${peer}`, `stay in ${peer}`) : both(`从 ${peer} 进入 ${reaction.to}`, `go from ${peer} to ${reaction.to}`);
    const reply = reaction.sends ? both(`并回应 ${reaction.sends}`, ` and answer ${reaction.sends}`) : both("", "");
    return both(
      `发送 ${given}：处于 ${peer} 的对端会${move.zh}${reply.zh}（${rfcOf(reaction)}）；${actual.zh}。`,
      `Sending ${given}: the peer, in ${peer}, would ${move.en}${reply.en} (${rfcOf(reaction)}); ${actual.en}.`,
    );
  }
  return both(`发送 ${given} 不是这个事件的规则；${actual.zh}。`, `Sending ${given} is not this event's rule; ${actual.en}.`);
}

function traceOfQuestion(question: Question): Trace {
  const trace = question.trace!;
  return runScenario(trace.scenario, { lose: trace.lose, isn: trace.isn, ...(trace.delay ? { delay: trace.delay } : {}), ...(trace.profile ? { profile: trace.profile } : {}) });
}

function labelOf(question: Question, id: string | undefined): BilingualText {
  if (id === undefined) return both("（空）", "(nothing)");
  return question.choices?.find((choice) => choice.id === id)?.label ?? both(id, id);
}

/** order/states: the first place the order departs from the scenario's trace, and the machine's reason for what comes there. */
export function orderMeaning(question: Question, given: string[]): BilingualText {
  const answer = question.answer as string[];
  const text = (id: string | undefined) => (id === undefined ? undefined : labelOf(question, id).en);
  const at = answer.findIndex((id, index) => text(given[index]) !== text(id));
  if (at === -1) return both("顺序与机器的轨迹一致。", "The order matches the machine's trace.");
  const expected = labelOf(question, answer[at]);
  const wrong = labelOf(question, given[at]);
  const trace = traceOfQuestion(question);
  const position = ordinal(at + 1);
  const head = both(
    `顺序在${position.zh}处偏离了轨迹：这里应是「${expected.zh}」，而不是「${wrong.zh}」`,
    `The order departs from the trace at the ${position.en} item: "${expected.en}" comes there, not "${wrong.en}"`,
  );
  const profile = trace.profile;
  if (question.params.what === "states") {
    const side = question.params.side as Side;
    const before = answer[at - 1] ? (labelOf(question, answer[at - 1]).en as TcpState) : null;
    const step = before ? machineSteps(trace).find((candidate) => candidate.side === side && candidate.from === before && candidate.to === (expected.en as TcpState)) : undefined;
    const reason = step ? explainStep(trace, step.index, profile) : null;
    return reason ? both(`${head.zh}。${reason.zh}`, `${head.en}. ${reason.en}`) : both(`${head.zh}。`, `${head.en}.`);
  }
  const n = Number(String(answer[at]).replace(/^s/, ""));
  const index = trace.steps.findIndex((step) => step.segment?.n === n);
  const reason = index >= 0 ? explainStep(trace, index, profile) : null;
  return reason ? both(`${head.zh}。${reason.zh}`, `${head.en}. ${reason.en}`) : both(`${head.zh}。`, `${head.en}.`);
}

/** The sequence numbers a seq or ack counts from its ISN: the SYN, data, the FIN. */
interface NumberParts {
  field: "seq" | "ack";
  isn: number;
  syn: number;
  data: number;
  fin: number;
}

const SEQ_RULE = "RFC 9293 §3.4";

/**
 * What a wrong seq or ack would say: which of the SYN, the data or the FIN it
 * leaves out or counts twice (each SYN and FIN takes one sequence number,
 * §3.4), or how far past what was sent it points.
 */
export function numberMeaning(given: number | null, parts: NumberParts): BilingualText {
  const expected = seqAdd(parts.isn, parts.syn + parts.data + parts.fin);
  const name = parts.field;
  if (given === null || !Number.isInteger(given)) return both(`${name} 应为 ${expected}。`, `${name} is ${expected}.`);
  const pieces: { key: "syn" | "data" | "fin"; zh: string; en: string; size: number }[] = [
    { key: "syn", zh: "SYN", en: "the SYN", size: parts.syn },
    { key: "data", zh: `${parts.data} 字节数据`, en: `the ${parts.data} bytes of data`, size: parts.data },
    { key: "fin", zh: "FIN", en: "the FIN", size: parts.fin },
  ];
  const present = pieces.filter((piece) => piece.size > 0);
  // Every way of leaving pieces out or counting one twice, matched against the answer.
  for (let mask = 1; mask < 1 << present.length; mask++) {
    const left = present.filter((_, i) => mask & (1 << i));
    const missing = left.reduce((sum, piece) => sum + piece.size, 0);
    const names = both(left.map((piece) => piece.zh).join("、"), left.map((piece) => piece.en).join(" and "));
    if (given === seqAdd(expected, -missing) >>> 0) {
      const verb = name === "ack" ? both("没有确认", "would not acknowledge") : both("没有算上", "would leave out");
      const one = left.some((piece) => piece.key !== "data") ? both("SYN 和 FIN 各占一个序列号", "the SYN and the FIN each use one sequence number") : both("数据按字节占序列号", "data uses one sequence number per byte");
      return both(`${name}=${given} ${verb.zh}${names.zh}：${one.zh}（${SEQ_RULE}）；应为 ${expected}。`, `${name}=${given} ${verb.en} ${names.en}: ${one.en} (${SEQ_RULE}); it is ${expected}.`);
    }
    if (given === seqAdd(expected, missing) >>> 0 && left.length === 1 && left[0]!.key !== "data") {
      // One too many: with both a SYN and a FIN counted, either may be the one counted twice.
      const twice = parts.syn > 0 && parts.fin > 0 ? both("SYN 或 FIN", "the SYN or the FIN") : names;
      return both(
        `${name}=${given} 把${twice.zh}多算了一次（${SEQ_RULE}）；应为 ${expected}。`,
        `${name}=${given} counts ${twice.en} twice (${SEQ_RULE}); it is ${expected}.`,
      );
    }
  }
  const ahead = seqDiff(given, expected);
  if (ahead > 0) {
    return name === "ack"
      ? both(
          `ack=${given} 确认了对端还没发送的 ${ahead} 个序列号（SEG.ACK > SND.NXT）：对端会回一个 ACK 并丢弃这个报文段（RFC 9293 §3.10.7.4）；应为 ${expected}。`,
          `ack=${given} would acknowledge ${ahead} sequence numbers the peer has not sent (SEG.ACK > SND.NXT): the peer answers with an ACK and drops the segment (RFC 9293 §3.10.7.4); it is ${expected}.`,
        )
      : both(
          `seq=${given} 跳过了 ${ahead} 个序列号：对端看到一个空缺，会暂存这个报文段并再次确认 ${expected}（RFC 9293 §3.10.7.4）。`,
          `seq=${given} would skip ${ahead} sequence numbers: the peer sees a gap, holds the segment and acknowledges ${expected} again (RFC 9293 §3.10.7.4).`,
        );
  }
  return name === "ack"
    ? both(
        `ack=${given} 只确认到 ${given} 之前，少确认了 ${-ahead} 个已收到的序列号：对端会在重传定时器到期后重传它们（RFC 9293 §3.8.1）；应为 ${expected}。`,
        `ack=${given} acknowledges only up to ${given}, ${-ahead} sequence numbers short of what arrived: the peer would retransmit them when its timer runs out (RFC 9293 §3.8.1); it is ${expected}.`,
      )
    : both(
        `seq=${given} 重复使用了已占用的 ${-ahead} 个序列号：对端会把它当作重复的旧数据，只回一个 ACK（RFC 9293 §3.10.7.4）；应为 ${expected}。`,
        `seq=${given} would reuse ${-ahead} sequence numbers already taken: the peer takes it for an old duplicate and only answers with an ACK (RFC 9293 §3.10.7.4); it is ${expected}.`,
      );
}

function toNumber(value: string | number | null): number | null {
  if (value === null) return null;
  const text = String(value).trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** The parts of `value` counted from `side`'s ISN in a trace: its SYN and its FIN, when sent before and covered. */
function partsIn(segments: Segment[], side: Side, isn: number, value: number, field: "seq" | "ack", before: number): NumberParts {
  const own = segments.filter((segment) => segment.from === side && segment.n < before);
  const syn = own.some((segment) => segment.flags.startsWith("SYN")) && seqDiff(value, isn) >= 1 ? 1 : 0;
  const finSegment = own.find((segment) => segment.flags.includes("FIN"));
  const fin = finSegment && seqDiff(value, seqAdd(finSegment.seq, finSegment.len)) >= 1 ? 1 : 0;
  return { field, isn, syn, fin, data: Math.max(0, seqDiff(value, isn) - syn - fin) };
}

/** segment: the flags' meaning, then what the wrong seq or ack would acknowledge. */
export function segmentMeaning(question: Question, response: Extract<LearnerResponse, { kind: "segment" }>): BilingualText {
  const answer = question.answer as SegmentAnswer;
  const out: BilingualText[] = [];
  const flags = parseFlags(response.flags);
  if (flags !== answer.flags) {
    out.push(both(`标志 ${response.flags || "（空）"} 不对，应为 ${answer.flags}`, `the flags ${response.flags || "(none)"} are not ${answer.flags}`));
  }
  if (question.trace) {
    const trace = traceOfQuestion(question);
    const segments = sentSegments(trace);
    const n = Number(question.params.index);
    const segment = segments.find((candidate) => candidate.n === n);
    if (segment) {
      const seq = toNumber(response.seq);
      if (seq !== answer.seq) out.push(numberMeaning(seq, partsIn(segments, segment.from, trace.isn[segment.from], answer.seq, "seq", n)));
      const ack = toNumber(response.ack);
      if (answer.ack !== null && ack !== answer.ack) {
        const peer = peerOf(segment.from);
        out.push(numberMeaning(ack, partsIn(segments, peer, trace.isn[peer], answer.ack, "ack", n)));
      } else if (answer.ack === null && ack !== null) {
        out.push(both("这个报文段的 ACK 位为 0，没有 ack（RFC 9293 §3.10.7.1）", "this segment's ACK bit is off: it carries no ack (RFC 9293 §3.10.7.1)"));
      }
    }
  }
  if (out.length === 0) return both("这个报文段与机器的一致。", "The segment matches the machine's.");
  return both(out.map((part) => part.zh.replace(/。$/, "")).join("；") + "。", out.map((part) => part.en.replace(/\.$/, "")).join("; ") + ".");
}

/** seq-arith: which part of the count the number leaves out or adds. */
export function seqArithMeaning(question: Question, value: string | number): BilingualText {
  const params = question.params as { isn: { client: number; server: number }; clientBytes: number; serverBytes: number; target: string };
  const parts: Record<string, NumberParts> = {
    "client-fin-seq": { field: "seq", isn: params.isn.client, syn: 1, data: params.clientBytes, fin: 0 },
    "server-fin-seq": { field: "seq", isn: params.isn.server, syn: 1, data: params.serverBytes, fin: 0 },
    "server-ack-of-fin": { field: "ack", isn: params.isn.client, syn: 1, data: params.clientBytes, fin: 1 },
    "client-last-ack": { field: "ack", isn: params.isn.server, syn: 1, data: params.serverBytes, fin: 1 },
  };
  const chosen = parts[params.target];
  if (!chosen) return both(`应为 ${String(question.answer)}。`, `It is ${String(question.answer)}.`);
  return numberMeaning(toNumber(value), chosen);
}

/** match: the state each wrong pair would describe instead. */
export function matchMeaning(question: Question, pairs: Record<string, string>, context: QuestionContext): BilingualText {
  const answer = (question.answer as MatchAnswer).pairs;
  const byTarget = new Map(Object.entries(answer).map(([state, target]) => [target, state]));
  const wrong = Object.entries(answer).filter(([state, target]) => pairs[state] !== target);
  const lines = wrong.map(([state]) => {
    const other = pairs[state] ? byTarget.get(pairs[state]!) : undefined;
    const meaning = context.states.find((info) => info.state === state)?.meaning;
    if (!other) return both(`${state} 没有配对`, `${state} was left unmatched`);
    return both(
      `把 ${state} 配成了 ${other} 的含义${meaning ? `；${state} 是：${meaning.zh}` : ""}`,
      `${state} was given ${other}'s meaning${meaning ? `; ${state} is where ${meaning.en.charAt(0).toLowerCase()}${meaning.en.slice(1)}` : ""}`,
    );
  });
  if (lines.length === 0) return both("配对全部正确。", "Every pair is right.");
  return both(lines.map((line) => line.zh).join("；") + "。", lines.map((line) => line.en).join("; ") + ".");
}

