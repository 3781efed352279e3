import { machineSteps, sentSegments, simulate, type Segment, type Trace } from "../../sim";
import type { ProfileName } from "../../tcp";
import { explainStep, explainTrace, joinParagraphs } from "../explain";
import { promptFor } from "../profile-dependence";
import { transitionKey } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";

type Target = "client-fin-seq" | "server-ack-of-fin" | "server-fin-seq" | "client-last-ack";

const TARGETS: Record<Target, { zh: string; en: string; pick: (segments: Segment[]) => { segment: Segment; field: "seq" | "ack" } }> = {
  "client-fin-seq": {
    zh: "客户端 FIN 报文段的 seq",
    en: "the seq of the client's FIN",
    pick: (segments) => ({ segment: segments.find((s) => s.from === "client" && s.flags.includes("FIN"))!, field: "seq" }),
  },
  "server-ack-of-fin": {
    zh: "服务器确认客户端 FIN 的那个 ACK 报文段的 ack",
    en: "the ack of the server's ACK of the client's FIN",
    pick: (segments) => {
      const fin = segments.find((s) => s.from === "client" && s.flags.includes("FIN"))!;
      return { segment: segments.find((s) => s.from === "server" && s.n > fin.n && s.flags === "ACK")!, field: "ack" };
    },
  },
  "server-fin-seq": {
    zh: "服务器 FIN 报文段的 seq",
    en: "the seq of the server's FIN",
    pick: (segments) => ({ segment: segments.find((s) => s.from === "server" && s.flags.includes("FIN"))!, field: "seq" }),
  },
  "client-last-ack": {
    zh: "客户端最后一个 ACK 的 ack",
    en: "the ack of the client's last ACK",
    pick: (segments) => ({ segment: [...segments].reverse().find((s) => s.from === "client" && s.flags === "ACK")!, field: "ack" }),
  },
};

/** The client sends, the server sends, the client closes and the server closes after it: all data acknowledged first. */
function closeAfterData(isn: { client: number; server: number }, clientBytes: number, serverBytes: number, profile: ProfileName): Trace {
  const calls = [
    ...(clientBytes > 0 ? [{ at: 0, side: "client" as const, call: "send" as const, bytes: clientBytes }] : []),
    ...(serverBytes > 0 ? [{ at: 10, side: "server" as const, call: "send" as const, bytes: serverBytes }] : []),
    { at: 500, side: "client" as const, call: "close" as const },
  ];
  return simulate({
    name: "seq-arith",
    profile,
    initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
    isn,
    calls,
    reactions: [{ side: "server", onState: "CLOSE_WAIT", after: 100, call: "close" }],
  });
}

/** `seq-arith`: ISNs and data lengths given, compute the seq or ack of a FIN or its ACK. */
export function generateSeqArith(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  const isn = { client: random.int(1_000, 4_000_000_000), server: random.int(1_000, 4_000_000_000) };
  const clientBytes = random.pick([0, 100, 512, 1000, 1460, 2048]);
  const serverBytes = random.pick([0, 200, 536, 1000, 1460, 4096]);
  const trace = closeAfterData(isn, clientBytes, serverBytes, profile);
  const target = random.pick(Object.keys(TARGETS) as Target[]);
  const { segment, field } = TARGETS[target].pick(sentSegments(trace));
  const answer = segment[field]!;
  const stepIndex = trace.steps.findIndex((step) => step.segment?.n === segment.n);
  const data = {
    zh: `客户端先发送了 ${clientBytes} 字节数据，服务器发送了 ${serverBytes} 字节，全部已被确认、被对方应用读取；然后客户端关闭，服务器随后也关闭。`,
    en: `The client has sent ${clientBytes} bytes of data and the server ${serverBytes} bytes, all acknowledged and read by the other side's application; then the client closes, and the server closes after it.`,
  };
  return {
    params: { isn, clientBytes, serverBytes, target },
    prompt: promptFor(
      {
        zh: `一条连接的客户端 ISN = ${isn.client}，服务器 ISN = ${isn.server}，握手已完成。${data.zh}${TARGETS[target].zh} 是多少？`,
        en: `A connection's client ISN is ${isn.client} and server ISN ${isn.server}; the handshake is done. ${data.en} What is ${TARGETS[target].en}?`,
      },
      profile,
      (other) => {
        const picked = TARGETS[target].pick(sentSegments(closeAfterData(isn, clientBytes, serverBytes, other)));
        return picked.segment[picked.field];
      },
    ),
    input: "number",
    choices: null,
    answer,
    explanation: joinParagraphs(
      {
        zh: `握手中 SYN 占 1 个序列号，所以客户端的数据从 ISN+1 开始；FIN 的 seq = ISN + 1 + 已发数据；确认 FIN 的 ack 要再加 1，因为 FIN 也占一个序列号。`,
        en: `The SYN took one sequence number, so the client's data starts at ISN+1; a FIN's seq is ISN + 1 + the data sent; the ACK of a FIN adds one more, because the FIN takes a sequence number too.`,
      },
      explainTrace(trace, stepIndex + 1),
      explainStep(trace, stepIndex, profile),
    ),
    tests: [...new Set(machineSteps(trace).filter((step) => step.index <= stepIndex).map((step) => transitionKey(step.from, step.event)))],
    topics: ["seq-ack", "close"],
  };
}
