import { classifyArrival, type Segment, type Side, type SimEvent, type Trace, type TraceStep } from "../sim";
import { createEndpoint, type Endpoint } from "../sim/endpoint";
import { hasFlag, PROFILES, seqAdd, seqDiff, seqLe, seqLt, transition, type Flags, type Outcome, type ProfileName, type TcpEvent, type TcpState } from "../tcp";
import { senderOf, type CaptureConnection, type CaptureEndpoint } from "./connections";
import { replayNotes } from "./replay-notes";
import { markSegments, spaceOf, type SegmentMark } from "./segment-marks";
import type { CapturedSegment } from "./types";

/**
 * A note on one segment: a mark from the wire (a retransmission, a loss) or
 * something the profile's machine did not expect, with the rule that says so.
 */
export interface SegmentNote {
  kind: SegmentMark["kind"] | "unexpected";
  en: string;
  zh: string;
  rule: string;
}

export interface ReplayedSegment {
  /** 1-based within the connection. */
  n: number;
  frame: number;
  /** Milliseconds since the connection's first segment. */
  t: number;
  from: Side;
  flags: Flags;
  /** Relative to the sender's ISN (the SYN's sequence number is 0), as Wireshark shows them. */
  seq: number;
  /** Relative to the receiver's ISN; null when the ACK bit is off. */
  ack: number | null;
  len: number;
  rawSeq: number;
  rawAck: number | null;
  window: number;
  notes: SegmentNote[];
}

export interface ReplayedEndpoint extends CaptureEndpoint {
  role: Side | "simultaneous open";
  /** The state sequence, starting with the state before the first segment, repeats collapsed. */
  states: TcpState[];
}

export interface ConnectionReplay {
  index: number;
  endpoints: [ReplayedEndpoint, ReplayedEndpoint];
  segments: ReplayedSegment[];
  /** A trace of the same shape as a scenario's, for the sequence diagram and the player. */
  trace: Trace;
  /** Milliseconds from the connection's first segment to the last frame of the file. */
  captureEnd: number;
  /** Steps at or after this index happen after the capture ended: only the profile's timers reveal them. */
  timedFrom: number;
}

interface Pending {
  index: number;
  segment: Segment;
  t: number;
  /** Received only after the receiver sent the segment at this index (their paths crossed). */
  after: number;
}

interface SideState {
  side: Side;
  endpoint: Endpoint;
  /** Segments from the peer that crossed this side's own on the way: processed after it. */
  inbox: Pending[];
  /** The last step recorded at this side. */
  lastStep: number | null;
  /** Since when the side has been in its current state (ms). */
  since: number;
  /** Window scale this side offered in its SYN, if any. */
  windowScale: number | null;
  /** What the last processed arrival asks this side to send, until something satisfies it. */
  owes: { flags: Flags; step: number; n: number } | null;
  /** The ACK an arrival asked for has not gone out yet (it may be delayed). */
  ackPending: boolean;
  /** Out-of-order segments held until the gap before them fills. */
  held: Segment[];
  /** Data arrived after this side sent its FIN: it had called shutdown(), not close(), so it still reads. */
  readsAfterFin: boolean;
}

/**
 * Replays one connection through both endpoints with the profile's machine.
 *
 * A capture is seen from one point on the path, so when an endpoint received
 * a segment is an inference: the ACK field of what it sends next tells. A
 * segment whose sequence space the receiver's next segment does not yet
 * acknowledge had not arrived when that segment left (two FINs that cross:
 * RFC 9293 Figure 13, a simultaneous close). Segments that occupy no sequence
 * space are taken to arrive in order. A segment that was sent again before
 * anything acknowledged it is taken as lost after the capture point.
 */
export function replayConnection(connection: CaptureConnection, profileName: ProfileName, fileEnd: number): ConnectionReplay {
  return new ConnectionReplayer(connection, profileName, fileEnd).run();
}

