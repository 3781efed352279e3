import type { TcpEvent } from "./events";
import type { OutcomeKind, TableRow } from "./outcome";
import type { TcpState } from "./states";

/*
 * The reference machine: one row for every state × event pair, taken from
 * RFC 9293 section 3.10 (event processing) and Figure 5 of section 3.3.2.
 * Everything else in SynAck (the simulator, the content check, the question
 * generators, the diagrams) reads this table; nothing restates a transition.
 *
 * Rules that the RFC states once for many states are written once below as
 * small row builders, and each state's rows name which rule they follow.
 */

type Row = TableRow;

function row(
  from: TcpState,
  event: TcpEvent,
  to: TcpState,
  sends: string | null,
  kind: OutcomeKind,
  rfc: string,
  note: string,
  extra: Partial<Row> = {},
): Row {
  return { from, event, to, sends, kind, rfc, note, ...extra };
}

const ALREADY_EXISTS = "connection already exists";
const DOES_NOT_EXIST = "connection does not exist";
const CLOSING = "connection closing";
const RESET = "connection reset";

/** 3.10.1: an OPEN on a TCB that is already in use. */
function alreadyOpen(state: TcpState, event: "passive open" | "active open"): Row {
  return row(state, event, state, null, "error", "3.10.1", `error: "${ALREADY_EXISTS}"; a TCB for this connection is already in use.`, {
    error: ALREADY_EXISTS,
  });
}

/** 3.10.2 and 3.10.4: SEND or CLOSE after our FIN is out. */
function closingError(state: TcpState, event: "send" | "close"): Row {
  const why =
    event === "send"
      ? "this side has already sent its FIN, so it may send no more data."
      : "this side has already closed; a second FIN is never sent.";
  return row(state, event, state, null, "error", event === "send" ? "3.10.2" : "3.10.4", `error: "${CLOSING}"; ${why}`, {
    error: CLOSING,
  });
}

/** 3.10.5: ABORT in a state that has told the peer about itself sends a reset. */
function abortWithReset(state: TcpState): Row {
  return row(
    state,
    "abort",
    "CLOSED",
    "RST",
    "transition",
    "3.10.5",
    `Send <SEQ=SND.NXT><CTL=RST>, return "${RESET}" to queued SENDs and RECEIVEs, delete the TCB (an abortive close).`,
    { error: RESET },
  );
}

/** 3.10.5: ABORT once both FINs are out needs no reset; the TCB is just deleted. */
function abortQuietly(state: TcpState): Row {
  return row(state, "abort", "CLOSED", null, "transition", "3.10.5", 'Respond "ok" and delete the TCB; no reset is sent once both sides have sent their FIN.');
}

/** 3.10.7.1 and 3.10.7.2: any ACK-bearing segment to CLOSED or LISTEN is answered by a reset. */
function resetForAck(state: "CLOSED" | "LISTEN", event: TcpEvent): Row {
  const section = state === "CLOSED" ? "3.10.7.1" : "3.10.7.2";
  const why =
    state === "CLOSED"
      ? "No TCB: a segment with the ACK bit is answered <SEQ=SEG.ACK><CTL=RST> so that the sender accepts the reset."
      : "Any acknowledgment is bad in LISTEN, since nothing has been sent: answer <SEQ=SEG.ACK><CTL=RST> and keep listening.";
  const carries = event === "rcv FIN" || event === "rcv FIN+ACK" ? " (A FIN after the handshake always carries ACK.)" : "";
  return row(state, event, state, "RST", "reply", section, why + carries);
}

/** 3.10.7.4 fourth check (RFC 5961 section 4): a SYN in a synchronized state gets a challenge ACK. */
function challengeAck(state: TcpState, event: "rcv SYN" | "rcv SYN+ACK"): Row {
  const extra =
    state === "TIME_WAIT" && event === "rcv SYN"
      ? " This is the case of a SYN at or below RCV.NXT, which may be an old duplicate; a SYN above RCV.NXT may reopen the connection (section 3.6.1)."
      : event === "rcv SYN+ACK" && state === "ESTABLISHED"
        ? " A retransmitted SYN+ACK (our third ACK was lost) gets exactly the ACK it needs."
        : "";
  return row(
    state,
    event,
    state,
    "ACK",
    "reply",
    "3.10.7.4",
    `A SYN in a synchronized state: send a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drop the segment (RFC 5961).${extra}`,
  );
}

