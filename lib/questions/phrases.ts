import type { BilingualText } from "../content";
import { isUserCall, type ProfileName, type TcpEvent, type TcpState, type TransitionContext } from "../tcp";
import type { Side, SimEvent } from "../sim";
import { userCallPremise } from "./user-calls";

/*
 * The words questions are built from, in both languages. Kept in one place so
 * that every generator says "收到 FIN" the same way. An event is named for
 * what it means in the state it arrives in: "an ACK of our FIN" is only said
 * where a FIN of ours is out and unacknowledged.
 */

const EVENT_PHRASES: Record<TcpEvent, BilingualText> = {
  "passive open": { zh: "应用执行被动打开（listen()）", en: "the application opens passively (listen())" },
  "active open": { zh: "应用执行主动打开（connect()）", en: "the application opens actively (connect())" },
  send: { zh: "应用调用 send() 发送数据", en: "the application sends data (send())" },
  close: { zh: "应用调用 close()", en: "the application calls close()" },
  abort: { zh: "应用中止连接（SO_LINGER 为 0 时调用 close()）", en: "the application aborts (close() with SO_LINGER set to 0)" },
  "rcv SYN": { zh: "收到 SYN", en: "a SYN arrives" },
  "rcv SYN+ACK": { zh: "收到确认了我方 SYN 的 SYN+ACK", en: "a SYN+ACK acknowledging our SYN arrives" },
  "rcv ACK": { zh: "收到确认了我方 SYN 或 FIN 的 ACK", en: "an ACK of our SYN or FIN arrives" },
  "rcv FIN": { zh: "收到对方的 FIN（它没有确认我方的 FIN）", en: "the peer's FIN arrives (it does not acknowledge our FIN)" },
  "rcv FIN+ACK": { zh: "收到对方的 FIN，且它同时确认了我方的 FIN", en: "the peer's FIN arrives and also acknowledges our FIN" },
  "rcv RST": { zh: "收到可接受的 RST", en: "an acceptable RST arrives" },
  timeout: {
    zh: "定时器超时（TIME_WAIT 中是 TIME_WAIT 定时器：RFC 9293 为 2MSL，Linux 为 60 秒；其他状态是重传定时器）",
    en: "a timer expires (in TIME_WAIT its own timer: 2MSL in RFC 9293, 60 s on Linux; the retransmission timer elsewhere)",
  },
};

const both = (zh: string, en: string): BilingualText => ({ zh, en });

const RST_AT_RCV_NXT = both("收到一个序列号恰好等于 RCV.NXT 的 RST", "an RST arrives whose sequence number is exactly RCV.NXT");
const NEVER_SENT_FIN = both("收到一个 FIN，其 ACK 字段确认了我方从未发送的 FIN", "a FIN arrives whose ACK field acknowledges a FIN we never sent");
const FIN_AGAIN = both("再次收到对方的 FIN（这个重传没有确认我方的 FIN）", "the peer's FIN arrives again (a retransmission that does not acknowledge our FIN)");
const NOTHING_NEW = both("收到一个没有确认新内容的 ACK（我方的 FIN 早已被确认）", "an ACK arrives that acknowledges nothing new (our FIN is already acknowledged)");

