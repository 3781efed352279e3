import type { BilingualText } from "../content";
import type { TcpEvent, TcpState } from "../tcp";
import type { Side } from "../sim";

/*
 * The words questions are built from, in both languages. Kept in one place so
 * that every generator says "收到 FIN" the same way.
 */

const EVENT_PHRASES: Record<TcpEvent, BilingualText> = {
  "passive open": { zh: "应用执行被动打开（listen）", en: "the application opens passively (listen)" },
  "active open": { zh: "应用执行主动打开（connect）", en: "the application opens actively (connect)" },
  send: { zh: "应用调用 send 发送数据", en: "the application sends data" },
  close: { zh: "应用调用 close", en: "the application calls close" },
  abort: { zh: "应用中止连接（abort，如 SO_LINGER 为 0）", en: "the application aborts (e.g. SO_LINGER 0)" },
  "rcv SYN": { zh: "收到 SYN", en: "a SYN arrives" },
  "rcv SYN+ACK": { zh: "收到确认了我方 SYN 的 SYN+ACK", en: "a SYN+ACK acknowledging our SYN arrives" },
  "rcv ACK": { zh: "收到确认了我方 SYN 或 FIN 的 ACK", en: "an ACK of our SYN or FIN arrives" },
  "rcv FIN": { zh: "收到对方的 FIN（它没有确认我方的 FIN）", en: "the peer's FIN arrives (it does not acknowledge our FIN)" },
  "rcv FIN+ACK": { zh: "收到对方的 FIN，且它同时确认了我方的 FIN", en: "the peer's FIN arrives and also acknowledges our FIN" },
  "rcv RST": { zh: "收到有效的 RST", en: "a valid RST arrives" },
  timeout: { zh: "定时器超时（TIME_WAIT 中是 2MSL，其他状态是重传定时器）", en: "a timer expires (2MSL in TIME_WAIT, the retransmission timer elsewhere)" },
};

/** What happens, in words; a timeout is named for the timer that runs in `state`. */
export function eventPhrase(event: TcpEvent, state?: TcpState): BilingualText {
  // Without a connection there is no "our SYN or FIN": name the bits alone.
  if ((state === "CLOSED" || state === "LISTEN") && event.startsWith("rcv ") && event !== "rcv SYN" && event !== "rcv RST") {
    const bits = event === "rcv FIN+ACK" ? "FIN" : event.slice(4);
    return { zh: `收到一个 ${bits} 报文段`, en: `a ${bits} segment arrives` };
  }
  if (event === "timeout" && state === "TIME_WAIT") return { zh: "2MSL 定时器到期", en: "the 2MSL timer expires" };
  if (event === "timeout" && state) return { zh: "重传定时器超时", en: "the retransmission timer expires" };
  return EVENT_PHRASES[event];
}

export const SIDE_NAMES: Record<Side, BilingualText> = {
  client: { zh: "客户端", en: "the client" },
  server: { zh: "服务器", en: "the server" },
};

const SCENARIO_NAMES: Record<string, BilingualText> = {
  open: { zh: "三次握手", en: "the three-way handshake" },
  "simultaneous-open": { zh: "同时打开", en: "a simultaneous open" },
  "close-client-first": { zh: "客户端先关闭的四次挥手", en: "a four-way close started by the client" },
  "close-server-first": { zh: "服务器先关闭的四次挥手", en: "a four-way close started by the server" },
  "close-combined": { zh: "ACK 与 FIN 合并的三次挥手", en: "a close where the server's ACK and FIN share one segment" },
  "simultaneous-close": { zh: "同时关闭", en: "a simultaneous close" },
  "half-close": { zh: "半关闭（服务器在 CLOSE_WAIT 中发送 100 和 200 字节数据）", en: "a half-close (the server sends 100 and then 200 bytes from CLOSE_WAIT)" },
  "lost-syn": { zh: "SYN 丢失的握手", en: "a handshake whose SYN is lost" },
  "lost-syn-ack": { zh: "SYN+ACK 丢失的握手", en: "a handshake whose SYN+ACK is lost" },
  "lost-third-ack": { zh: "第三次握手 ACK 丢失的握手", en: "a handshake whose third segment is lost" },
  "lost-fin": { zh: "第一个 FIN 丢失的四次挥手", en: "a close whose first FIN is lost" },
  "lost-last-ack": { zh: "最后一个 ACK 丢失的四次挥手", en: "a close whose last ACK is lost" },
  "rst-closed-port": { zh: "连接一个没有监听的端口", en: "a connection attempt to a port where nothing listens" },
  abort: { zh: "客户端异常关闭（发送 RST）", en: "an abortive close by the client (RST)" },
  "old-duplicate-syn": { zh: "旧的重复 SYN 先到达（RFC 9293 图 9）", en: "an old duplicate SYN arriving first (RFC 9293 Figure 9)" },
  "two-way-handshake": { zh: "假想的两次握手", en: "a hypothetical two-way handshake" },
  "no-time-wait": { zh: "假想的没有 TIME_WAIT 的关闭", en: "a hypothetical close without TIME_WAIT" },
};

/** A scenario's name; the Chinese one in 「」 so that it reads apart from the sentence around it. */
export function scenarioName(scenario: string): BilingualText {
  const name = SCENARIO_NAMES[scenario] ?? { zh: scenario, en: scenario };
  return { zh: `「${name.zh}」`, en: name.en };
}

export function stateLabel(state: TcpState): BilingualText {
  return { zh: state, en: state };
}

export function flagsLabel(flags: string | null): BilingualText {
  return flags === null ? { zh: "什么都不发送", en: "nothing" } : { zh: flags, en: flags };
}

export function both(zh: string, en: string): BilingualText {
  return { zh, en };
}

/** Joins bilingual parts with a separator per language. */
export function join(parts: BilingualText[], separator: BilingualText = { zh: "", en: " " }): BilingualText {
  return { zh: parts.map((part) => part.zh).join(separator.zh), en: parts.map((part) => part.en).join(separator.en) };
}

export function ordinal(n: number): BilingualText {
  const words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
  return { zh: `第 ${n} 个`, en: words[n - 1] ?? `${n}th` };
}
