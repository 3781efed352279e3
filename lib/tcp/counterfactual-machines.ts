import { REFERENCE_MACHINE, withOverrides, type Machine } from "./machine";

/*
 * Machines that are deliberately wrong, for the "why" questions. Each changes
 * only the rows its counterfactual needs; everything else stays RFC 9293.
 */

/** A server that considers the connection open as soon as it answers the first SYN. */
export const TWO_WAY_HANDSHAKE_MACHINE: Machine = withOverrides(
  REFERENCE_MACHINE,
  "two-way-handshake",
  "Counterfactual: the server is ESTABLISHED on the first SYN and expects no third segment.",
  [
    {
      from: "LISTEN",
      event: "rcv SYN",
      to: "ESTABLISHED",
      sends: "SYN+ACK",
      kind: "transition",
      rfc: "3.4",
      note: "Counterfactual: the server answers SYN+ACK and is ESTABLISHED at once, without learning whether the SYN is current or an old duplicate.",
    },
    {
      from: "SYN_SENT",
      event: "rcv SYN+ACK",
      to: "ESTABLISHED",
      sends: null,
      kind: "transition",
      rfc: "3.4",
      note: "Counterfactual: the client needs to send nothing back; the handshake has only two segments.",
    },
  ],
);

/** An active closer that forgets the connection as soon as it has sent its last ACK. */
export const NO_TIME_WAIT_MACHINE: Machine = withOverrides(
  REFERENCE_MACHINE,
  "no-time-wait",
  "Counterfactual: the active closer goes to CLOSED where RFC 9293 enters TIME_WAIT.",
  [
    {
      from: "FIN_WAIT_2",
      event: "rcv FIN",
      to: "CLOSED",
      sends: "ACK",
      kind: "transition",
      rfc: "3.6",
      note: "Counterfactual: ACK the FIN and delete the TCB at once, with no TIME_WAIT.",
    },
    {
      from: "FIN_WAIT_2",
      event: "rcv FIN+ACK",
      to: "CLOSED",
      sends: "ACK",
      kind: "transition",
      rfc: "3.6",
      note: "Counterfactual: ACK the FIN and delete the TCB at once, with no TIME_WAIT.",
    },
    {
      from: "FIN_WAIT_1",
      event: "rcv FIN+ACK",
      to: "CLOSED",
      sends: "ACK",
      kind: "transition",
      rfc: "3.6",
      note: "Counterfactual: ACK the FIN and delete the TCB at once, with no TIME_WAIT.",
    },
    {
      from: "CLOSING",
      event: "rcv ACK",
      to: "CLOSED",
      sends: null,
      kind: "transition",
      rfc: "3.6",
      note: "Counterfactual: delete the TCB at once, with no TIME_WAIT.",
    },
    {
      from: "CLOSING",
      event: "rcv FIN+ACK",
      to: "CLOSED",
      sends: "ACK",
      kind: "transition",
      rfc: "3.6",
      note: "Counterfactual: ACK the retransmitted FIN and delete the TCB at once, with no TIME_WAIT.",
    },
  ],
);