/** Segment and timer events, by the state they meet; undefined where the generic phrase is right. */
const IN_STATE: Partial<Record<TcpEvent, Partial<Record<TcpState, BilingualText>>>> = {
  "rcv SYN": {
    CLOSED: both("收到 SYN（该端口上无人监听）", "a SYN arrives (nothing listens on the port)"),
    SYN_SENT: both("收到对方不带 ACK 的 SYN（对方也在主动打开）", "the peer's SYN arrives without ACK (the peer is opening too)"),
    SYN_RECEIVED: both("再次收到已经收到过的那个 SYN（重传的副本）", "a retransmitted copy of the SYN it already received arrives"),
  },
  "rcv SYN+ACK": {
    SYN_RECEIVED: both("收到对方确认了我方 SYN 的 SYN+ACK（双方同时打开）", "the peer's SYN+ACK arrives, acknowledging our SYN (both sides opened at once)"),
    ESTABLISHED: both("再次收到对方的 SYN+ACK（重传）", "the peer's SYN+ACK arrives again (a retransmission)"),
    FIN_WAIT_1: both("收到 SYN+ACK", "a SYN+ACK arrives"),
    FIN_WAIT_2: both("收到 SYN+ACK", "a SYN+ACK arrives"),
    CLOSE_WAIT: both("收到 SYN+ACK", "a SYN+ACK arrives"),
    CLOSING: both("收到 SYN+ACK", "a SYN+ACK arrives"),
    LAST_ACK: both("收到 SYN+ACK", "a SYN+ACK arrives"),
    TIME_WAIT: both("收到 SYN+ACK", "a SYN+ACK arrives"),
  },
  "rcv ACK": {
    SYN_SENT: both("收到一个不带 SYN、确认了我方 SYN 的 ACK", "an ACK without SYN arrives, acknowledging our SYN"),
    SYN_RECEIVED: both("收到确认了我方 SYN 的 ACK", "an ACK of our SYN arrives"),
    ESTABLISHED: both("收到一个只确认数据（或没有确认新内容）的 ACK", "an ACK arrives that acknowledges only data, or nothing new"),
    CLOSE_WAIT: both("收到一个只确认数据（或没有确认新内容）的 ACK", "an ACK arrives that acknowledges only data, or nothing new"),
    FIN_WAIT_1: both("收到确认了我方 FIN 的 ACK", "an ACK of our FIN arrives"),
    CLOSING: both("收到确认了我方 FIN 的 ACK", "an ACK of our FIN arrives"),
    LAST_ACK: both("收到确认了我方 FIN 的 ACK", "an ACK of our FIN arrives"),
    FIN_WAIT_2: NOTHING_NEW,
    TIME_WAIT: NOTHING_NEW,
  },
  "rcv FIN": {
    SYN_SENT: both("在对方的 SYN 之前收到一个 FIN", "a FIN arrives before any SYN from the peer"),
    SYN_RECEIVED: both(
      "收到对方的 FIN，其 ACK 字段确认了我方的 SYN（本该确认它的 ACK 丢失了）",
      "the peer's FIN arrives and its ACK field acknowledges our SYN (the ACK that should have done so was lost)",
    ),
    ESTABLISHED: both("收到对方的 FIN", "the peer's FIN arrives"),
    CLOSE_WAIT: both("再次收到对方的 FIN（重传）", "the peer's FIN arrives again (a retransmission)"),
    FIN_WAIT_1: both("收到对方的 FIN，它没有确认我方的 FIN（对方在收到我方 FIN 之前就发出了它）", "the peer's FIN arrives; it does not acknowledge our FIN (the peer sent it before ours reached it)"),
    FIN_WAIT_2: both(
      "收到对方的 FIN，其 ACK 字段没有覆盖我方的 FIN（对方在收到我方 FIN 之前就发出了它）",
      "the peer's FIN arrives; its ACK field does not cover our FIN (the peer sent it before ours reached it)",
    ),
    CLOSING: FIN_AGAIN,
    LAST_ACK: FIN_AGAIN,
    TIME_WAIT: FIN_AGAIN,
  },
  "rcv FIN+ACK": {
    SYN_SENT: NEVER_SENT_FIN,
    SYN_RECEIVED: NEVER_SENT_FIN,
    ESTABLISHED: NEVER_SENT_FIN,
    CLOSE_WAIT: NEVER_SENT_FIN,
    FIN_WAIT_2: both("收到对方的 FIN（其 ACK 字段同先前的 ACK 一样覆盖我方的 FIN）", "the peer's FIN arrives (its ACK field covers our FIN, as the earlier ACK did)"),
    CLOSING: both("再次收到对方的 FIN，这一次它同时确认了我方的 FIN", "the peer's FIN arrives again, and this time also acknowledges our FIN"),
    LAST_ACK: both("再次收到对方的 FIN，这一次它同时确认了我方的 FIN", "the peer's FIN arrives again, and this time also acknowledges our FIN"),
    TIME_WAIT: both("再次收到对方的 FIN（重传，其 ACK 字段覆盖我方的 FIN）", "the peer's FIN arrives again (a retransmission; its ACK field covers our FIN)"),
  },
  "rcv RST": {
    SYN_SENT: both("收到一个 ACK 字段确认了我方 SYN 的 RST", "an RST arrives whose ACK field acknowledges our SYN"),
    SYN_RECEIVED: RST_AT_RCV_NXT,
    ESTABLISHED: RST_AT_RCV_NXT,
    FIN_WAIT_1: RST_AT_RCV_NXT,
    FIN_WAIT_2: RST_AT_RCV_NXT,
    CLOSE_WAIT: RST_AT_RCV_NXT,
    CLOSING: RST_AT_RCV_NXT,
    LAST_ACK: RST_AT_RCV_NXT,
    TIME_WAIT: RST_AT_RCV_NXT,
  },
  timeout: {
    TIME_WAIT: both("TIME_WAIT 定时器到期（RFC 9293 为 2MSL，Linux 为 60 秒）", "the TIME_WAIT timer expires (2MSL in RFC 9293, 60 s on Linux)"),
    SYN_SENT: both("重传定时器超时（我方的 SYN 尚未被确认）", "the retransmission timer expires (our SYN is unacknowledged)"),
    SYN_RECEIVED: both("重传定时器超时（我方的 SYN+ACK 尚未被确认）", "the retransmission timer expires (our SYN+ACK is unacknowledged)"),
    ESTABLISHED: both("重传定时器超时（我方发出的数据尚未被确认）", "the retransmission timer expires (data we sent is unacknowledged)"),
    CLOSE_WAIT: both("重传定时器超时（我方发出的数据尚未被确认）", "the retransmission timer expires (data we sent is unacknowledged)"),
    FIN_WAIT_1: both("重传定时器超时（我方的 FIN 尚未被确认）", "the retransmission timer expires (our FIN is unacknowledged)"),
    CLOSING: both("重传定时器超时（我方的 FIN 尚未被确认）", "the retransmission timer expires (our FIN is unacknowledged)"),
    LAST_ACK: both("重传定时器超时（我方的 FIN 尚未被确认）", "the retransmission timer expires (our FIN is unacknowledged)"),
  },
};

