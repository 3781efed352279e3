import type { Language } from "../i18n/language";
import type { SimEvent } from "../sim";
import { TCP_EVENTS, type Flags, type TcpEvent, type TcpState } from "../tcp";

/*
 * Short labels for the machine's events and actions, as diagrams and claim
 * badges write them: "rcv SYN / snd SYN+ACK" in English, "收到 SYN / 发送
 * SYN+ACK" in Chinese. English keeps the machine's own event names, which
 * content authors write in claims.
 */

const ZH_CALLS: Partial<Record<TcpEvent, string>> = {
  "passive open": "被动打开",
  "active open": "主动打开",
  send: "调用 send",
  close: "调用 close",
  abort: "调用 abort",
};

/** "rcv FIN" (en) or "收到 FIN" (zh); a timeout in TIME_WAIT is the 2MSL timer. */
export function eventLabel(event: TcpEvent, lang: Language, state?: TcpState): string {
  if (lang === "en") return event === "timeout" && state === "TIME_WAIT" ? "2MSL timeout" : event;
  if (event.startsWith("rcv ")) return `收到 ${event.slice(4)}`;
  if (event === "timeout") return state === "TIME_WAIT" ? "2MSL 超时" : "超时";
  return ZH_CALLS[event] ?? event;
}

/** "snd ACK" / "发送 ACK", or a dash when nothing is sent. */
export function actionLabel(sends: Flags | null, lang: Language): string {
  if (sends === null) return "—";
  return lang === "zh" ? `发送 ${sends}` : `snd ${sends}`;
}

/** The label of a diagram arrow: "event / action". */
export function arrowLabel(event: TcpEvent, sends: Flags | null, lang: Language, state?: TcpState): string {
  return `${eventLabel(event, lang, state)} / ${actionLabel(sends, lang)}`;
}

/** ", sends ACK" / "，发送 ACK"; ", sends nothing" / "，不发送报文段". */
export function sendsClause(sends: Flags | null, lang: Language): string {
  if (lang === "zh") return sends === null ? "，不发送报文段" : `，发送 ${sends}`;
  return sends === null ? ", sends nothing" : `, sends ${sends}`;
}

const ZH_SIM_EVENTS: Record<SimEvent, string> = {
  "rcv data": "收到数据",
  "rcv ACK of data": "收到数据的 ACK",
  "rcv unacceptable": "收到不可接受的报文段",
  "rcv data after close": "close() 之后收到数据",
  "ack timer": "延迟确认定时器到期",
  "user timeout": "用户超时（放弃重传）",
  lost: "报文段丢失",
  "old duplicate": "旧的重复报文段",
  "rcv out of order": "收到乱序报文段（暂存）",
  crash: "主机崩溃",
  "keepalive probe": "保活探测",
  "keepalive timeout": "保活超时（放弃连接）",
  "connection queued": "另一个连接进入全连接队列",
  accept: "调用 accept",
  "listen overflow": "全连接队列已满",
};

/** Any event of a simulator trace: the machine's, or one the simulator records itself. */
export function traceEventLabel(event: TcpEvent | SimEvent, lang: Language, state?: TcpState): string {
  if ((TCP_EVENTS as readonly string[]).includes(event)) return eventLabel(event as TcpEvent, lang, state);
  return lang === "zh" ? ZH_SIM_EVENTS[event as SimEvent] : event;
}
