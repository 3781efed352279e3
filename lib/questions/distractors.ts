import { allOutcomes, TCP_STATES, type TcpState } from "../tcp";
import type { Random } from "./random";

/**
 * States learners mix up, from the seed notes and interview practice: the
 * two FIN_WAITs and CLOSING, CLOSE_WAIT and LAST_ACK, the handshake pair.
 */
const CONFUSIONS: Record<TcpState, TcpState[]> = {
  CLOSED: ["LISTEN", "TIME_WAIT", "LAST_ACK"],
  LISTEN: ["CLOSED", "SYN_RECEIVED", "SYN_SENT"],
  SYN_SENT: ["SYN_RECEIVED", "ESTABLISHED", "LISTEN"],
  SYN_RECEIVED: ["SYN_SENT", "ESTABLISHED", "LISTEN"],
  ESTABLISHED: ["SYN_RECEIVED", "CLOSE_WAIT", "SYN_SENT"],
  FIN_WAIT_1: ["FIN_WAIT_2", "CLOSING", "CLOSE_WAIT"],
  FIN_WAIT_2: ["FIN_WAIT_1", "CLOSING", "TIME_WAIT"],
  CLOSE_WAIT: ["LAST_ACK", "FIN_WAIT_2", "CLOSING"],
  CLOSING: ["FIN_WAIT_2", "TIME_WAIT", "LAST_ACK"],
  LAST_ACK: ["CLOSE_WAIT", "CLOSED", "TIME_WAIT"],
  TIME_WAIT: ["CLOSING", "CLOSED", "FIN_WAIT_2"],
};

/** States one event away from `state`: where learners look for the answer. */
function neighbours(state: TcpState): TcpState[] {
  return [...new Set(allOutcomes().filter((outcome) => outcome.from === state).map((outcome) => outcome.to))];
}

/** `count` states other than `answer`, plausible ones first. */
export function stateDistractors(answer: TcpState, from: TcpState | null, random: Random, count = 3): TcpState[] {
  const plausible = [...new Set([...CONFUSIONS[answer], ...(from ? [from, ...neighbours(from)] : [])])].filter((state) => state !== answer);
  const chosen = random.sample(plausible, count);
  const rest = random.shuffle(TCP_STATES.filter((state) => state !== answer && !chosen.includes(state)));
  return [...chosen, ...rest].slice(0, count);
}

export const FLAG_CHOICES = ["SYN", "SYN+ACK", "ACK", "FIN+ACK", "RST", "RST+ACK"] as const;

/** Flag sets other than `answer` (null is "nothing"), the likely confusions first. */
export function flagDistractors(answer: string | null, random: Random, count = 3): (string | null)[] {
  const likely: (string | null)[] = {
    SYN: ["SYN+ACK", "ACK", null],
    "SYN+ACK": ["SYN", "ACK", "RST"],
    ACK: ["FIN+ACK", "SYN+ACK", null],
    "FIN+ACK": ["ACK", "FIN", "RST"],
    RST: ["RST+ACK", "ACK", null],
    "RST+ACK": ["RST", "ACK", null],
  }[answer ?? ""] ?? ["ACK", "RST", "FIN+ACK"];
  const pool = [...new Set([...likely, ...FLAG_CHOICES, null])].filter((flags) => flags !== answer);
  const first = random.sample(pool.slice(0, likely.length).filter((f) => f !== answer), count);
  const rest = random.shuffle(pool.filter((flags) => !first.includes(flags)));
  return [...first, ...rest].slice(0, count);
}