/** "a SYN segment", "an ACK segment": the article follows how the bits are read aloud. */
function bitsArrive(bits: string): BilingualText {
  const article = bits === "ACK" || bits === "RST" ? "an" : "a";
  return { zh: `收到一个 ${bits} 报文段`, en: `${article} ${bits} segment arrives` };
}

/**
 * What happens, in words, as it can happen in `state`. User calls say how a
 * program makes them (user-calls.ts); `context` picks the case of a row that
 * has more than one (a TIME_WAIT SYN above or not above RCV.NXT).
 */
export function eventPhrase(event: TcpEvent, state?: TcpState, context: TransitionContext = {}): BilingualText {
  if (!state) return EVENT_PHRASES[event];
  if (isUserCall(event)) return userCallPremise(state, event)?.phrase ?? EVENT_PHRASES[event];
  // Without a connection there is no "our SYN or FIN": name the bits alone.
  if ((state === "CLOSED" || state === "LISTEN") && event.startsWith("rcv ") && event !== "rcv SYN") {
    return bitsArrive(event === "rcv FIN+ACK" ? "FIN" : event.slice(4));
  }
  const newer = (context as { newerSyn?: boolean }).newerSyn;
  if (event === "rcv SYN" && newer !== undefined) {
    return newer
      ? both("收到一个序列号大于 RCV.NXT 的 SYN（同一对端口上的新连接）", "a SYN arrives whose sequence number is above RCV.NXT (a new connection on the same ports)")
      : both("收到一个序列号不大于 RCV.NXT 的 SYN", "a SYN arrives whose sequence number is not above RCV.NXT");
  }
  return IN_STATE[event]?.[state] ?? EVENT_PHRASES[event];
}