class ConnectionReplayer {
  private readonly profile;
  private readonly marks: SegmentMark[][];
  private readonly notes: SegmentNote[][];
  private readonly steps: TraceStep[] = [];
  private readonly sides: Record<Side, SideState>;
  private readonly t0: number;
  private readonly isn: Record<Side, number>;
  private readonly initial: Record<Side, TcpState>;
  private readonly simultaneousOpen: boolean;
  /** For each segment index, the index of the next segment each side sends (duplicates aside). */
  private readonly nextBySide: Record<Side, (number | null)[]>;
  private now = 0;

  constructor(
    private readonly connection: CaptureConnection,
    profileName: ProfileName,
    private readonly fileEnd: number,
  ) {
    this.profile = PROFILES[profileName];
    this.marks = markSegments(connection);
    this.nextBySide = { client: [], server: [] };
    const upcoming: Record<Side, number | null> = { client: null, server: null };
    for (let index = connection.segments.length - 1; index >= 0; index--) {
      this.nextBySide.client[index] = upcoming.client;
      this.nextBySide.server[index] = upcoming.server;
      if (!this.marks[index]!.some((mark) => mark.kind === "duplicate")) upcoming[senderOf(connection, connection.segments[index]!)] = index;
    }
    this.notes = this.marks.map((marks) => marks.map((mark) => replayNotes.mark(mark)));
    this.t0 = connection.segments[0]?.time ?? 0;
    const synOf = (side: Side) => connection.segments.find((s) => senderOf(connection, s) === side && hasFlag(s.flags, "SYN"));
    const firstOf = (side: Side) => connection.segments.find((s) => senderOf(connection, s) === side);
    const clientSyn = synOf("client");
    const serverSyn = synOf("server");
    this.simultaneousOpen = !!clientSyn && !!serverSyn && !hasFlag(serverSyn.flags, "ACK");
    // Without a SYN the ISN is unknown: number from the first segment seen, as if it followed the SYN.
    const isnOf = (side: Side) => {
      const syn = synOf(side);
      if (syn) return syn.seq;
      const first = firstOf(side);
      // A reset from a side that never synchronized carries SEQ=0 or SEG.ACK: number it as it is.
      if (first && hasFlag(first.flags, "RST")) return 0;
      return first ? seqAdd(first.seq, -1) : 0;
    };
    this.isn = { client: isnOf("client"), server: isnOf("server") };
    this.initial = this.initialStates(clientSyn, firstOf("server"));
    const make = (side: Side): SideState => ({
      side,
      endpoint: createEndpoint({
        side,
        state: this.initial[side] === "ESTABLISHED" ? "ESTABLISHED" : this.initial[side] === "LISTEN" ? "LISTEN" : "CLOSED",
        // The replay numbers each side's sequence space from its ISN, as Wireshark's relative numbers do.
        isn: 0,
        peerIsn: 0,
        rto: this.profile.timers.initialRto,
      }),
      inbox: [],
      lastStep: null,
      since: 0,
      windowScale: null,
      owes: null,
      ackPending: false,
      held: [],
      readsAfterFin: false,
    });
    this.sides = { client: make("client"), server: make("server") };
    for (const side of ["client", "server"] as const) this.sides[side].endpoint.state = this.initial[side];
  }

  /**
   * The client starts CLOSED when its SYN is in the capture. The server starts
   * in LISTEN when it answered a SYN with SYN+ACK (or never answered), CLOSED
   * when it answered with a reset (nothing listened: RFC 9293 3.10.7.1), and
   * both start ESTABLISHED when the capture began after the handshake.
   */
  private initialStates(clientSyn: CapturedSegment | undefined, serverFirst: CapturedSegment | undefined): Record<Side, TcpState> {
    if (!clientSyn) {
      const first = this.connection.segments[0];
      if (first && hasFlag(first.flags, "SYN")) return { client: "SYN_SENT", server: "SYN_RECEIVED" };
      return { client: "ESTABLISHED", server: "ESTABLISHED" };
    }
    if (this.simultaneousOpen) return { client: "CLOSED", server: "CLOSED" };
    if (serverFirst && hasFlag(serverFirst.flags, "RST") && !hasFlag(serverFirst.flags, "SYN")) return { client: "CLOSED", server: "CLOSED" };
    return { client: "CLOSED", server: "LISTEN" };
  }

