import type { BilingualText } from "../../content";
import type { ConnectionReplay, ReplayedSegment } from "../../capture/replay-connection";
import type { Side, TraceStep } from "../../sim";
import { hasFlag, seqAdd, type ProfileName, type TcpState } from "../../tcp";
import { stepNote } from "../../learn/step-note";
import { stateDistractors } from "../distractors";
import { explainStep, joinParagraphs } from "../explain";
import { SIDE_NAMES } from "../phrases";
import type { Question } from "../question";
import { Random } from "../random";

/*
 * Questions drawn from a replayed capture: the learner's own traffic. Every
 * answer is read off the replay, so the profile's machine gives it:
 * - `state-after`: the state a side is in right after segment n;
 * - `next-ack`: the acknowledgment number that acknowledges segment n;
 * - `if-lost`: the state the receiver would have stayed in had segment n been lost.
 */
export const CAPTURE_QUESTION_TYPES = ["state-after", "next-ack", "if-lost"] as const;
export type CaptureQuestionType = (typeof CAPTURE_QUESTION_TYPES)[number];

interface Candidate {
  type: CaptureQuestionType;
  segment: ReplayedSegment;
  side: Side;
  /** The step of the trace the answer is read after. */
  step: number;
  answer: TcpState | number;
  /** For `if-lost`: the state the side would have kept. */
  before?: TcpState;
}

function peer(side: Side): Side {
  return side === "client" ? "server" : "client";
}

function stateBefore(replay: ConnectionReplay, index: number, side: Side): TcpState {
  const previous = replay.trace.steps[index - 1];
  return previous ? previous[side] : replay.trace.initial[side];
}

/** The step where segment n was received, or -1 (lost, a duplicate, or never processed). */
function receivedAt(replay: ConnectionReplay, n: number): number {
  return replay.trace.steps.findIndex((step) => step.received === n);
}

/** Every question this connection can pose, in segment order. */
export function captureCandidates(replay: ConnectionReplay): Candidate[] {
  const candidates: Candidate[] = [];
  const steps = replay.trace.steps;
  for (const segment of replay.segments) {
    const at = receivedAt(replay, segment.n);
    if (at < 0) continue;
    const receiver = peer(segment.from);
    const step: TraceStep = steps[at]!;
    candidates.push({ type: "state-after", segment, side: receiver, step: at, answer: step[receiver] });
    const space = segment.len + (hasFlag(segment.flags, "SYN") ? 1 : 0) + (hasFlag(segment.flags, "FIN") ? 1 : 0);
    const answeringAck = steps.slice(at).find((later) => later.segment && later.segment.from === receiver && later.segment.ack !== null)?.segment;
    const expected = seqAdd(segment.seq, space);
    // Only where the receiver's next acknowledgment is exactly this segment's end: in order, nothing else in between.
    if (space > 0 && answeringAck && answeringAck.ack === expected && !hasFlag(segment.flags, "RST")) {
      candidates.push({ type: "next-ack", segment, side: receiver, step: at, answer: expected });
    }
    const before = stateBefore(replay, at, receiver);
    if (before !== step[receiver]) candidates.push({ type: "if-lost", segment, side: receiver, step: at, answer: before, before });
  }
  return candidates;
}

function describe(segment: ReplayedSegment): string {
  const ack = segment.ack === null ? "" : ` ack=${segment.ack}`;
  const len = segment.len > 0 ? ` len=${segment.len}` : "";
  return `#${segment.n} ${segment.flags} seq=${segment.seq}${ack}${len}`;
}

/**
 * One question about a replayed connection, a pure function of the replay
 * and the seed. `source` names the capture in the prompt ("sample
 * handshake-data-close.pcapng, connection 1"). Null when the connection
 * offers nothing to ask (a lone SYN that nobody received).
 */