/**
 * How the connection reached its state, for a row that depends on it
 * (SYN_RECEIVED on a reset): ", entered from LISTEN (a passive open),".
 * Empty when the context says nothing about it.
 */
export function stateClause(context: TransitionContext = {}): BilingualText {
  if (context.activeOpen === true) return both("（由 SYN_SENT 进入：同时打开）", ", entered from SYN_SENT (a simultaneous open),");
  if (context.activeOpen === false) return both("（由 LISTEN 进入：被动打开）", ", entered from LISTEN (a passive open),");
  return both("", "");
}

/** How a prompt names the profile it asks about, when the answer depends on it. */
export const PROFILE_PREFIX: Record<ProfileName, BilingualText> = {
  rfc9293: both("按 RFC 9293 的规定：", "As RFC 9293 specifies it: "),
  linux: both("在 Linux 上：", "On Linux: "),
};

export const SIDE_NAMES: Record<Side, BilingualText> = {
  client: { zh: "客户端", en: "the client" },
  server: { zh: "服务器", en: "the server" },
};

const SCENARIO_NAMES: Record<string, BilingualText> = {
  open: { zh: "三次握手", en: "the three-way handshake" },
  "simultaneous-open": { zh: "同时打开（RFC 9293 图 7）", en: "a simultaneous open (RFC 9293 Figure 7)" },
  "close-client-first": { zh: "客户端先关闭的四次挥手", en: "a four-way close started by the client" },
  "close-server-first": { zh: "服务器先关闭的四次挥手", en: "a four-way close started by the server" },
  "close-combined": { zh: "ACK 与 FIN 合并的三次挥手", en: "a close where the server's ACK and FIN share one segment" },
  "simultaneous-close": { zh: "同时关闭", en: "a simultaneous close" },
  "half-close": {
    zh: "半关闭（客户端调用 shutdown(SHUT_WR)，服务器在 CLOSE_WAIT 中发送 100 和 200 字节数据）",
    en: "a half-close (the client calls shutdown(SHUT_WR); the server sends 100 and then 200 bytes from CLOSE_WAIT)",
  },
  "lost-syn": { zh: "SYN 丢失的握手", en: "a handshake whose SYN is lost" },
  "lost-syn-ack": { zh: "SYN+ACK 丢失的握手", en: "a handshake whose SYN+ACK is lost" },
  "lost-third-ack": { zh: "第三次握手 ACK 丢失的握手", en: "a handshake whose third segment is lost" },
  "lost-fin": { zh: "第一个 FIN 丢失的四次挥手", en: "a close whose first FIN is lost" },
  "lost-last-ack": { zh: "最后一个 ACK 丢失的四次挥手", en: "a close whose last ACK is lost" },
  "rst-closed-port": { zh: "连接一个没有监听的端口", en: "a connection attempt to a port where nothing listens" },
  abort: { zh: "客户端异常关闭（发送 RST）", en: "an abortive close by the client (RST)" },
  "old-duplicate-syn": { zh: "旧的重复 SYN 先到达（RFC 9293 图 8）", en: "an old duplicate SYN arriving first (RFC 9293 Figure 8)" },
  "out-of-order-fin": { zh: "FIN 先于它前面的数据到达（乱序的 FIN）", en: "a close whose FIN overtakes the data sent before it" },
  "syn-to-time-wait-newer": {
    zh: "新连接的 SYN 到达处于 TIME_WAIT 的服务器（序列号高于 RCV.NXT）",
    en: "a new SYN reaching a server in TIME_WAIT, its sequence number above RCV.NXT",
  },
  "syn-to-time-wait-older": {
    zh: "新连接的 SYN 到达处于 TIME_WAIT 的服务器（序列号不高于 RCV.NXT）",
    en: "a new SYN reaching a server in TIME_WAIT, its sequence number not above RCV.NXT",
  },
  "syn-on-established": {
    zh: "崩溃重启的客户端向仍处于 ESTABLISHED 的服务器发 SYN（RFC 9293 图 9）",
    en: "a SYN from a rebooted client to a server still ESTABLISHED (RFC 9293 Figure 9)",
  },
  "half-open-discovery": {
    zh: "服务器在客户端已崩溃的半开连接上发送数据（RFC 9293 图 10）",
    en: "a server sending on a half-open connection whose client crashed (RFC 9293 Figure 10)",
  },
  "keepalive-dead-peer": { zh: "保活探测一个已崩溃的对端", en: "keepalive probing a peer that crashed" },
  "self-connect": { zh: "套接字连接到它自己（自连接）", en: "a socket connecting to itself (a self-connect)" },
  "accept-queue-full": { zh: "向全连接队列已满（backlog 为 1）的监听端发起的握手", en: "a handshake with a listener whose accept queue is full (backlog 1)" },
  "two-way-handshake": { zh: "假想的两次握手", en: "a hypothetical two-way handshake" },
  "no-time-wait": { zh: "假想的没有 TIME_WAIT 的关闭", en: "a hypothetical close without TIME_WAIT" },
};