  run(): ConnectionReplay {
    const segments = this.connection.segments;
    if (this.initial.client === "SYN_SENT") {
      // The capture began between the SYN and the SYN+ACK: the client's SYN is taken as sent.
      this.sides.client.endpoint.sndNxt = 1;
      this.sides.client.endpoint.activeOpen = true;
      this.sides.server.endpoint.rcvNxt = 1;
    }
    segments.forEach((captured, index) => {
      const t = this.ms(captured.time);
      this.fireTimers(t);
      this.now = Math.max(this.now, t);
      const side = senderOf(this.connection, captured);
      if (this.marks[index]!.some((mark) => mark.kind === "duplicate")) return;
      this.send(this.sides[side], index, captured, t);
    });
    // What is still in flight when the capture ends was received, in the order it was sent.
    this.drainAll();
    const captureEnd = Math.max(this.ms(this.fileEnd), this.now);
    const timedFrom = this.steps.length;
    this.fireTimers(Number.POSITIVE_INFINITY, captureEnd);
    this.noteUnpaidReplies();
    return {
      index: this.connection.index,
      endpoints: [this.endpoint("client"), this.endpoint("server")],
      segments: segments.map((captured, index) => this.replayed(captured, index)),
      trace: {
        scenario: `capture connection ${this.connection.index}`,
        profile: this.profile.name,
        machine: this.profile.machine.name,
        isn: { client: 0, server: 0 },
        initial: { ...this.initial },
        steps: this.steps,
        bytes: {
          client: { sent: this.sides.client.endpoint.bytesSent, delivered: this.sides.client.endpoint.bytesDelivered },
          server: { sent: this.sides.server.endpoint.bytesSent, delivered: this.sides.server.endpoint.bytesDelivered },
        },
      },
      captureEnd,
      timedFrom,
    };
  }

  private ms(time: number): number {
    return Math.round((time - this.t0) * 1_000_000) / 1000;
  }

  // ---- sending ----

  private send(sender: SideState, index: number, captured: CapturedSegment, t: number): void {
    const segment = this.simSegment(index, captured, sender.side);
    const endpoint = sender.endpoint;
    const from = endpoint.state;
    const owed = sender.owes;
    const answers = owed !== null && sameReply(owed.flags, segment) && (segment.len === 0 || hasFlag(segment.flags, "SYN"));
    // The answer rides on the step that asked for it when nothing else happened in between.
    const lastArrival = this.steps.length - 1;
    const merged = answers && owed!.step === lastArrival && sender.lastStep === lastArrival && this.steps[lastArrival]!.segment === null;
    if (hasFlag(segment.flags, "ACK") && segment.ack !== null) this.payAck(sender, segment.ack);
    if (merged) {
      const step = this.steps[lastArrival]!;
      step.segment = segment;
      step.t = Math.max(step.t, t);
      // The step happens when its answer leaves: a state it entered dates from then.
      // So does a TIME_WAIT restarted by a retransmitted FIN.
      if (step[sender.side] !== (this.steps[lastArrival - 1]?.[sender.side] ?? this.initial[sender.side]) || step[sender.side] === "TIME_WAIT") sender.since = step.t;
      sender.owes = null;
      if (owed!.flags === "ACK") sender.ackPending = false;
      this.trackSent(sender, captured, segment);
      this.deliverToPeer(sender, index, segment, t);
      this.releaseCrossed(sender, index);
      return;
    }
    if (owed && owed.flags !== "ACK" && !answers) {
      this.note(index, replayNotes.owedOther(sender.side, owed.n, owed.flags, segment.flags, this.profile.name));
      sender.owes = null;
    }
    if (answers && owed!.flags !== "ACK") {
      // An answer that others' segments separated from the arrival it answers: its own step, no change of state.
      const later = replayNotes.answerLater(owed!.n, segment.flags);
      sender.owes = null;
      this.trackSent(sender, captured, segment);
      this.record(this.steps[owed!.step]!.event, sender.side, later.en, { segment, rfc: this.steps[owed!.step]!.rfc, noteZh: later.zh });
      this.deliverToPeer(sender, index, segment, t);
      this.releaseCrossed(sender, index);
      return;
    }
    if (isBareAck(segment) && !this.isRetransmission(index)) {
      this.sendBareAck(sender, index, captured, segment, t, answers);
      this.releaseCrossed(sender, index);
      return;
    }
    const cause = this.causeOf(sender, segment, index);
    const outcome = transition(from, cause, { activeOpen: endpoint.activeOpen }, this.profile.machine);
    const retransmission = this.isRetransmission(index);
    if (!retransmission && !sameReply(outcome.sends ?? "", segment)) {
      this.note(index, replayNotes.unexpectedSend(sender.side, from, cause, outcome.sends, segment.flags, outcome.rfc, this.profile.name, outcome.kernel));
    }
    if (answers) sender.owes = null;
    this.trackSent(sender, captured, segment);
    if (cause === "active open") endpoint.activeOpen = true;
    this.enter(sender, outcome.to);
    this.record(cause, sender.side, retransmission ? replayNotes.retransmitted(segment.flags, this.marks[index]!).en : outcome.note, {
      segment: segment,
      rfc: retransmission ? "3.8.1" : outcome.rfc,
      kernel: retransmission ? undefined : outcome.kernel,
      error: retransmission ? undefined : outcome.error,
      noteZh: retransmission ? replayNotes.retransmitted(segment.flags, this.marks[index]!).zh : undefined,
    });
    if (outcome.to === "CLOSED") this.forget(sender);
    this.deliverToPeer(sender, index, segment, t);
    this.releaseCrossed(sender, index);
  }

