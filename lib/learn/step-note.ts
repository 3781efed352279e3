import type { Language } from "../i18n/language";
import { PROFILES, rowVariants, TCP_EVENTS, type Machine, type TcpEvent, type TcpState } from "../tcp";
import { zhNoteOf } from "../tcp/notes-zh";
import type { Trace, TraceStep } from "../sim";
import { eventLabel, sendsClause } from "./event-labels";

/*
 * The note of one step of a simulator trace in the reader's language. The
 * simulator writes its notes in English; where a note is the machine's own
 * (a row of the transition table of the trace's profile, any case of it) the
 * Chinese comes from lib/tcp/notes-zh.ts, and the simulator's few notes of its
 * own are rendered here. A note this file does not know falls back to a
 * sentence built from the step's data.
 */

export function stepNote(trace: Trace, index: number, lang: Language): string {
  const step = trace.steps[index];
  if (!step) return "";
  if (lang === "en") return step.note;
  return zhNote(trace, index, step);
}

/** Each side's state before step `index`. */
export function statesBefore(trace: Trace, index: number): { client: TcpState; server: TcpState } {
  const previous = trace.steps[index - 1];
  return previous ? { client: previous.client, server: previous.server } : { ...trace.initial };
}

function zhNote(trace: Trace, index: number, step: TraceStep): string {
  if (step.at !== "network" && isTcpEvent(step.event)) {
    const from = statesBefore(trace, index)[step.at];
    return tableNoteZh(trace, from, step.event, step.note) ?? simulatorNoteZh(step) ?? builtNoteZh(trace, step, from, step.event);
  }
  return simulatorNoteZh(step) ?? step.note;
}

/** What the simulator appends to a close() row's note when the application called shutdown(SHUT_WR) instead. */
const SHUTDOWN = " (The application called shutdown(SHUT_WR), so it still reads.)";

/**
 * The table's Chinese note when the step's note is one of the row's own (the
 * plain case or a variant: a simultaneous open, a newer SYN), in the machine
 * of the trace's profile. A counterfactual machine's rows match nothing here.
 */
function tableNoteZh(trace: Trace, from: TcpState, event: TcpEvent, note: string): string | undefined {
  const shutdown = note.endsWith(SHUTDOWN);
  const own = shutdown ? note.slice(0, -SHUTDOWN.length) : note;
  const found = rowVariants(from, event, profileMachine(trace)).find((candidate) => candidate.outcome.note === own);
  const zh = found ? zhNoteOf(found.outcome) : undefined;
  if (zh === undefined) return undefined;
  return shutdown ? `${zh}（应用程序调用的是 shutdown(SHUT_WR)，不是 close()，所以仍会读取数据。）` : zh;
}

function profileMachine(trace: Trace): Machine {
  return PROFILES[trace.profile].machine;
}

/** A sentence from the data alone, for notes of a counterfactual machine. */
function builtNoteZh(trace: Trace, step: TraceStep, from: TcpState, event: TcpEvent): string {
  const side = step.at === "client" ? "客户端" : "服务器";
  const to = step.at === "client" ? step.client : step.server;
  const move = to === from ? `停留在 ${to}` : `进入 ${to}`;
  const prefix = trace.machine === profileMachine(trace).name ? "" : "假想的机器：";
  return `${prefix}${side}在 ${from} ${eventLabel(event, "zh", from)}，${move}${sendsClause(step.segment?.flags ?? null, "zh")}。`;
}