/** 3.10.7.4 second check: an in-window reset closes a synchronized connection. */
function resetCloses(state: TcpState): Row {
  const quiet = state === "CLOSING" || state === "LAST_ACK" || state === "TIME_WAIT";
  const note = quiet
    ? "An acceptable reset: enter CLOSED and delete the TCB." +
      (state === "TIME_WAIT" ? " (RFC 1337 calls this TIME-WAIT assassination; some stacks ignore RSTs here.)" : "")
    : `An acceptable reset (its sequence number is exactly RCV.NXT): "${RESET}" to the user, delete the TCB.`;
  return row(state, "rcv RST", "CLOSED", null, "transition", "3.10.7.4", note, quiet ? {} : { error: RESET });
}

/** 3.10.7.4 fifth check: an ACK of something not yet sent (SEG.ACK > SND.NXT). */
function ackOfUnsentFin(state: TcpState): Row {
  return row(
    state,
    "rcv FIN+ACK",
    state,
    "ACK",
    "reply",
    "3.10.7.4",
    "Its ACK acknowledges a FIN this side never sent (SEG.ACK > SND.NXT): send an ACK and drop the segment.",
  );
}

/** 3.10.7.4 eighth check: a retransmitted FIN is acknowledged again. */
function finAgain(state: TcpState, event: "rcv FIN" | "rcv FIN+ACK"): Row {
  const restart = state === "TIME_WAIT" ? " and restart the 2MSL timer" : "";
  return row(
    state,
    event,
    state,
    "ACK",
    "reply",
    "3.10.7.4",
    `A retransmitted FIN (the peer did not get our ACK): acknowledge it again${restart}, remain in ${state}.`,
  );
}

/**
 * A retransmitted FIN that also acknowledges our FIN, in CLOSING or LAST_ACK.
 * It ends exactly at RCV.NXT. RFC 9293's acceptability test (3.10.7.4, first
 * check) would call it old and drop it unread; SynAck takes the Linux and BSD
 * reading everywhere (a segment that ends at RCV.NXT is acceptable:
 * tcp_input.c: tcp_sequence), so its ACK field is processed, as it is when
 * the same FIN restarts the TIME_WAIT timer.
 */
function retransmittedFinAcksOurs(state: "CLOSING" | "LAST_ACK"): Row {
  return state === "CLOSING"
    ? row(
        state,
        "rcv FIN+ACK",
        "TIME_WAIT",
        "ACK",
        "transition",
        "3.10.7.4",
        "A retransmitted FIN whose ACK field now covers our FIN: the ACK is processed (fifth check: our FIN is acknowledged, enter TIME_WAIT and start the 2MSL timer) and the repeated FIN is acknowledged again (eighth check).",
      )
    : row(
        state,
        "rcv FIN+ACK",
        "CLOSED",
        null,
        "transition",
        "3.10.7.4",
        "A retransmitted FIN whose ACK field now covers our FIN: the ACK is processed (fifth check: our FIN is acknowledged, so delete the TCB, enter CLOSED and return); nothing is sent.",
      );
}

function ackOnlyAdvances(state: TcpState, why: string): Row {
  return row(state, "rcv ACK", state, null, "no-change", "3.10.7.4", why);
}

function retransmit(state: TcpState, flags: string, what: string): Row {
  return row(state, "timeout", state, flags, "reply", "3.10.8", `Retransmission timeout: send ${what} again and back off the timer.`);
}