  /**
   * An empty ACK that no arrival just asked for: a delayed ACK, a keep-alive
   * probe, or a window update. It changes no state; from a side with no
   * synchronized connection it is one the profile does not expect.
   */
  private sendBareAck(sender: SideState, index: number, captured: CapturedSegment, segment: Segment, t: number, answers: boolean): void {
    const state = sender.endpoint.state;
    if (state === "CLOSED" || state === "LISTEN" || state === "SYN_SENT") {
      this.note(index, replayNotes.unexpectedSend(sender.side, state, "send", null, segment.flags, "3.10.7", this.profile.name));
    }
    const event: SimEvent = this.marks[index]!.some((mark) => mark.kind === "keepalive") ? "keepalive probe" : sender.ackPending || answers ? "ack timer" : "window update";
    sender.ackPending = false;
    if (answers) sender.owes = null;
    this.trackSent(sender, captured, segment);
    const note = replayNotes.quietAck(event);
    this.record(event, sender.side, note.en, { segment: segment, rfc: note.rfc, noteZh: note.zh });
    this.deliverToPeer(sender, index, segment, t);
  }

  private isRetransmission(index: number): boolean {
    return this.marks[index]!.some((mark) => mark.kind.endsWith("retransmission"));
  }

  /** Why the sender sent this segment, when it was not the answer to an arrival. */
  private causeOf(sender: SideState, segment: Segment, index: number): TcpEvent {
    const endpoint = sender.endpoint;
    const has = (flag: "SYN" | "FIN" | "RST" | "ACK") => hasFlag(segment.flags, flag);
    if (this.isRetransmission(index)) return "timeout";
    if (has("RST")) return "abort";
    if (has("SYN")) return endpoint.state === "LISTEN" ? "send" : "active open";
    if (has("FIN") && (endpoint.finSeq === null || seqLt(endpoint.finSeq, seqAdd(segment.seq, segment.len)))) return "close";
    return "send";
  }