/** A scenario's name; the Chinese one in 「」 so that it reads apart from the sentence around it. */
export function scenarioName(scenario: string): BilingualText {
  const name = SCENARIO_NAMES[scenario] ?? { zh: scenario, en: scenario };
  return { zh: `「${name.zh}」`, en: name.en };
}

export function flagsLabel(flags: string | null): BilingualText {
  return flags === null ? { zh: "什么都不发送", en: "nothing" } : { zh: flags, en: flags };
}

export function ordinal(n: number): BilingualText {
  const words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
  return { zh: `第 ${n} 个`, en: words[n - 1] ?? `${n}th` };
}

/**
 * Trace events as a Chinese trace line names them (English keeps the
 * machine's names). Keyed by name rather than typed as a Record of the
 * simulator's events, so that a new event does not break the build before it
 * is translated; test/questions/phrases.test.ts keeps the list complete.
 */
export const TRACE_EVENTS_ZH: Readonly<Record<TcpEvent | SimEvent, string>> = {
  "passive open": "被动打开",
  "active open": "主动打开",
  send: "发送数据",
  close: "关闭连接",
  abort: "中止连接",
  "rcv SYN": "收到 SYN",
  "rcv SYN+ACK": "收到 SYN+ACK",
  "rcv ACK": "收到 ACK",
  "rcv FIN": "收到 FIN",
  "rcv FIN+ACK": "收到 FIN+ACK",
  "rcv RST": "收到 RST",
  timeout: "超时",
  "rcv data": "收到数据",
  "rcv ACK of data": "收到数据的 ACK",
  "rcv unacceptable": "收到不可接受的报文段",
  "rcv data after close": "close() 之后收到数据",
  "ack timer": "延迟确认定时器到期",
  "user timeout": "用户超时（放弃重传）",
  lost: "报文段丢失",
  "old duplicate": "旧的重复报文段",
  "rcv out of order": "收到乱序报文段（暂存，等待空缺补齐）",
  crash: "主机崩溃",
  "keepalive probe": "保活探测",
  "keepalive timeout": "保活超时（放弃连接）",
  "connection queued": "新连接进入全连接队列",
  accept: "应用调用 accept() 取走连接",
  "listen overflow": "全连接队列已满",
  "window update": "窗口更新",
};

/** An event of a trace in both languages; a timeout in TIME_WAIT is TIME_WAIT's own timer (2MSL, or Linux's 60 s). */
export function traceEventName(event: TcpEvent | SimEvent, state?: TcpState): BilingualText {
  if (event === "timeout" && state === "TIME_WAIT") return both("TIME_WAIT 超时", "TIME_WAIT timeout");
  return both(TRACE_EVENTS_ZH[event] ?? event, event);
}