export const TRANSITIONS = [
  // CLOSED: no TCB exists (3.10.7.1).
  row("CLOSED", "passive open", "LISTEN", null, "arrow", "3.10.1", "Create a TCB and wait for a connection request (passive OPEN)."),
  row("CLOSED", "active open", "SYN_SENT", "SYN", "arrow", "3.10.1", "Create a TCB, choose an ISS and send <SEQ=ISS><CTL=SYN>; SND.UNA=ISS, SND.NXT=ISS+1."),
  row("CLOSED", "send", "CLOSED", null, "error", "3.10.2", `error: "${DOES_NOT_EXIST}"; there is no TCB to send on.`, { error: DOES_NOT_EXIST }),
  row("CLOSED", "close", "CLOSED", null, "error", "3.10.4", `error: "${DOES_NOT_EXIST}"; there is nothing to close.`, { error: DOES_NOT_EXIST }),
  row("CLOSED", "abort", "CLOSED", null, "error", "3.10.5", `error: "${DOES_NOT_EXIST}"; there is nothing to abort.`, { error: DOES_NOT_EXIST }),
  row(
    "CLOSED",
    "rcv SYN",
    "CLOSED",
    "RST+ACK",
    "reply",
    "3.10.7.1",
    "No TCB (nothing listens on the port): a segment without ACK is answered <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; the peer in SYN_SENT reports \"connection reset\" (sockets call it ECONNREFUSED, connection refused).",
  ),
  resetForAck("CLOSED", "rcv SYN+ACK"),
  resetForAck("CLOSED", "rcv ACK"),
  resetForAck("CLOSED", "rcv FIN"),
  resetForAck("CLOSED", "rcv FIN+ACK"),
  row("CLOSED", "rcv RST", "CLOSED", null, "no-change", "3.10.7.1", "An incoming RST is discarded: a reset is never answered with a reset."),
  row("CLOSED", "timeout", "CLOSED", null, "no-change", "3.10.8", "No TCB, so no timer runs."),

  // LISTEN: waiting for a SYN (3.10.7.2).
  row("LISTEN", "passive open", "LISTEN", null, "error", "3.10.1", `error: "${ALREADY_EXISTS}"; the TCB is already listening.`, { error: ALREADY_EXISTS }),
  row("LISTEN", "active open", "SYN_SENT", "SYN", "transition", "3.10.1", "An active OPEN turns the listening TCB active: choose an ISS and send SYN."),
  row("LISTEN", "send", "SYN_SENT", "SYN", "arrow", "3.10.2", "A SEND with the foreign socket known turns the TCB active: send SYN; the data waits until ESTABLISHED (or rides on the SYN)."),
  row("LISTEN", "close", "CLOSED", null, "arrow", "3.10.4", 'Delete the TCB; outstanding RECEIVEs get "error: closing".'),
  row("LISTEN", "abort", "CLOSED", null, "transition", "3.10.5", `Delete the TCB; outstanding RECEIVEs get "${RESET}". Nothing was sent, so no reset is needed.`),
  row("LISTEN", "rcv SYN", "SYN_RECEIVED", "SYN+ACK", "arrow", "3.10.7.2", "Set RCV.NXT=SEG.SEQ+1, choose an ISS and send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>."),
  resetForAck("LISTEN", "rcv SYN+ACK"),
  resetForAck("LISTEN", "rcv ACK"),
  resetForAck("LISTEN", "rcv FIN"),
  resetForAck("LISTEN", "rcv FIN+ACK"),
  row("LISTEN", "rcv RST", "LISTEN", null, "no-change", "3.10.7.2", "Ignored: a reset cannot refer to anything this listener sent."),
  row("LISTEN", "timeout", "LISTEN", null, "no-change", "3.10.8", "Nothing has been sent, so there is nothing to retransmit."),

  // SYN_SENT: our SYN is out (3.10.7.3).
  alreadyOpen("SYN_SENT", "passive open"),
  alreadyOpen("SYN_SENT", "active open"),
  row("SYN_SENT", "send", "SYN_SENT", null, "no-change", "3.10.2", "Queue the data; it is sent once the connection is ESTABLISHED."),
  row("SYN_SENT", "close", "CLOSED", null, "arrow", "3.10.4", 'Delete the TCB; queued SENDs and RECEIVEs get "error: closing".'),
  row("SYN_SENT", "abort", "CLOSED", null, "transition", "3.10.5", `Delete the TCB; queued SENDs and RECEIVEs get "${RESET}". No reset is sent: the peer has not answered yet.`),
  row(
    "SYN_SENT",
    "rcv SYN",
    "SYN_RECEIVED",
    "SYN+ACK",
    "arrow",
    "3.10.7.3",
    "Simultaneous open: the peer's SYN crossed ours. Set RCV.NXT=SEG.SEQ+1 and send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.",
  ),
  row(
    "SYN_SENT",
    "rcv SYN+ACK",
    "ESTABLISHED",
    "ACK",
    "arrow",
    "3.10.7.3",
    "The ACK acknowledges our SYN (SND.UNA < SEG.ACK =< SND.NXT): set RCV.NXT=SEG.SEQ+1 and send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.",
  ),
  row("SYN_SENT", "rcv ACK", "SYN_SENT", null, "no-change", "3.10.7.3", "Neither SYN nor RST is set: drop the segment. Only the peer's SYN can tell us its sequence numbers."),
  row("SYN_SENT", "rcv FIN", "SYN_SENT", null, "no-change", "3.10.7.3", "A FIN is not processed in SYN_SENT, since SEG.SEQ cannot be validated yet: drop the segment."),
  row(
    "SYN_SENT",
    "rcv FIN+ACK",
    "SYN_SENT",
    "RST",
    "reply",
    "3.10.7.3",
    "Its ACK acknowledges a FIN never sent (SEG.ACK > SND.NXT): send <SEQ=SEG.ACK><CTL=RST> and drop the segment.",
  ),
  // RFC 9293 words it "connection reset"; what a sockets program sees is ECONNREFUSED ("connection refused"): say both.
  row("SYN_SENT", "rcv RST", "CLOSED", null, "transition", "3.10.7.3", `A reset whose ACK acknowledges our SYN: "${RESET}" (the connection was refused; connect() fails with ECONNREFUSED); delete the TCB.`, {
    error: `${RESET} (ECONNREFUSED)`,
  }),
  retransmit("SYN_SENT", "SYN", "the SYN"),

  // SYN_RECEIVED: SYN received and SYN+ACK sent, waiting for the ACK (3.10.7.4).
  alreadyOpen("SYN_RECEIVED", "passive open"),
  alreadyOpen("SYN_RECEIVED", "active open"),
  row("SYN_RECEIVED", "send", "SYN_RECEIVED", null, "no-change", "3.10.2", "Queue the data; it is sent once the connection is ESTABLISHED."),
  row("SYN_RECEIVED", "close", "FIN_WAIT_1", "FIN+ACK", "arrow", "3.10.4", "With no data pending, send FIN (it carries ACK, as every segment a side sends after its own first SYN does) and enter FIN_WAIT_1."),
  abortWithReset("SYN_RECEIVED"),
  row(
    "SYN_RECEIVED",
    "rcv SYN",
    "SYN_RECEIVED",
    "ACK",
    "reply",
    "3.10.7.4",
    "A duplicate of the SYN already received (SEG.SEQ = IRS, before RCV.NXT) fails the sequence check: send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drop it. (Linux and BSD resend the SYN+ACK instead; the RFC leaves that to the retransmission timer.)",
  ),
  row(
    "SYN_RECEIVED",
    "rcv SYN+ACK",
    "ESTABLISHED",
    null,
    "transition",
    "3.5",
    "Simultaneous open (RFC 9293 Figure 7): the peer's SYN+ACK acknowledges our SYN, so the connection is established; nothing more is sent.",
  ),
  row("SYN_RECEIVED", "rcv ACK", "ESTABLISHED", null, "arrow", "3.10.7.4", "SND.UNA < SEG.ACK =< SND.NXT: our SYN is acknowledged and the connection is established."),
  row(
    "SYN_RECEIVED",
    "rcv FIN",
    "CLOSE_WAIT",
    "ACK",
    "transition",
    "3.10.7.4",
    "The FIN's ACK acknowledges our SYN (standing in for a lost third ACK), so the connection is established and at once half-closed: ACK the FIN.",
  ),
  row(
    "SYN_RECEIVED",
    "rcv FIN+ACK",
    "SYN_RECEIVED",
    "RST",
    "reply",
    "3.10.7.4",
    "Its ACK acknowledges a FIN never sent: an unacceptable ACK in SYN_RECEIVED is answered <SEQ=SEG.ACK><CTL=RST>.",
  ),
  row(
    "SYN_RECEIVED",
    "rcv RST",
    "LISTEN",
    null,
    "arrow",
    "3.10.7.4",
    "The connection came from LISTEN (passive OPEN): return to LISTEN; the user need not be told (Figure 5, note 1).",
    {
      whenActiveOpen: {
        to: "CLOSED",
        sends: null,
        note: 'After a simultaneous open (active OPEN) the connection was refused: "connection refused", delete the TCB.',
        error: "connection refused",
      },
    },
  ),
  retransmit("SYN_RECEIVED", "SYN+ACK", "the SYN+ACK"),

  // ESTABLISHED: data flows both ways.
  alreadyOpen("ESTABLISHED", "passive open"),
  alreadyOpen("ESTABLISHED", "active open"),
  row("ESTABLISHED", "send", "ESTABLISHED", "ACK", "reply", "3.10.2", "Segment the data and send it; every segment carries ACK."),
  row("ESTABLISHED", "close", "FIN_WAIT_1", "FIN+ACK", "arrow", "3.10.4", "Send FIN after any queued data; it carries ACK, so it goes out as FIN+ACK. Enter FIN_WAIT_1."),
  abortWithReset("ESTABLISHED"),
  challengeAck("ESTABLISHED", "rcv SYN"),
  challengeAck("ESTABLISHED", "rcv SYN+ACK"),
  ackOnlyAdvances("ESTABLISHED", "Our SYN is long acknowledged: an ACK here acknowledges data (SND.UNA advances) or is a duplicate. No change of state."),
  row("ESTABLISHED", "rcv FIN", "CLOSE_WAIT", "ACK", "arrow", "3.10.7.4", 'The peer has finished sending: RCV.NXT passes the FIN, ACK it, tell the user "connection closing".'),
  ackOfUnsentFin("ESTABLISHED"),
  resetCloses("ESTABLISHED"),
  row("ESTABLISHED", "timeout", "ESTABLISHED", "ACK", "reply", "3.10.8", "Only data can be outstanding here: the segment at the front of the retransmission queue is sent again (it carries ACK); the state does not change."),

  // FIN_WAIT_1: our FIN is out, not yet acknowledged.
  alreadyOpen("FIN_WAIT_1", "passive open"),
  alreadyOpen("FIN_WAIT_1", "active open"),
  closingError("FIN_WAIT_1", "send"),
  closingError("FIN_WAIT_1", "close"),
  abortWithReset("FIN_WAIT_1"),
  challengeAck("FIN_WAIT_1", "rcv SYN"),
  challengeAck("FIN_WAIT_1", "rcv SYN+ACK"),
  row("FIN_WAIT_1", "rcv ACK", "FIN_WAIT_2", null, "arrow", "3.10.7.4", "Our FIN is acknowledged; wait for the peer's FIN."),
  row(
    "FIN_WAIT_1",
    "rcv FIN",
    "CLOSING",
    "ACK",
    "arrow",
    "3.10.7.4",
    "Simultaneous close: the peer's FIN crossed ours and does not acknowledge it. ACK the FIN and wait for the ACK of ours.",
  ),
  row(
    "FIN_WAIT_1",
    "rcv FIN+ACK",
    "TIME_WAIT",
    "ACK",
    "transition",
    "3.10.7.4",
    "The FIN also acknowledges our FIN (the peer's ACK and FIN in one segment): go straight to TIME_WAIT, ACK the FIN, start the 2MSL timer.",
  ),
  resetCloses("FIN_WAIT_1"),
  retransmit("FIN_WAIT_1", "FIN+ACK", "the FIN"),

  // FIN_WAIT_2: our FIN is acknowledged; the peer may still send data.
  alreadyOpen("FIN_WAIT_2", "passive open"),
  alreadyOpen("FIN_WAIT_2", "active open"),
  closingError("FIN_WAIT_2", "send"),
  closingError("FIN_WAIT_2", "close"),
  abortWithReset("FIN_WAIT_2"),
  challengeAck("FIN_WAIT_2", "rcv SYN"),
  challengeAck("FIN_WAIT_2", "rcv SYN+ACK"),
  ackOnlyAdvances("FIN_WAIT_2", "Our FIN is already acknowledged: an ACK here acknowledges nothing new. Data from the peer is still received and acknowledged."),
  row("FIN_WAIT_2", "rcv FIN", "TIME_WAIT", "ACK", "arrow", "3.10.7.4", "The peer has finished too: ACK its FIN, enter TIME_WAIT and start the 2MSL timer."),
  row(
    "FIN_WAIT_2",
    "rcv FIN+ACK",
    "TIME_WAIT",
    "ACK",
    "arrow",
    "3.10.7.4",
    "The peer's FIN (its ACK field repeats the acknowledgment of our FIN): ACK it, enter TIME_WAIT and start the 2MSL timer.",
  ),
  resetCloses("FIN_WAIT_2"),
  row(
    "FIN_WAIT_2",
    "timeout",
    "FIN_WAIT_2",
    null,
    "no-change",
    "3.10.8",
    "Nothing is outstanding, so no retransmission timer runs; RFC 9293 sets no FIN_WAIT_2 timer (Linux drops an orphaned socket after tcp_fin_timeout, 60 s).",
  ),

  // CLOSE_WAIT: the peer has closed; we may still send.
  alreadyOpen("CLOSE_WAIT", "passive open"),
  alreadyOpen("CLOSE_WAIT", "active open"),
  row("CLOSE_WAIT", "send", "CLOSE_WAIT", "ACK", "reply", "3.10.2", "Half-close: the peer has finished sending, but this side may still send data; every segment carries ACK."),
  row("CLOSE_WAIT", "close", "LAST_ACK", "FIN+ACK", "arrow", "3.10.4", "Send FIN (with ACK) after any queued data and wait for its acknowledgment in LAST_ACK."),
  abortWithReset("CLOSE_WAIT"),
  challengeAck("CLOSE_WAIT", "rcv SYN"),
  challengeAck("CLOSE_WAIT", "rcv SYN+ACK"),
  ackOnlyAdvances("CLOSE_WAIT", "An ACK of our data, or a duplicate: no change of state."),
  finAgain("CLOSE_WAIT", "rcv FIN"),
  ackOfUnsentFin("CLOSE_WAIT"),
  resetCloses("CLOSE_WAIT"),
  row("CLOSE_WAIT", "timeout", "CLOSE_WAIT", "ACK", "reply", "3.10.8", "Only data can be outstanding here: the segment at the front of the retransmission queue is sent again (it carries ACK); the state does not change."),

  // CLOSING: both FINs are out; ours is not yet acknowledged.
  alreadyOpen("CLOSING", "passive open"),
  alreadyOpen("CLOSING", "active open"),
  closingError("CLOSING", "send"),
  closingError("CLOSING", "close"),
  abortQuietly("CLOSING"),
  challengeAck("CLOSING", "rcv SYN"),
  challengeAck("CLOSING", "rcv SYN+ACK"),
  row("CLOSING", "rcv ACK", "TIME_WAIT", null, "arrow", "3.10.7.4", "The ACK acknowledges our FIN: enter TIME_WAIT and start the 2MSL timer."),
  finAgain("CLOSING", "rcv FIN"),
  retransmittedFinAcksOurs("CLOSING"),
  resetCloses("CLOSING"),
  retransmit("CLOSING", "FIN+ACK", "the FIN"),

  // LAST_ACK: we closed after the peer; waiting for the ACK of our FIN.
  alreadyOpen("LAST_ACK", "passive open"),
  alreadyOpen("LAST_ACK", "active open"),
  closingError("LAST_ACK", "send"),
  closingError("LAST_ACK", "close"),
  abortQuietly("LAST_ACK"),
  challengeAck("LAST_ACK", "rcv SYN"),
  challengeAck("LAST_ACK", "rcv SYN+ACK"),
  row("LAST_ACK", "rcv ACK", "CLOSED", null, "arrow", "3.10.7.4", "Our FIN is acknowledged: delete the TCB. The passive closer needs no TIME_WAIT."),
  finAgain("LAST_ACK", "rcv FIN"),
  retransmittedFinAcksOurs("LAST_ACK"),
  resetCloses("LAST_ACK"),
  retransmit("LAST_ACK", "FIN+ACK", "the FIN"),

  // TIME_WAIT: both FINs acknowledged; wait 2MSL before forgetting the connection.
  alreadyOpen("TIME_WAIT", "passive open"),
  alreadyOpen("TIME_WAIT", "active open"),
  closingError("TIME_WAIT", "send"),
  closingError("TIME_WAIT", "close"),
  abortQuietly("TIME_WAIT"),
  {
    ...challengeAck("TIME_WAIT", "rcv SYN"),
    whenNewerSyn: {
      to: "SYN_RECEIVED",
      sends: "SYN+ACK",
      kind: "transition",
      rfc: "3.6.1",
      note: "A SYN whose sequence number is above RCV.NXT cannot belong to the old connection: the RFC allows (MAY-2, after RFC 1122 4.2.2.13; RFC 6191 with timestamps) reopening straight from TIME_WAIT, with an ISS above any sequence number the old connection used. Send <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK> and enter SYN_RECEIVED.",
    },
  },
  challengeAck("TIME_WAIT", "rcv SYN+ACK"),
  ackOnlyAdvances("TIME_WAIT", "Both FINs are acknowledged; a stray ACK changes nothing."),
  finAgain("TIME_WAIT", "rcv FIN"),
  finAgain("TIME_WAIT", "rcv FIN+ACK"),
  resetCloses("TIME_WAIT"),
  row("TIME_WAIT", "timeout", "CLOSED", null, "arrow", "3.10.8", "The 2MSL timer, started on entering TIME_WAIT and restarted by any retransmitted FIN, has run out: delete the TCB."),
] as const satisfies readonly Row[];