  /** The sender's own numbers move with what it sends. */
  private trackSent(sender: SideState, captured: CapturedSegment, segment: Segment): void {
    const endpoint = sender.endpoint;
    if (hasFlag(segment.flags, "RST")) return;
    if (hasFlag(segment.flags, "SYN")) {
      endpoint.iss = segment.seq;
      if (endpoint.connections === 0 || seqLt(endpoint.sndNxt, seqAdd(segment.seq, 1))) {
        endpoint.sndUna = segment.seq;
        endpoint.sndNxt = seqAdd(segment.seq, 1);
      }
      endpoint.connections = Math.max(endpoint.connections, 1);
      const scale = captured.options.find((option) => option.kind === "window-scale");
      sender.windowScale = scale && scale.kind === "window-scale" ? scale.shift : null;
    }
    const end = seqAdd(segment.seq, spaceOf(captured));
    if (seqLt(endpoint.sndNxt, end)) {
      endpoint.bytesSent += seqDiff(end, endpoint.sndNxt) - (hasFlag(segment.flags, "FIN") ? 1 : 0) - (hasFlag(segment.flags, "SYN") ? 1 : 0);
      endpoint.sndNxt = end;
    }
    if (hasFlag(segment.flags, "FIN")) endpoint.finSeq = seqAdd(segment.seq, segment.len);
    // The window this side offers bounds what its peer may send (scaled once both SYNs offered scaling: RFC 7323 2.2).
    const peer = this.sides[sender.side === "client" ? "server" : "client"];
    const scaled = hasFlag(segment.flags, "SYN") || sender.windowScale === null || peer.windowScale === null ? captured.window : captured.window * 2 ** sender.windowScale;
    endpoint.rcvWnd = Math.max(scaled, 1);
  }

  /**
   * The peer receives the segment now, unless the peer's next segment shows
   * it had not: that segment's ACK does not cover this one's sequence space,
   * so the two crossed, and this one is processed right after it.
   */
  private deliverToPeer(sender: SideState, index: number, segment: Segment, t: number): void {
    const receiver = this.sides[sender.side === "client" ? "server" : "client"];
    if (this.marks[index]!.some((mark) => mark.kind === "never received")) {
      this.record("lost", "network", `Segment ${segment.n} (${segment.flags}) is lost in the network.`, { lost: segment.n });
      return;
    }
    const next = this.nextFrom(receiver.side, index);
    const pending: Pending = { index, segment, t, after: next ?? -1 };
    if (next !== null && this.crossed(receiver, segment, this.simSegment(next, this.connection.segments[next]!, receiver.side))) {
      receiver.inbox.push(pending);
      return;
    }
    this.receive(receiver, pending, next === null ? null : this.simSegment(next, this.connection.segments[next]!, receiver.side));
  }

  /** The index of the next segment `side` sends after `index` (duplicates aside), or null. */
  private nextFrom(side: Side, index: number): number | null {
    return this.nextBySide[side][index] ?? null;
  }

  /**
   * `reply` left before `segment` arrived: it occupies sequence space that
   * `reply`'s ACK field does not cover. When the receiver already has all of
   * that space (a retransmission, or a SYN+ACK repeating a SYN's number), the
   * ACK field cannot tell; then a reply that pays what the receiver owes was
   * sent before this segment arrived (two SYN+ACKs crossing in a
   * simultaneous open).
   */
  private crossed(receiver: SideState, segment: Segment, reply: Segment): boolean {
    const space = segmentSpaceOf(segment);
    if (space === 0 || hasFlag(reply.flags, "RST")) return false;
    if (!hasFlag(reply.flags, "ACK") || reply.ack === null) return hasFlag(reply.flags, "SYN");
    const end = seqAdd(segment.seq, space);
    const rcvNxt = receiver.endpoint.rcvNxt;
    if (rcvNxt !== null && seqLe(end, rcvNxt)) return receiver.owes !== null && receiver.owes.flags !== "ACK" && sameReply(receiver.owes.flags, reply);
    return !seqLe(end, reply.ack);
  }

  /** Segments that crossed this side's segment `index` arrive now. */
  private releaseCrossed(side: SideState, index: number): void {
    while (side.inbox[0] && side.inbox[0].after <= index) {
      const pending = side.inbox.shift()!;
      const next = this.nextFrom(side.side, index);
      this.receive(side, pending, next === null ? null : this.simSegment(next, this.connection.segments[next]!, side.side));
    }
  }

  private drainAll(): void {
    for (const side of ["client", "server"] as const) {
      while (this.sides[side].inbox.length > 0) this.receive(this.sides[side], this.sides[side].inbox.shift()!, null);
    }
  }