const WITHHELD = / The ACK is withheld: one went out less than (\d+) ms ago \(rate limit, as Linux's tcp_invalid_ratelimit\)\.$/;

/** Pattern and Chinese rendering of each note the simulator writes itself. */
const SIMULATOR_NOTES: readonly [RegExp, (...groups: string[]) => string][] = [
  [/^Segment (\d+) \((.+)\) is lost in the network\.$/, (n, flags) => `第 ${n} 个报文段（${flags}）在网络中丢失。`],
  [
    /^An old duplicate (.+) from an earlier connection between the same ports reaches the network\.$/,
    (flags) => `一个来自同一对端口上早先连接的旧重复 ${flags} 报文段进入了网络。`,
  ],
  [/^The delayed ACK goes out: nothing came along to carry it\.$/, () => "延迟确认到期，ACK 单独发出：没有其他报文段可以捎带它。"],
  [
    /^No acknowledgment after (\d+) retransmissions: give up, delete the TCB\.$/,
    (n) => `重传 ${n} 次后仍未收到确认：放弃连接，删除传输控制块（TCB）。`,
  ],
  [
    /^Retransmission timeout: send the oldest unacknowledged segment \((.+), (\d+) bytes\) again\.$/,
    (flags, bytes) => `重传超时：再次发送最早未被确认的报文段（${flags}，${bytes} 字节）。`,
  ],
  [
    /^(\d+) bytes of data delivered in order \(RCV\.NXT=(\d+)\); acknowledge them\.$/,
    (bytes, rcvNxt) => `按序交付 ${bytes} 字节数据（RCV.NXT=${rcvNxt}），并确认它们。`,
  ],
  [/^An ACK of data: SND\.UNA advances, the state stays\.$/, () => "对数据的确认：SND.UNA 前移，状态不变。"],
  [/^A reset whose ACK does not acknowledge our SYN: drop it\.$/, () => "这个复位报文段的 ACK 没有确认我方的 SYN：丢弃它。"],
  [
    /^Its ACK \((\d+)\) does not acknowledge our SYN \(SEG\.ACK must be ISS\+1 = (\d+)\): send <SEQ=SEG\.ACK><CTL=RST> and drop it\.$/,
    (ack, expected) => `它的 ACK（${ack}）没有确认我方的 SYN（SEG.ACK 应为 ISS+1 = ${expected}）：发送 <SEQ=SEG.ACK><CTL=RST> 并丢弃它。`,
  ],
  [/^A reset without ACK cannot be validated in SYN_SENT: drop it\.$/, () => "在 SYN_SENT 中无法验证不带 ACK 的复位报文段：丢弃它。"],
  [
    /^A reset in the window but not at RCV\.NXT \((\d+)\): send a challenge ACK and drop it \(RFC 5961\)\.$/,
    (rcvNxt) => `复位报文段落在接收窗口内，但不等于 RCV.NXT（${rcvNxt}）：发送挑战 ACK（challenge ACK）并丢弃它（RFC 5961）。`,
  ],
  [/^A reset outside the window: drop it silently\.$/, () => "复位报文段落在接收窗口之外：直接丢弃。"],
  [
    /^SEQ=(\d+) is outside the receive window \[(\d+), (\d+)\): an old or stray segment\. Send <SEQ=SND\.NXT><ACK=RCV\.NXT><CTL=ACK> and drop it\.$/,
    (seq, low, high) => `SEQ=${seq} 在接收窗口 [${low}, ${high}) 之外：这是旧的或迷途的报文段。发送 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> 并丢弃它。`,
  ],
  [
    /^SEQ=(\d+) is ahead of RCV\.NXT=(\d+): a gap before it\. This simulator does not hold out-of-order segments; it sends a duplicate ACK and the sender retransmits\.$/,
    (seq, rcvNxt) => `SEQ=${seq} 超前于 RCV.NXT=${rcvNxt}：它前面有空缺。本模拟器不缓存乱序报文段，而是发送重复 ACK，由发送方重传。`,
  ],
  [
    /^(\d+) bytes of new data arrive after the application called close\(\): nobody will read them, so the socket is reset and answers <SEQ=SEG\.ACK><CTL=RST> \(RFC 1122 4\.2\.2\.13; Linux counts it as TCPAbortOnData\)\.$/,
    (bytes) => `应用程序调用 close() 之后又到达 ${bytes} 字节新数据：再也没有人会读取它们，所以套接字被重置，并回复 <SEQ=SEG.ACK><CTL=RST>（RFC 1122 4.2.2.13；Linux 将其计入 TCPAbortOnData）。`,
  ],
  [
    /^No ACK after (\d+) retransmissions of the SYN\+ACK \(tcp_synack_retries\): the request is dropped without a segment and the listener goes on listening\.$/,
    (n) => `SYN+ACK 重传 ${n} 次后仍未收到 ACK（tcp_synack_retries）：该连接请求被丢弃，不发送任何报文段，监听套接字继续监听。`,
  ],
  [/^The ACK bit is off: drop the segment\.$/, () => "ACK 位没有置位：丢弃该报文段。"],
  [
    /^ACK=(\d+) acknowledges something not yet sent \(SND\.NXT=(\d+)\): send an ACK and drop it\.$/,
    (ack, sndNxt) => `ACK=${ack} 确认了尚未发送的内容（SND.NXT=${sndNxt}）：发送一个 ACK 并丢弃它。`,
  ],
  [
    /^Its ACK \((\d+)\) does not acknowledge our SYN: in SYN_RECEIVED an unacceptable ACK is answered <SEQ=SEG\.ACK><CTL=RST>\.$/,
    (ack) => `它的 ACK（${ack}）没有确认我方的 SYN：在 SYN_RECEIVED 中，不可接受的 ACK 以 <SEQ=SEG.ACK><CTL=RST> 回应。`,
  ],
];

function simulatorNoteZh(step: TraceStep): string | undefined {
  const withheld = WITHHELD.exec(step.note);
  const note = withheld ? step.note.slice(0, withheld.index) : step.note;
  for (const [pattern, render] of SIMULATOR_NOTES) {
    const match = pattern.exec(note);
    if (!match) continue;
    const text = render(...match.slice(1));
    return withheld ? `${text}ACK 暂不发送：上一个 ACK 发出还不到 ${withheld[1]} 毫秒（限速，类似 Linux 的 tcp_invalid_ratelimit）。` : text;
  }
  return undefined;
}

function isTcpEvent(event: string): event is TcpEvent {
  return (TCP_EVENTS as readonly string[]).includes(event);
}
