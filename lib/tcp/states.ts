/**
 * The eleven connection states of RFC 9293 section 3.3.2, in the order the
 * RFC lists them, with the spellings that books, `ss` and `netstat` use.
 */
export const TCP_STATES = [
  "CLOSED",
  "LISTEN",
  "SYN_SENT",
  "SYN_RECEIVED",
  "ESTABLISHED",
  "FIN_WAIT_1",
  "FIN_WAIT_2",
  "CLOSE_WAIT",
  "CLOSING",
  "LAST_ACK",
  "TIME_WAIT",
] as const;

export type TcpState = (typeof TCP_STATES)[number];

/**
 * Spellings keyed by their letters and digits alone, upper-cased, so that
 * "SYN-RECV", "syn_recv" and "SYN RECV" all meet the same key.
 * `ss` prints ESTAB, SYN-RECV, FIN-WAIT-1, TIME-WAIT; Linux `netstat` prints
 * SYN_RECV, FIN_WAIT1, CLOSE (for CLOSED); BSD and Stevens write SYN_RCVD.
 */
const ALIASES: Record<string, TcpState> = {
  CLOSED: "CLOSED",
  CLOSE: "CLOSED",
  LISTEN: "LISTEN",
  LISTENING: "LISTEN",
  SYNSENT: "SYN_SENT",
  SYNRECEIVED: "SYN_RECEIVED",
  SYNRCVD: "SYN_RECEIVED",
  SYNRECV: "SYN_RECEIVED",
  SYNRCV: "SYN_RECEIVED",
  ESTABLISHED: "ESTABLISHED",
  ESTAB: "ESTABLISHED",
  FINWAIT1: "FIN_WAIT_1",
  FINWAIT2: "FIN_WAIT_2",
  CLOSEWAIT: "CLOSE_WAIT",
  CLOSING: "CLOSING",
  LASTACK: "LAST_ACK",
  TIMEWAIT: "TIME_WAIT",
};

/** The canonical name for any known spelling of a state, or null. */
export function parseState(input: string): TcpState | null {
  const key = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return ALIASES[key] ?? null;
}

/** RFC 9293 writes states with hyphens ("SYN-RECEIVED"); useful in citations. */
export function rfcSpelling(state: TcpState): string {
  return state.replace(/_/g, "-");
}