  private receive(receiver: SideState, pending: Pending, reply: Segment | null): number {
    this.now = Math.max(this.now, pending.t);
    const endpoint = receiver.endpoint;
    const segment = pending.segment;
    const origin = { received: segment.n };
    // Linux resets a socket that gets new data after close() (not shutdown()): RFC 1122 4.2.2.13.
    if (this.profile.resetOnDataAfterClose && reply && hasFlag(reply.flags, "RST") && segment.len > 0 && (endpoint.state === "FIN_WAIT_1" || endpoint.state === "FIN_WAIT_2")) {
      this.enter(receiver, "CLOSED");
      this.forget(receiver);
      receiver.owes = { flags: "RST", step: this.steps.length, n: segment.n };
      return this.record("rcv data after close", receiver.side, replayNotes.dataAfterClose(segment.len).en, {
        ...origin,
        rfc: "3.10.7.4",
        kernel: "net/ipv4/tcp_input.c: tcp_rcv_state_process",
        noteZh: replayNotes.dataAfterClose(segment.len).zh,
      });
    }
    const arrival = classifyArrival(endpoint, segment, this.profile.machine);
    switch (arrival.kind) {
      case "unacceptable": {
        if (arrival.reply) receiver.owes = { flags: arrival.reply, step: this.steps.length, n: segment.n };
        return this.record("rcv unacceptable", receiver.side, arrival.note, { ...origin, rfc: arrival.rfc });
      }
      case "out of order": {
        this.acceptAck(endpoint, segment);
        receiver.held.push(segment);
        receiver.owes = { flags: "ACK", step: this.steps.length, n: segment.n };
        const held = replayNotes.held(segment.seq, endpoint.rcvNxt ?? 0);
        return this.record("rcv out of order", receiver.side, held.en, { ...origin, rfc: "3.10.7.4", noteZh: held.zh });
      }
      case "data": {
        this.acceptAck(endpoint, segment);
        this.deliver(endpoint, arrival.deliver);
        if (arrival.deliver > 0 && endpoint.finSeq !== null) receiver.readsAfterFin = true;
        if (arrival.deliver > 0) {
          receiver.ackPending = true;
          receiver.owes = { flags: "ACK", step: this.steps.length, n: segment.n };
        }
        const step = this.record(arrival.event, receiver.side, replayNotes.dataNote(arrival.deliver, endpoint.rcvNxt ?? 0), origin);
        this.releaseHeld(receiver);
        return step;
      }
      case "table":
        return this.applyArrival(receiver, segment, arrival.event, arrival.deliver, arrival.retransmittedFin, arrival.context ?? {});
    }
  }

  private applyArrival(receiver: SideState, segment: Segment, event: TcpEvent, deliver: number, retransmittedFin: boolean, context: { newerSyn?: boolean }): number {
    const endpoint = receiver.endpoint;
    const from = endpoint.state;
    const outcome: Outcome = transition(from, event, { ...context, activeOpen: endpoint.activeOpen }, this.profile.machine);
    const origin = { received: segment.n };
    if (from === "CLOSED" || (from === "LISTEN" && event !== "rcv SYN")) {
      if (outcome.sends) receiver.owes = { flags: outcome.sends, step: this.steps.length, n: segment.n };
      return this.record(event, receiver.side, outcome.note, { ...origin, rfc: outcome.rfc, kernel: outcome.kernel });
    }
    if (from === "LISTEN" || (from === "TIME_WAIT" && outcome.to === "SYN_RECEIVED") || (from === "SYN_SENT" && (event === "rcv SYN" || event === "rcv SYN+ACK"))) {
      endpoint.rcvNxt = seqAdd(segment.seq, 1);
    }
    const changes = outcome.to !== from;
    const dropped = !changes && (outcome.kind === "reply" || outcome.kind === "no-change") && !retransmittedFin && !(event === "rcv ACK" || event === "rcv FIN" || event === "rcv FIN+ACK");
    if (!dropped) {
      this.acceptAck(endpoint, segment);
      this.deliver(endpoint, deliver);
      if (deliver > 0 && endpoint.finSeq !== null) receiver.readsAfterFin = true;
      if ((event === "rcv FIN" || event === "rcv FIN+ACK") && !retransmittedFin) {
        endpoint.rcvNxt = seqAdd(endpoint.rcvNxt ?? 0, 1);
        endpoint.peerFin = true;
      }
    }
    if (outcome.sends) receiver.owes = { flags: outcome.sends, step: this.steps.length, n: segment.n };
    // Data that came with it is acknowledged, whatever the row sends (RFC 9293 3.10.7.4, seventh check).
    else if (deliver > 0 && !dropped) receiver.owes = { flags: "ACK", step: this.steps.length, n: segment.n };
    if (receiver.owes?.flags === "ACK" && receiver.owes.step === this.steps.length) receiver.ackPending = true;
    // A retransmitted FIN restarts TIME_WAIT's timer (RFC 9293 3.10.7.4; tcp_timewait_state_process).
    if (from === "TIME_WAIT" && retransmittedFin) receiver.since = this.now;
    this.enter(receiver, outcome.to);
    if (outcome.to === "CLOSED" || outcome.to === "LISTEN") this.forget(receiver);
    const step = this.record(event, receiver.side, outcome.note, { ...origin, rfc: outcome.rfc, error: outcome.error, kernel: outcome.kernel, variant: outcome.variant === "newer SYN" ? outcome.variant : undefined });
    this.releaseHeld(receiver);
    return step;
  }

