import type { Language } from "../i18n/language";
import { TRACE_EVENTS_ZH } from "../questions/phrases";
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

/** The Chinese names of the simulator's own events: the one list in lib/questions/phrases.ts. */
const ZH_SIM_EVENTS: Record<SimEvent, string> = TRACE_EVENTS_ZH;

/** Any event of a simulator trace: the machine's, or one the simulator records itself. */
export function traceEventLabel(event: TcpEvent | SimEvent, lang: Language, state?: TcpState): string {
  if ((TCP_EVENTS as readonly string[]).includes(event)) return eventLabel(event as TcpEvent, lang, state);
  return lang === "zh" ? ZH_SIM_EVENTS[event as SimEvent] : event;
}