export function captureQuestion(replay: ConnectionReplay, seed: number, source: BilingualText, profile: ProfileName, id: string): Question | null {
  const candidates = captureCandidates(replay);
  if (candidates.length === 0) return null;
  const random = new Random(seed);
  const types = CAPTURE_QUESTION_TYPES.filter((type) => candidates.some((candidate) => candidate.type === type));
  const type = random.pick(types);
  const chosen = random.pick(candidates.filter((candidate) => candidate.type === type));
  const side = SIDE_NAMES[chosen.side];
  const from = SIDE_NAMES[chosen.segment.from];
  const what = describe(chosen.segment);
  const heading = {
    zh: `抓包（${source.zh}）按 ${profile} 配置回放。第 ${chosen.segment.n} 个报文段是${from.zh}发出的 ${what}（相对序号）。`,
    en: `A capture (${source.en}) replayed with the ${profile} profile. Segment ${chosen.segment.n} is ${what} from ${from.en} (relative numbers).`,
  };
  // The machine's reason where its table decided the step; else the replay's own note on it.
  const reason = explainStep(replay.trace, chosen.step, profile) ?? {
    zh: stepNote(replay.trace, chosen.step, "zh"),
    en: stepNote(replay.trace, chosen.step, "en"),
  };
  const base = {
    seed,
    profile,
    params: { type, n: chosen.segment.n, side: chosen.side },
    tests: [`capture:${type}`],
    topics: ["capture", "states"],
  };
  if (chosen.type === "next-ack") {
    const answer = chosen.answer as number;
    const space = answer - chosen.segment.seq;
    return {
      ...base,
      id,
      kind: "capture",
      prompt: { zh: `${heading.zh}${side.zh}确认它时，ACK 号是多少？`, en: `${heading.en} When ${side.en} acknowledges it, what is the acknowledgment number?` },
      input: "number",
      choices: null,
      answer,
      explanation: {
        zh: `ACK 号是期望收到的下一个序号：${chosen.segment.seq} + ${space}（${chosen.segment.len} 字节数据${hasFlag(chosen.segment.flags, "SYN") ? "，SYN 占 1 个序号" : ""}${hasFlag(chosen.segment.flags, "FIN") ? "，FIN 占 1 个序号" : ""}）= ${answer}（RFC 9293 3.4）。抓包中${side.zh}随后发出的确认正是 ack=${answer}。`,
        en: `The acknowledgment number is the next sequence number expected: ${chosen.segment.seq} + ${space} (${chosen.segment.len} bytes of data${hasFlag(chosen.segment.flags, "SYN") ? ", one for the SYN" : ""}${hasFlag(chosen.segment.flags, "FIN") ? ", one for the FIN" : ""}) = ${answer} (RFC 9293 3.4). The capture's next acknowledgment from ${side.en} is indeed ack=${answer}.`,
      },
    };
  }
  const answer = chosen.answer as TcpState;
  const after = replay.trace.steps[chosen.step]![chosen.side];
  const options = random.shuffle([answer, ...stateDistractors(answer, chosen.type === "if-lost" ? after : stateBefore(replay, chosen.step, chosen.side), random)]);
  const prompt =
    chosen.type === "state-after"
      ? { zh: `${heading.zh}${side.zh}收到它之后处于哪个状态？`, en: `${heading.en} Which state is ${side.en} in right after receiving it?` }
      : {
          zh: `${heading.zh}它让${side.zh}进入了 ${after}。如果它在网络中丢失，${side.zh}此时会处于哪个状态？`,
          en: `${heading.en} It took ${side.en} to ${after}. Had it been lost in the network, which state would ${side.en} be in at that moment?`,
        };
  const lostWhy =
    chosen.type === "if-lost"
      ? {
          zh: `丢失的报文段不会被接收方处理，所以${side.zh}停留在 ${answer}；发送方在重传定时器到期后重发它（RFC 9293 3.8.1），到那时${side.zh}才会进入 ${after}。`,
          en: `A lost segment is never processed by its receiver, so ${side.en} stays in ${answer}; the sender sends it again when its retransmission timer runs out (RFC 9293 3.8.1), and only then does ${side.en} move to ${after}.`,
        }
      : null;
  return {
    ...base,
    id,
    kind: "capture",
    prompt,
    input: "choice",
    choices: options.map((state) => ({ id: state, label: { zh: state, en: state } })),
    answer,
    explanation: joinParagraphs(lostWhy, reason),
  };
}

/** `count` distinct questions about one connection, each with its own seed drawn from `seed`. */
export function captureQuestions(replay: ConnectionReplay, seed: number, count: number, source: BilingualText, profile: ProfileName, idPrefix: string): Question[] {
  const random = new Random(seed);
  const questions: Question[] = [];
  const seen = new Set<string>();
  for (let draw = 0; questions.length < count && draw < count * 20; draw++) {
    const questionSeed = random.uint32();
    const question = captureQuestion(replay, questionSeed, source, profile, `${idPrefix}-${questionSeed.toString(36)}`);
    if (!question) break;
    if (seen.has(question.prompt.en)) continue;
    seen.add(question.prompt.en);
    questions.push(question);
  }
  return questions;
}