  /** Segments held beyond a gap are processed once the gap fills (RFC 9293 3.10.7.4). */
  private releaseHeld(receiver: SideState): void {
    const rcvNxt = receiver.endpoint.rcvNxt;
    if (rcvNxt === null) return;
    const index = receiver.held.findIndex((segment) => seqLe(segment.seq, rcvNxt));
    if (index < 0) return;
    const [segment] = receiver.held.splice(index, 1);
    this.receive(receiver, { index: segment!.n - 1, segment: segment!, t: this.now, after: -1 }, null);
  }

  private acceptAck(endpoint: Endpoint, segment: Segment): void {
    if (segment.ack !== null && seqLt(endpoint.sndUna, segment.ack) && seqLe(segment.ack, endpoint.sndNxt)) endpoint.sndUna = segment.ack;
  }

  private deliver(endpoint: Endpoint, bytes: number): void {
    if (bytes <= 0 || endpoint.rcvNxt === null) return;
    endpoint.rcvNxt = seqAdd(endpoint.rcvNxt, bytes);
    endpoint.bytesDelivered += bytes;
  }

  /** Any segment whose ACK field reaches RCV.NXT pays an ACK that was owed. */
  private payAck(sender: SideState, ack: number): void {
    const rcvNxt = sender.endpoint.rcvNxt;
    if (rcvNxt !== null && seqLe(rcvNxt, ack)) {
      if (sender.owes?.flags === "ACK") sender.owes = null;
    }
  }

  // ---- timers ----

  /**
   * TIME_WAIT ends after the profile's 2MSL (Linux: a fixed 60 s), and Linux
   * deletes an orphaned FIN_WAIT_2 after tcp_fin_timeout. Only time reveals
   * these: no segment marks them. `captureEnd` marks the steps that fall after
   * the capture ended.
   */
  private fireTimers(upTo: number, captureEnd?: number): void {
    for (;;) {
      const due = (["client", "server"] as const)
        .map((side) => ({ side, at: this.timerDue(this.sides[side]) }))
        .filter((entry): entry is { side: Side; at: number } => entry.at !== null && entry.at <= upTo)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      const side = this.sides[due.side];
      // Arrivals before the timer are processed first; they may restart it.
      if (side.inbox[0] && side.inbox[0].t <= due.at) {
        this.receive(side, side.inbox.shift()!, null);
        continue;
      }
      this.now = Math.max(this.now, due.at);
      const from = side.endpoint.state;
      const outcome = transition(from, "timeout", {}, this.profile.machine);
      this.enter(side, outcome.to);
      this.forget(side);
      const after = captureEnd !== undefined && due.at > captureEnd;
      const timed = replayNotes.timerNote(from, this.profile.name, after);
      this.record("timeout", due.side, `${outcome.note}${timed.en}`, { rfc: outcome.rfc, kernel: outcome.kernel, noteZh: timed.zh(outcome) });
    }
  }

