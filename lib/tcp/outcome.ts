import type { TcpEvent } from "./events";
import type { Flags } from "./flags";
import type { TcpState } from "./states";

/**
 * What kind of outcome a row is, so that readers can tell the drawn diagram
 * from the text of the RFC:
 * - `arrow`: an arrow of RFC 9293 Figure 5 (section 3.3.2);
 * - `transition`: a change of state that section 3.10 specifies but the figure does not draw;
 * - `reply`: the state stays and a segment is sent (RST, ACK, challenge ACK, retransmission, data);
 * - `no-change`: the state stays and nothing is sent (dropped, queued, nothing outstanding);
 * - `error`: a user call refused with an error, nothing changes.
 */
export const OUTCOME_KINDS = ["arrow", "transition", "reply", "no-change", "error"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface Outcome {
  from: TcpState;
  event: TcpEvent;
  to: TcpState;
  /** The control bits of the segment sent, or null when nothing is sent. */
  sends: Flags | null;
  kind: OutcomeKind;
  /** What happens and why, in the RFC's terms. */
  note: string;
  /** The RFC 9293 section the outcome comes from. */
  rfc: string;
  /** The error the user call returns, for `error` rows and resets. */
  error?: string;
  /**
   * Where a profile other than RFC 9293 takes this outcome from: the Linux
   * kernel file and function (`net/ipv4/tcp_minisocks.c: tcp_timewait_state_process`).
   */
  kernel?: string;
  /** Which case of a row this is, when the row depends on more than state and event. */
  variant?: RowVariant;
  /** The key of this outcome's Chinese note in lib/tcp/notes-zh.ts. */
  noteKey?: string;
}

/**
 * The cases a row can split into:
 * - `active open`: SYN_RECEIVED reached from SYN_SENT (a simultaneous open) rather than from LISTEN;
 * - `newer SYN`: a SYN in TIME_WAIT whose sequence number lies above RCV.NXT, which may reopen the connection.
 */
export const ROW_VARIANTS = ["active open", "newer SYN"] as const;
export type RowVariant = (typeof ROW_VARIANTS)[number];

type VariantOutcome = Pick<Outcome, "to" | "sends" | "note" | "rfc" | "kind"> & { error?: string; kernel?: string };

/**
 * A row may depend on how the connection was opened: RFC 9293 3.10.7.4 sends
 * SYN_RECEIVED back to LISTEN on a reset only when it came from LISTEN.
 */
export interface TableRow extends Outcome {
  whenActiveOpen?: Partial<VariantOutcome> & Pick<Outcome, "to" | "sends" | "note">;
  whenNewerSyn?: Partial<VariantOutcome> & Pick<Outcome, "to" | "sends" | "note">;
}

export interface TransitionContext {
  /** True when the connection left CLOSED by an active OPEN (SYN_SENT), false when it came from LISTEN. */
  activeOpen?: boolean;
  /**
   * True for a SYN whose sequence number lies above RCV.NXT (or, with
   * timestamps, is newer: RFC 6191): in TIME_WAIT it may start a new connection.
   */
  newerSyn?: boolean;
}
