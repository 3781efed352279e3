import { parseState, TCP_STATES, type TcpState } from "../tcp";

/*
 * The ways people write each state, for a short-answer question whose
 * accepted answers must be listed one by one (Moodle compares text, not
 * meaning). lib/tcp/states.ts keeps the alias map keyed by letters alone;
 * these are its written forms: the RFC 9293 §3.3.2 name with underscores,
 * hyphens (as the RFC prints it) or spaces, and the short forms `ss`
 * (ESTAB, SYN-RECV), Linux `netstat` (SYN_RECV, FIN_WAIT1, CLOSE) and BSD /
 * Stevens (SYN_RCVD) print. Every spelling is kept only if parseState reads
 * it as its state, so this list can never accept a wrong answer.
 */
const SHORT_FORMS: Partial<Record<TcpState, string[]>> = {
  CLOSED: ["CLOSE"],
  LISTEN: ["LISTENING"],
  SYN_RECEIVED: ["SYN_RCVD", "SYN-RCVD", "SYN_RECV", "SYN-RECV"],
  ESTABLISHED: ["ESTAB"],
  FIN_WAIT_1: ["FIN_WAIT1", "FIN-WAIT1", "FINWAIT1"],
  FIN_WAIT_2: ["FIN_WAIT2", "FIN-WAIT2", "FINWAIT2"],
};

/** Every accepted spelling of `state`, the canonical one first, no duplicates. */
export function stateSpellings(state: TcpState): string[] {
  const spellings = [state, state.replace(/_/g, "-"), state.replace(/_/g, " "), ...(SHORT_FORMS[state] ?? [])];
  return [...new Set(spellings)].filter((spelling) => parseState(spelling) === state);
}

/** The one state all the given answers name, or null when they name none or several. */
export function stateOfAnswers(answers: readonly string[]): TcpState | null {
  const states = new Set(answers.map((answer) => parseState(answer)));
  if (states.size !== 1) return null;
  const [state] = states;
  return state ?? null;
}

export const ALL_STATE_SPELLINGS: ReadonlyMap<TcpState, string[]> = new Map(TCP_STATES.map((state) => [state, stateSpellings(state)]));