  private timerDue(side: SideState): number | null {
    const timers = this.profile.timers;
    if (side.endpoint.state === "TIME_WAIT") return side.since + timers.timeWait;
    // Only an orphaned FIN_WAIT_2 times out; after shutdown() it waits for the peer. Data received in it shows a shutdown().
    if (side.endpoint.state === "FIN_WAIT_2" && timers.finWait2Timeout !== null && !side.readsAfterFin) return side.since + timers.finWait2Timeout;
    return null;
  }

  // ---- bookkeeping ----

  private enter(side: SideState, state: TcpState): void {
    if (side.endpoint.state !== state) side.since = this.now;
    side.endpoint.state = state;
  }

  private forget(side: SideState): void {
    if (side.endpoint.state === "CLOSED" || side.endpoint.state === "LISTEN") {
      side.held = [];
      side.ackPending = false;
    }
  }

  private noteUnpaidReplies(): void {
    for (const side of ["client", "server"] as const) {
      const owed = this.sides[side].owes;
      if (owed && owed.flags !== "ACK") this.note(owed.n - 1, replayNotes.neverAnswered(side, owed.n, owed.flags, this.profile.name));
    }
  }

  private note(index: number, note: SegmentNote): void {
    this.notes[index]!.push(note);
  }

  private record(event: TcpEvent | SimEvent, at: Side | "network", note: string, extra: Partial<TraceStep> = {}): number {
    this.steps.push({ t: this.now, event, at, segment: null, client: this.sides.client.endpoint.state, server: this.sides.server.endpoint.state, note, ...extra });
    if (at !== "network") this.sides[at].lastStep = this.steps.length - 1;
    return this.steps.length - 1;
  }

  /** The segment as the replay sees it: numbers relative to each side's ISN (the SYN is 0). */
  private simSegment(index: number, captured: CapturedSegment, from: Side): Segment {
    const peer = from === "client" ? "server" : "client";
    const ack = hasFlag(captured.flags, "ACK") ? seqAdd(captured.ack, -this.isn[peer]) : null;
    return { n: index + 1, from, flags: captured.flags, seq: seqAdd(captured.seq, -this.isn[from]), ack, len: captured.payloadLength };
  }

  private endpoint(side: Side): ReplayedEndpoint {
    const states: TcpState[] = [this.initial[side]];
    for (const step of this.steps) if (step[side] !== states[states.length - 1]) states.push(step[side]);
    const { addr, port } = this.connection[side];
    return { addr, port, role: this.simultaneousOpen ? "simultaneous open" : side, states };
  }

  private replayed(captured: CapturedSegment, index: number): ReplayedSegment {
    const from = senderOf(this.connection, captured);
    const segment = this.simSegment(index, captured, from);
    return {
      n: index + 1,
      frame: captured.frame,
      t: this.ms(captured.time),
      from,
      flags: captured.flags,
      seq: segment.seq,
      ack: segment.ack,
      len: captured.payloadLength,
      rawSeq: captured.seq,
      rawAck: hasFlag(captured.flags, "ACK") ? captured.ack : null,
      window: captured.window,
      notes: this.notes[index]!,
    };
  }
}

/** No data, no SYN, FIN or RST: an ACK and nothing else. */
function isBareAck(segment: Segment): boolean {
  return segment.len === 0 && segment.flags.split("+").every((flag) => flag === "ACK" || flag === "PSH");
}

function segmentSpaceOf(segment: Segment): number {
  return segment.len + (hasFlag(segment.flags, "SYN") ? 1 : 0) + (hasFlag(segment.flags, "FIN") ? 1 : 0);
}

/** A segment answers what was owed when its control bits are the ones owed (PSH aside; an owed ACK may carry data). */
function sameReply(owed: Flags, segment: Segment): boolean {
  const bits = (flags: Flags) => flags.split("+").filter((flag) => flag !== "PSH" && flag !== "").sort().join("+");
  return bits(owed) === bits(segment.flags);
}
