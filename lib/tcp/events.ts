import { parseFlags } from "./flags";

/**
 * The events that drive the machine: user calls (RFC 9293 section 3.10.1-5),
 * arriving segments (3.10.7) and timers (3.10.8).
 *
 * Segment events are named by what they mean to the receiver, not by bits
 * alone: `rcv ACK` acknowledges our SYN or FIN, `rcv FIN` is a FIN that does
 * not acknowledge our FIN, `rcv FIN+ACK` is a FIN that also acknowledges our
 * FIN. On the wire both FIN events carry the ACK bit.
 */
export const TCP_EVENTS = [
  "passive open",
  "active open",
  "send",
  "close",
  "abort",
  "rcv SYN",
  "rcv SYN+ACK",
  "rcv ACK",
  "rcv FIN",
  "rcv FIN+ACK",
  "rcv RST",
  "timeout",
] as const;

export type TcpEvent = (typeof TCP_EVENTS)[number];

export const USER_CALLS = ["passive open", "active open", "send", "close", "abort"] as const satisfies readonly TcpEvent[];

const EVENT_KEYS = new Map<string, TcpEvent>(TCP_EVENTS.map((event) => [event.toLowerCase(), event]));

/**
 * The canonical event for a spelling such as "RCV syn,ack", "received ACK+SYN",
 * "rcv SYN ACK" or "Timeout", or null. The bits after "rcv" may come in any order.
 */
export function parseEvent(input: string): TcpEvent | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  const received = /^(?:rcv|rcvd|recv|receive|received|receiving)\s+(.+)$/.exec(text);
  if (!received) return EVENT_KEYS.get(text) ?? null;
  const flags = parseFlags(received[1]!);
  return flags ? (EVENT_KEYS.get(`rcv ${flags.toLowerCase()}`) ?? null) : null;
}

export function isUserCall(event: TcpEvent): boolean {
  return (USER_CALLS as readonly string[]).includes(event);
}
