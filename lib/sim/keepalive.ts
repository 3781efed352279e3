import type { TcpState } from "../tcp";
import type { Endpoint } from "./endpoint";
import type { TimingOptions } from "./types";

/*
 * Keep-alive (RFC 9293 3.8.4, RFC 1122 4.2.3.6): off unless the application
 * asks (MUST-24, MUST-25); probes only an idle connection, one with nothing
 * outstanding that has heard nothing from its peer for the idle time (MUST-26).
 * Linux: net/ipv4/tcp_timer.c: tcp_keepalive_timer.
 */

/** The states in which the keep-alive timer watches a connection. */
const WATCHED: readonly TcpState[] = ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT"];

export type KeepaliveAction =
  | { kind: "stop" }
  | { kind: "wait"; until: number }
  | { kind: "probe"; number: number; idle: number }
  | { kind: "give up" };

type Timing = Pick<TimingOptions, "keepaliveTime" | "keepaliveInterval" | "keepaliveProbes">;

/** What the keep-alive timer does when it fires at `now`. */
export function keepaliveAction(endpoint: Endpoint, now: number, timing: Timing): KeepaliveAction {
  if (!endpoint.keepalive || !WATCHED.includes(endpoint.state)) return { kind: "stop" };
  // Data in flight has the retransmission timer watching it ("alive without keepalive").
  if (endpoint.outstanding.length > 0 || endpoint.queuedBytes > 0) return { kind: "wait", until: now + timing.keepaliveTime };
  const idle = now - endpoint.lastHeardAt;
  if (idle < timing.keepaliveTime) return { kind: "wait", until: endpoint.lastHeardAt + timing.keepaliveTime };
  if (endpoint.probesOut >= timing.keepaliveProbes) return { kind: "give up" };
  return { kind: "probe", number: endpoint.probesOut + 1, idle };
}
