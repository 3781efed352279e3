import {
  DEFAULT_PROFILE,
  hasFlag,
  PROFILES,
  seqAdd,
  seqLe,
  seqLt,
  transition,
  type Flags,
  type Machine,
  type Outcome,
  type Profile,
  type TcpEvent,
  type TcpState,
  type TransitionContext,
} from "../tcp";
import { acceptQueueState, describeQueue, isFull, type AcceptQueueState } from "./accept-queue";
import { classifyArrival, segmentSpace, type Arrival } from "./classify-arrival";
import { createEndpoint, isnAt, resetEndpoint, type Endpoint, type Outstanding } from "./endpoint";
import { EventQueue } from "./event-queue";
import { keepaliveAction } from "./keepalive";
import { SIM_KERNEL, simNotes } from "./notes";
import { heldContents, heldInOrder, holdSegment, takeInOrder } from "./reassembly";
import type { CloseCall, Crash, OldDuplicate, Reaction, SimulationSetup, UserCall } from "./setup";
import { peerOf, SIDES, timingFor, type Segment, type Side, type SimEvent, type TimingOptions, type Trace, type TraceStep } from "./types";

export type { CloseCall, Crash, EndpointOptions, OldDuplicate, Reaction, ScheduledCall, SimulationSetup, UserCall } from "./setup";

type QueueItem =
  | { kind: "call"; side: Side; call: UserCall; bytes: number; how: CloseCall }
  | { kind: "arrive"; segment: Segment }
  | { kind: "lost"; segment: Segment }
  | { kind: "old duplicate"; duplicate: OldDuplicate }
  | { kind: "crash"; crash: Crash }
  | { kind: "accept queue"; change: "join" | "accept" }
  | { kind: "timer"; side: Side; timer: Timer; generation: number };

type Timer = "rto" | "2msl" | "ack" | "fin-wait-2" | "keepalive";

/** Arrivals before user calls before timers at the same instant: an arriving ACK stops a timer due then. */
const PRIORITY: Record<QueueItem["kind"], number> = { arrive: 0, lost: 0, crash: 1, call: 1, "accept queue": 1, "old duplicate": 2, timer: 3 };

/** Where a step's segment came from: the network, or the out-of-order queue once its gap filled. */
type Origin = { received: number } | { reassembled: number };

const MAX_STEPS = 2_000;

/** Answers to unacceptable segments are rate-limited to one per this many ms. */
const INVALID_REPLY_INTERVAL = 500;

/**
 * Runs two endpoints against each other through a network with latency, loss
 * and delay. Deterministic: the same setup gives the same trace. Every change
 * of state goes through the machine's `transition`.
 */
export function simulate(setup: SimulationSetup): Trace {
  return new Simulation(setup).run();
}

class Simulation {
  private readonly profile: Profile;
  private readonly machine: Machine;
  private readonly timing: TimingOptions;
  private readonly endpoints: Record<Side, Endpoint>;
  private readonly queue = new EventQueue<QueueItem>();
  private readonly steps: TraceStep[] = [];
  private readonly lose: Set<number>;
  private readonly fired = new Set<Reaction>();
  private readonly acceptQueue: AcceptQueueState | null;
  private segmentCount = 0;
  private now = 0;
  /** The segment each pending step sends, collected while the step runs. */
  private pendingSegment: Segment | null = null;

  constructor(private readonly setup: SimulationSetup) {
    this.profile = PROFILES[setup.profile ?? DEFAULT_PROFILE];
    this.machine = setup.machine ?? this.profile.machine;
    this.timing = { ...timingFor(this.profile), ...setup.timing };
    this.lose = new Set(setup.network?.lose ?? []);
    this.acceptQueue = setup.acceptQueue ? acceptQueueState(setup.acceptQueue) : null;
    const make = (side: Side) =>
      createEndpoint({
        side,
        state: setup.initial[side],
        isn: setup.isn[side],
        peerIsn: setup.isn[peerOf(side)],
        rto: this.timing.rto,
        preSent: setup.endpoints?.[side]?.preSent,
        peerPreSent: setup.endpoints?.[peerOf(side)]?.preSent,
        delayedAck: setup.endpoints?.[side]?.delayedAck,
        listener: setup.endpoints?.[side]?.listener,
        keepalive: setup.endpoints?.[side]?.keepalive,
      });
    this.endpoints = { client: make("client"), server: make("server") };
    for (const endpoint of Object.values(this.endpoints)) {
      // A connection that starts ESTABLISHED has measured its round trip in the handshake.
      if (endpoint.state === "ESTABLISHED") this.measureRtt(endpoint, 2 * this.timing.latency);
      if (endpoint.state === "ESTABLISHED") this.startKeepalive(endpoint);
    }
  }

  run(): Trace {
    for (const crash of this.setup.crashes ?? []) this.queue.push(crash.at, PRIORITY.crash, { kind: "crash", crash });
    for (const call of this.setup.calls ?? []) {
      this.queue.push(call.at, PRIORITY.call, { kind: "call", side: call.side, call: call.call, bytes: call.bytes ?? 0, how: call.how ?? "close()" });
    }
    for (const duplicate of this.setup.oldDuplicates ?? []) {
      this.queue.push(duplicate.at, PRIORITY["old duplicate"], { kind: "old duplicate", duplicate });
    }
    for (const at of this.setup.acceptQueue?.joinsAt ?? []) this.queue.push(at, PRIORITY["accept queue"], { kind: "accept queue", change: "join" });
    for (const at of this.setup.acceptQueue?.acceptsAt ?? []) this.queue.push(at, PRIORITY["accept queue"], { kind: "accept queue", change: "accept" });
    this.scheduleReactions();
    this.reopenListeners();
    while (this.steps.length < MAX_STEPS) {
      const next = this.queue.pop();
      if (!next) break;
      this.now = next.time;
      this.handle(next.item);
    }
    return {
      scenario: this.setup.name,
      profile: this.profile.name,
      machine: this.machine.name,
      isn: { ...this.setup.isn },
      initial: { ...this.setup.initial },
      steps: this.steps,
      bytes: {
        client: { sent: this.endpoints.client.bytesSent, delivered: this.endpoints.client.bytesDelivered },
        server: { sent: this.endpoints.server.bytesSent, delivered: this.endpoints.server.bytesDelivered },
      },
    };
  }

  private handle(item: QueueItem): void {
    switch (item.kind) {
      case "call":
        return this.userCall(item.side, item.call, item.bytes, item.how);
      case "arrive":
        return this.arrive(item.segment);
      case "lost":
        return this.record("lost", "network", `Segment ${item.segment.n} (${item.segment.flags}) is lost in the network.`, {
          lost: item.segment.n,
        });
      case "old duplicate":
        return this.injectOldDuplicate(item.duplicate);
      case "crash":
        return this.crash(item.crash);
      case "accept queue":
        return this.changeAcceptQueue(item.change);
      case "timer":
        return this.timer(item.side, item.timer, item.generation);
    }
  }

  // ---- user calls (RFC 9293 3.10.1-3.10.5) ----

  private userCall(side: Side, call: UserCall, bytes: number, how: CloseCall): void {
    const endpoint = this.endpoints[side];
    // A host that is down runs no application: it makes no calls.
    if (endpoint.hostDown) return;
    const outcome = this.decide(endpoint, call);
    const previous = endpoint.state;
    if (call === "close" && outcome.kind !== "error" && how === "close()") endpoint.orphaned = true;
    if (call === "active open" || (call === "send" && previous === "LISTEN")) {
      if (outcome.to === "SYN_SENT") this.openConnection(endpoint, true);
    }
    if (call === "send" && outcome.kind !== "error") {
      endpoint.bytesSent += bytes;
      endpoint.queuedBytes += bytes;
    }
    this.enter(endpoint, outcome.to);
    if (call === "abort" && outcome.sends === "RST") {
      this.emit(endpoint, { flags: "RST", seq: endpoint.sndNxt, ack: null, len: 0 }, false);
    } else if (call === "abort" && outcome.sends === "RST+ACK") {
      this.emit(endpoint, { flags: "RST+ACK", seq: endpoint.sndNxt, ack: endpoint.rcvNxt, len: 0 }, false);
    } else if (outcome.sends === "SYN") {
      this.sendSyn(endpoint, "SYN");
    } else if (outcome.sends === "FIN+ACK") {
      this.sendFin(endpoint);
    } else if (outcome.sends === "ACK" && call === "send") {
      this.flushQueuedData(endpoint);
    }
    if (outcome.to === "CLOSED") resetEndpoint(endpoint);
    const note = call === "close" && how === "shutdown()" ? `${outcome.note} (The application called shutdown(SHUT_WR), so it still reads.)` : outcome.note;
    this.record(call, side, note, { rfc: outcome.rfc, error: outcome.error, kernel: outcome.kernel });
  }

  // ---- arriving segments (RFC 9293 3.10.7) ----

  private arrive(segment: Segment, reassembled = false): void {
    const side = segment.to ?? peerOf(segment.from);
    const endpoint = this.endpoints[side];
    if (endpoint.hostDown) {
      this.record("lost", "network", simNotes.hostDown(segment, side), { lost: segment.n });
      return;
    }
    const origin: Origin = reassembled ? { reassembled: segment.n } : { received: segment.n };
    if (!reassembled) this.heardFromPeer(endpoint);
    if (this.isDataAfterClose(endpoint, segment)) return this.resetOnDataAfterClose(endpoint, segment, origin);
    const arrival = this.withoutReopeningUnlessListening(endpoint, classifyArrival(endpoint, segment, this.machine));
    if (this.meetsFullAcceptQueue(endpoint, arrival)) return this.listenOverflow(endpoint, segment);
    switch (arrival.kind) {
      case "unacceptable":
        return this.answerUnacceptable(endpoint, segment, arrival, origin);
      case "out of order":
        return this.holdOutOfOrder(endpoint, segment, arrival.ackEvent);
      case "data":
        this.receiveData(endpoint, segment, arrival, origin);
        break;
      case "table":
        this.applyArrival(endpoint, segment, arrival.event, arrival.deliver, arrival.retransmittedFin, arrival.context, origin);
        break;
    }
    this.processHeld(endpoint);
  }

  private answerUnacceptable(endpoint: Endpoint, segment: Segment, arrival: Extract<Arrival, { kind: "unacceptable" }>, origin: Origin): void {
    let note = arrival.note;
    const kernel = this.retrySynSoon(endpoint) ? SIM_KERNEL.quickSynRetry : undefined;
    if (kernel) note += simNotes.quickSynRetry(this.timing.quickSynRetry!);
    if (arrival.reply === "RST" && segment.ack !== null) {
      this.emit(endpoint, { flags: "RST", seq: segment.ack, ack: null, len: 0 }, false);
    } else if (arrival.reply === "ACK" && this.now - endpoint.lastInvalidReplyAt < INVALID_REPLY_INTERVAL) {
      // Two endpoints that disagree about sequence numbers would otherwise
      // answer each other's ACKs forever (an ACK storm).
      note += ` The ACK is withheld: one went out less than ${INVALID_REPLY_INTERVAL} ms ago (rate limit, as Linux's tcp_invalid_ratelimit).`;
    } else if (arrival.reply === "ACK") {
      endpoint.lastInvalidReplyAt = this.now;
      this.sendAck(endpoint);
    }
    this.record("rcv unacceptable", endpoint.side, note, { ...origin, rfc: arrival.rfc, ...(kernel ? { kernel } : {}) });
  }

  /**
   * Linux answers an unacceptable ACK in SYN_SENT (a challenge ACK from the
   * peer's old connection, say) with RST and resends its SYN after
   * TCP_TIMEOUT_MIN instead of a full RTO, once, if it has not retransmitted
   * yet (tcp_rcv_synsent_state_process): the peer's old state is likely gone.
   */
  private retrySynSoon(endpoint: Endpoint): boolean {
    const quick = this.timing.quickSynRetry;
    const oldest = endpoint.outstanding[0];
    if (quick === null || endpoint.state !== "SYN_SENT" || !oldest || oldest.retries > 0) return false;
    endpoint.rtoGeneration++;
    this.queue.push(this.now + quick, PRIORITY.timer, { kind: "timer", side: endpoint.side, timer: "rto", generation: endpoint.rtoGeneration });
    return true;
  }

  private receiveData(endpoint: Endpoint, segment: Segment, arrival: Extract<Arrival, { kind: "data" }>, origin: Origin): void {
    const sndUna = endpoint.sndUna;
    this.acceptAck(endpoint, segment);
    this.deliver(endpoint, arrival.deliver);
    const next = arrival.deliver > 0 && endpoint.rcvNxt !== null ? heldInOrder(endpoint.held, endpoint.rcvNxt) : null;
    // 3.10.7.4 (MUST-59): held segments now in order are processed before any ACK goes out.
    if (arrival.deliver > 0 && !next) this.acknowledge(endpoint);
    let note: string;
    if (arrival.event === "rcv ACK of data") {
      note = endpoint.sndUna === sndUna && segment.ack !== null ? simNotes.duplicateAck(segment.ack) : "An ACK of data: SND.UNA advances, the state stays.";
    } else if (next) {
      note = simNotes.gapFilled(arrival.deliver, endpoint.rcvNxt!, next.n);
    } else {
      note = `${arrival.deliver} bytes of data delivered in order (RCV.NXT=${endpoint.rcvNxt}); acknowledge them.`;
    }
    this.record(arrival.event, endpoint.side, note, origin);
  }

  /**
   * 3.10.7.4: a segment that begins beyond RCV.NXT is held for later (SHLD-31)
   * and a duplicate ACK sent at once (MAY-13; RFC 5681 4.2 asks for it
   * immediately). Its ACK field counts now, as for a bare ACK ahead of
   * RCV.NXT and as Linux does (tcp_ack runs before tcp_data_queue); when it
   * newly acknowledges our SYN or FIN, that is a step of the machine first.
   */
  private holdOutOfOrder(endpoint: Endpoint, segment: Segment, ackEvent: "rcv ACK" | null): void {
    if (ackEvent) this.applyArrival(endpoint, { ...segment, flags: "ACK", len: 0 }, ackEvent, 0, false, {}, { received: segment.n });
    else this.acceptAck(endpoint, segment);
    if (endpoint.state === "CLOSED" || endpoint.state === "LISTEN") return;
    endpoint.held = holdSegment(endpoint.held, segment);
    this.sendAck(endpoint);
    const note = simNotes.held(segment.seq, endpoint.rcvNxt ?? 0, heldContents(segment));
    this.record("rcv out of order", endpoint.side, note, { received: segment.n, rfc: "3.10.7.4" });
  }

  /** Held segments whose gap is now filled go through the arrival path again, one step each, in sequence. */
  private processHeld(endpoint: Endpoint): void {
    if (endpoint.held.length === 0 || endpoint.rcvNxt === null) return;
    const next = takeInOrder(endpoint.held, endpoint.rcvNxt);
    if (!next) return;
    endpoint.held = next.rest;
    this.arrive(next.segment, true);
  }

  /**
   * Linux (and RFC 1122 4.2.2.13) answers new data for an application that
   * has called close() with a reset: nobody will ever read it.
   */
  private isDataAfterClose(endpoint: Endpoint, segment: Segment): boolean {
    if (!this.profile.resetOnDataAfterClose || !endpoint.orphaned) return false;
    if (endpoint.state !== "FIN_WAIT_1" && endpoint.state !== "FIN_WAIT_2") return false;
    if (hasFlag(segment.flags, "RST") || hasFlag(segment.flags, "SYN") || segment.len === 0 || endpoint.rcvNxt === null) return false;
    return seqLt(endpoint.rcvNxt, seqAdd(segment.seq, segment.len));
  }

  private resetOnDataAfterClose(endpoint: Endpoint, segment: Segment, origin: Origin): void {
    this.emit(endpoint, { flags: "RST", seq: segment.ack ?? endpoint.sndNxt, ack: null, len: 0 }, false);
    this.enter(endpoint, "CLOSED");
    this.forget(endpoint, "CLOSED");
    this.record(
      "rcv data after close",
      endpoint.side,
      `${segment.len} bytes of new data arrive after the application called close(): nobody will read them, so the socket is reset and answers <SEQ=SEG.ACK><CTL=RST> (RFC 1122 4.2.2.13; Linux counts it as TCPAbortOnData).`,
      { ...origin, rfc: "3.10.7.4", kernel: "net/ipv4/tcp_input.c: tcp_rcv_state_process" },
    );
  }

  private applyArrival(
    endpoint: Endpoint,
    segment: Segment,
    event: TcpEvent,
    deliver: number,
    retransmittedFin: boolean,
    context: TransitionContext = {},
    origin: Origin = { received: segment.n },
  ): void {
    const side = endpoint.side;
    const from = endpoint.state;
    const outcome = this.decide(endpoint, event, context);
    const changes = outcome.to !== from;

    if (from === "CLOSED" || (from === "LISTEN" && event !== "rcv SYN")) {
      this.replyWithoutConnection(endpoint, segment, outcome);
      this.record(event, side, outcome.note, { ...origin, rfc: outcome.rfc });
      return;
    }
    if (from === "LISTEN") {
      this.openConnection(endpoint, false);
      endpoint.rcvNxt = seqAdd(segment.seq, 1);
    } else if (from === "TIME_WAIT" && outcome.to === "SYN_RECEIVED") {
      this.reopenFromTimeWait(endpoint);
      endpoint.rcvNxt = seqAdd(segment.seq, 1);
    } else if (from === "SYN_SENT" && (event === "rcv SYN" || event === "rcv SYN+ACK")) {
      endpoint.rcvNxt = seqAdd(segment.seq, 1);
    }

    // Segments answered and dropped do not advance SND.UNA or RCV.NXT.
    const dropped = !changes && (outcome.kind === "reply" || outcome.kind === "no-change") && !retransmittedFin && !isQuietAck(from, event, outcome);
    if (!dropped) this.acceptAck(endpoint, segment);
    if (!dropped) {
      this.deliver(endpoint, deliver);
      if ((event === "rcv FIN" || event === "rcv FIN+ACK") && !retransmittedFin) {
        endpoint.rcvNxt = seqAdd(endpoint.rcvNxt ?? 0, 1);
        endpoint.peerFin = true;
        // Nothing the peer sends can follow its FIN.
        endpoint.held = [];
      }
    }
    if (from === "SYN_RECEIVED" && !endpoint.activeOpen && (outcome.to === "ESTABLISHED" || outcome.to === "CLOSE_WAIT")) this.joinAcceptQueue(endpoint);

    this.enter(endpoint, outcome.to);
    if (outcome.to === "TIME_WAIT") this.startTimeWait(endpoint);
    if (outcome.to === "FIN_WAIT_2" && from !== "FIN_WAIT_2") this.startFinWait2Timer(endpoint);
    this.sendFor(endpoint, outcome, event);
    if (outcome.to === "CLOSED" || outcome.to === "LISTEN") this.forget(endpoint, outcome.to);
    this.record(event, side, outcome.note, {
      ...origin,
      rfc: outcome.rfc,
      error: outcome.error,
      kernel: outcome.kernel,
      variant: outcome.variant === "newer SYN" ? outcome.variant : undefined,
    });
  }

  /** 3.10.7.1 and 3.10.7.2: resets from an endpoint with no synchronized connection. */
  private replyWithoutConnection(endpoint: Endpoint, segment: Segment, outcome: Outcome): void {
    if (outcome.sends === "RST+ACK") {
      this.emit(endpoint, { flags: "RST+ACK", seq: 0, ack: seqAdd(segment.seq, segmentSpace(segment)), len: 0 }, false);
    } else if (outcome.sends === "RST") {
      this.emit(endpoint, { flags: "RST", seq: segment.ack ?? 0, ack: null, len: 0 }, false);
    }
  }

  /** What the machine says to send, built from the TCB's numbers. */
  private sendFor(endpoint: Endpoint, outcome: Outcome, event: TcpEvent): void {
    switch (outcome.sends) {
      case "SYN+ACK":
        this.sendSyn(endpoint, "SYN+ACK", outcome.to === "ESTABLISHED");
        return;
      case "ACK":
        if (endpoint.queuedBytes > 0 && (outcome.to === "ESTABLISHED" || outcome.to === "CLOSE_WAIT")) {
          // The ACK that completes the handshake carries the data queued meanwhile.
          this.flushQueuedData(endpoint);
        } else if (event === "rcv FIN" || event === "rcv FIN+ACK") {
          this.acknowledge(endpoint);
        } else {
          this.sendAck(endpoint);
        }
        return;
      case "RST":
        this.emit(endpoint, { flags: "RST", seq: endpoint.sndNxt, ack: null, len: 0 }, false);
        return;
      case null:
        if ((outcome.to === "ESTABLISHED" || outcome.to === "CLOSE_WAIT") && endpoint.queuedBytes > 0) {
          this.flushQueuedData(endpoint);
        }
        return;
      default:
        throw new Error(`the simulator cannot send ${outcome.sends} on ${event}`);
    }
  }

  // ---- timers (RFC 9293 3.10.8) ----

  private timer(side: Side, timer: Timer, generation: number): void {
    const endpoint = this.endpoints[side];
    if (timer === "fin-wait-2") {
      if (generation === endpoint.finWait2Generation && endpoint.state === "FIN_WAIT_2") this.stateTimerExpires(endpoint);
      return;
    }
    if (timer === "ack") {
      if (generation !== endpoint.ackGeneration || !endpoint.ackPending) return;
      this.sendAck(endpoint);
      this.record("ack timer", side, "The delayed ACK goes out: nothing came along to carry it.");
      return;
    }
    if (timer === "keepalive") {
      if (generation === endpoint.keepaliveGeneration) this.keepaliveTimer(endpoint);
      return;
    }
    if (timer === "2msl") {
      if (generation === endpoint.timeWaitGeneration && endpoint.state === "TIME_WAIT") this.stateTimerExpires(endpoint);
      return;
    }
    if (generation !== endpoint.rtoGeneration || endpoint.outstanding.length === 0) return;
    const oldest = endpoint.outstanding[0]!;
    if (oldest.retries >= this.retryLimit(endpoint, oldest)) return this.giveUp(endpoint, oldest);
    const outcome = this.decide(endpoint, "timeout");
    oldest.retries++;
    // Linux 6.5+ resends a SYN of its own at a constant RTO a few times before backing off (tcp_retransmit_timer).
    const linear = isOwnSyn(oldest, endpoint) && oldest.retries <= this.timing.synLinearTimeouts;
    if (!linear) endpoint.rto = Math.min(endpoint.rto * 2, this.timing.maxRto);
    const flags = retransmissionFlags(oldest, endpoint);
    this.emit(endpoint, { flags, seq: oldest.seq, ack: hasFlag(flags, "ACK") ? endpoint.rcvNxt : null, len: oldest.len }, false);
    this.restartRetransmissionTimer(endpoint);
    this.enter(endpoint, outcome.to);
    const note = outcome.sends === flags ? outcome.note : `Retransmission timeout: send the oldest unacknowledged segment (${flags}, ${oldest.len} bytes) again.`;
    this.record("timeout", side, note, { rfc: outcome.rfc });
  }

  /** TIME_WAIT's timer, or Linux's orphaned-FIN_WAIT_2 timer, runs out: the machine's timeout row decides. */
  private stateTimerExpires(endpoint: Endpoint): void {
    const outcome = this.decide(endpoint, "timeout");
    this.enter(endpoint, outcome.to);
    this.forget(endpoint, outcome.to);
    this.record("timeout", endpoint.side, outcome.note, { rfc: outcome.rfc, kernel: outcome.kernel });
  }

  /** How many times this segment may be retransmitted (RFC 9293 3.8.3's R2; Linux's sysctls). */
  private retryLimit(endpoint: Endpoint, oldest: Outstanding): number {
    if (isOwnSyn(oldest, endpoint)) return this.timing.synRetries + this.timing.synLinearTimeouts;
    if (hasFlag(oldest.flags, "SYN")) return this.timing.synAckRetries;
    if (hasFlag(oldest.flags, "FIN") && endpoint.orphaned) return this.timing.orphanRetries;
    return this.timing.maxRetries;
  }

  private giveUp(endpoint: Endpoint, oldest: Outstanding): void {
    const linux = this.profile.name === "linux";
    const kernel = linux ? "net/ipv4/tcp_timer.c: tcp_write_timeout" : undefined;
    if (endpoint.state === "SYN_RECEIVED" && !endpoint.activeOpen && this.profile.dropsExpiredRequests) {
      this.enter(endpoint, "LISTEN");
      this.forget(endpoint, "LISTEN");
      this.record("user timeout", endpoint.side, `No ACK after ${oldest.retries} retransmissions of the SYN+ACK (tcp_synack_retries): the request is dropped without a segment and the listener goes on listening.`, {
        rfc: "3.8.3",
        kernel: "net/ipv4/inet_connection_sock.c: reqsk_timer_handler",
      });
      return;
    }
    this.enter(endpoint, "CLOSED");
    this.forget(endpoint, "CLOSED");
    const error = linux ? "ETIMEDOUT" : "connection aborted due to user timeout";
    this.record("user timeout", endpoint.side, `No acknowledgment after ${oldest.retries} retransmissions: give up, delete the TCB.`, { rfc: "3.10.8", error, kernel });
  }

  // ---- keep-alive (RFC 9293 3.8.4; Linux: tcp_keepalive_timer) ----

  private startKeepalive(endpoint: Endpoint): void {
    if (!endpoint.keepalive) return;
    endpoint.lastHeardAt = this.now;
    endpoint.probesOut = 0;
    this.scheduleKeepalive(endpoint, this.now + this.timing.keepaliveTime);
  }

  private scheduleKeepalive(endpoint: Endpoint, at: number): void {
    endpoint.keepaliveGeneration++;
    this.queue.push(at, PRIORITY.timer, { kind: "timer", side: endpoint.side, timer: "keepalive", generation: endpoint.keepaliveGeneration });
  }

  /** Any segment from the peer shows it alive: the idle time starts over and the probe count resets. */
  private heardFromPeer(endpoint: Endpoint): void {
    endpoint.lastHeardAt = this.now;
    endpoint.probesOut = 0;
  }

  private keepaliveTimer(endpoint: Endpoint): void {
    const action = keepaliveAction(endpoint, this.now, this.timing);
    const { keepaliveProbes: probes, keepaliveInterval: interval } = this.timing;
    switch (action.kind) {
      case "stop":
        return;
      case "wait":
        return this.scheduleKeepalive(endpoint, action.until);
      case "probe":
        endpoint.probesOut++;
        this.emit(endpoint, { flags: "ACK", seq: seqAdd(endpoint.sndNxt, -1), ack: endpoint.rcvNxt, len: 0 }, false);
        this.scheduleKeepalive(endpoint, this.now + interval);
        this.record("keepalive probe", endpoint.side, simNotes.keepaliveProbe(action.number, probes, action.idle), { rfc: "3.8.4" });
        return;
      case "give up": {
        const linux = this.profile.name === "linux";
        if (linux) this.emit(endpoint, { flags: "RST+ACK", seq: endpoint.sndNxt, ack: endpoint.rcvNxt, len: 0 }, false);
        this.enter(endpoint, "CLOSED");
        this.forget(endpoint, "CLOSED");
        const note = linux ? simNotes.keepaliveGiveUpLinux(probes, interval) : simNotes.keepaliveGiveUpRfc(probes, interval);
        this.record("keepalive timeout", endpoint.side, note, {
          rfc: "3.8.4",
          error: linux ? "ETIMEDOUT" : "connection aborted: no answer to keep-alive probes",
          kernel: this.linuxOnly(SIM_KERNEL.keepaliveGiveUp),
        });
        return;
      }
    }
  }

  // ---- hosts that crash, and listeners that own a port ----

  /** A crash is no event of the machine: the TCB is simply gone, and nothing is sent (RFC 9293 3.5.1). */
  private crash(crash: Crash): void {
    const endpoint = this.endpoints[crash.side];
    endpoint.state = "CLOSED";
    resetEndpoint(endpoint);
    // The application died with its host: its listener and socket options with it.
    endpoint.listener = false;
    endpoint.keepalive = false;
    endpoint.hostDown = crash.stayDown ?? false;
    this.record("crash", crash.side, simNotes.crash(crash.side, endpoint.hostDown), { rfc: "3.5.1" });
  }

  /**
   * A side whose port a listener owns: once its connection is gone, what
   * arrives meets the listener, which the machine reaches from CLOSED by a
   * passive OPEN.
   */
  private reopenListeners(): void {
    for (const side of SIDES) {
      const endpoint = this.endpoints[side];
      if (!endpoint.listener || endpoint.hostDown || endpoint.state !== "CLOSED") continue;
      const outcome = this.decide(endpoint, "passive open");
      this.enter(endpoint, outcome.to);
      this.record("passive open", side, simNotes.listener(), { rfc: outcome.rfc });
    }
  }

  // ---- the server's accept queue (linux profile; RFC 9293 has none) ----

  private changeAcceptQueue(change: "join" | "accept"): void {
    const queue = this.acceptQueue;
    if (!queue) return;
    const linux = this.profile.name === "linux";
    if (change === "join") {
      queue.queued++;
      this.record("connection queued", "server", simNotes.queued(describeQueue(queue), !linux), { kernel: this.linuxOnly(SIM_KERNEL.queueFull) });
      return;
    }
    const waiting = queue.queued > 0;
    if (waiting) queue.queued--;
    this.record("accept", "server", simNotes.accept(waiting ? describeQueue(queue) : null));
  }

  /** Our connection completes its handshake on the server and waits in the queue for accept(). */
  private joinAcceptQueue(endpoint: Endpoint): void {
    if (this.acceptQueue && endpoint.side === "server") this.acceptQueue.queued++;
  }

  /**
   * On Linux a newer SYN leaves TIME_WAIT (TCP_TW_SYN) only for a listener on
   * the port; without one, tcp_v4_rcv falls through to answering it with an ACK.
   */
  private withoutReopeningUnlessListening(endpoint: Endpoint, arrival: Arrival): Arrival {
    if (arrival.kind !== "table" || !arrival.context?.newerSyn || !this.profile.reopenNeedsListener || endpoint.listener) return arrival;
    return { ...arrival, context: { ...arrival.context, newerSyn: false } };
  }

  /**
   * Linux checks the accept queue twice: a SYN for a listener whose queue is
   * full is dropped (tcp_conn_request), and so is the final ACK of a request
   * (tcp_check_req), unless tcp_abort_on_overflow answers it with RST.
   */
  private meetsFullAcceptQueue(endpoint: Endpoint, arrival: Arrival): boolean {
    const queue = this.acceptQueue;
    if (!queue || this.profile.name !== "linux" || endpoint.side !== "server" || !isFull(queue) || arrival.kind !== "table") return false;
    if (endpoint.state === "LISTEN") return arrival.event === "rcv SYN";
    if (endpoint.state !== "SYN_RECEIVED" || endpoint.activeOpen) return false;
    const to = this.decide(endpoint, arrival.event, arrival.context).to;
    return to === "ESTABLISHED" || to === "CLOSE_WAIT";
  }

  private listenOverflow(endpoint: Endpoint, segment: Segment): void {
    const queue = describeQueue(this.acceptQueue!);
    if (endpoint.state === "LISTEN") {
      this.record("listen overflow", endpoint.side, simNotes.overflowSyn(queue), { received: segment.n, kernel: SIM_KERNEL.overflowSyn });
      return;
    }
    if (!this.acceptQueue!.abortOnOverflow) {
      this.record("listen overflow", endpoint.side, simNotes.overflowAck(queue), { received: segment.n, kernel: SIM_KERNEL.overflowAck });
      return;
    }
    // The request is dropped (inet_csk_reqsk_queue_drop): the listener keeps listening.
    this.emit(endpoint, { flags: "RST", seq: segment.ack ?? 0, ack: null, len: 0 }, false);
    this.enter(endpoint, "LISTEN");
    this.forget(endpoint, "LISTEN");
    this.record("listen overflow", endpoint.side, simNotes.overflowReset(queue), { received: segment.n, kernel: SIM_KERNEL.overflowReset });
  }

  // ---- the old duplicate the network delivers ----

  private injectOldDuplicate(duplicate: OldDuplicate): void {
    const isn = this.setup.isn;
    const segment: Segment = {
      n: ++this.segmentCount,
      from: duplicate.from,
      flags: duplicate.flags,
      seq: duplicate.seq(isn),
      ack: duplicate.ack ? duplicate.ack(isn) : null,
      len: duplicate.len ?? 0,
    };
    this.pendingSegment = segment;
    this.schedule(segment, this.timing.latency);
    this.record("old duplicate", "network", `An old duplicate ${segment.flags} from an earlier connection between the same ports reaches the network.`);
  }

  // ---- building and sending segments ----

  private openConnection(endpoint: Endpoint, active: boolean, iss = isnAt(endpoint, this.now)): void {
    endpoint.activeOpen = active;
    endpoint.iss = iss;
    endpoint.connections++;
    endpoint.sndUna = endpoint.iss;
    endpoint.sndNxt = endpoint.iss;
    endpoint.rto = this.timing.rto;
    endpoint.baseRto = this.timing.rto;
  }

  /**
   * A new connection straight from TIME_WAIT (RFC 9293 3.6.1, MAY-2): its ISS
   * must lie above every sequence number the old connection used. Linux takes
   * the old SND.NXT + 65537 (tcp_timewait_state_process); the RFC profile
   * takes the ISN clock, or just above SND.NXT if the clock has not passed it.
   */
  private reopenFromTimeWait(endpoint: Endpoint): void {
    const last = endpoint.sndNxt;
    const clock = isnAt({ ...endpoint, connections: 1 }, this.now);
    const iss = this.profile.name === "linux" ? seqAdd(last, 65_537) : seqLt(last, clock) ? clock : seqAdd(last, 1);
    resetEndpoint(endpoint);
    this.openConnection(endpoint, false, iss);
  }

  /**
   * SYN (active open) or SYN+ACK. A retransmitted or simultaneous-open SYN
   * reuses SEQ=ISS (3.10.7.3). `needsNoAck` is for the counterfactual machine
   * whose server is ESTABLISHED on sending its SYN+ACK and never waits for it.
   */
  private sendSyn(endpoint: Endpoint, flags: "SYN" | "SYN+ACK", needsNoAck = false): void {
    const ack = flags === "SYN+ACK" ? endpoint.rcvNxt : null;
    const first = endpoint.sndNxt === endpoint.iss;
    if (first) endpoint.sndNxt = seqAdd(endpoint.iss, 1);
    this.emit(endpoint, { flags, seq: endpoint.iss, ack, len: 0 }, first && !needsNoAck);
    if (needsNoAck) endpoint.sndUna = endpoint.sndNxt;
    // Sending the SYN again is a retransmission: the timer starts over, so
    // that it does not fire a second copy right behind this one.
    if (!first && endpoint.outstanding.length > 0) this.restartRetransmissionTimer(endpoint);
  }

  /**
   * The FIN carries any data still queued (a CLOSE in SYN_RECEIVED after a
   * SEND that had to wait): one step puts one segment on the wire.
   */
  private sendFin(endpoint: Endpoint): void {
    const len = endpoint.queuedBytes;
    endpoint.queuedBytes = 0;
    const seq = endpoint.sndNxt;
    endpoint.finSeq = seqAdd(seq, len);
    endpoint.sndNxt = seqAdd(endpoint.finSeq, 1);
    this.emit(endpoint, { flags: "FIN+ACK", seq, ack: endpoint.rcvNxt, len }, true);
  }

  private flushQueuedData(endpoint: Endpoint): void {
    if (endpoint.queuedBytes === 0) return;
    const len = endpoint.queuedBytes;
    endpoint.queuedBytes = 0;
    const seq = endpoint.sndNxt;
    endpoint.sndNxt = seqAdd(seq, len);
    this.emit(endpoint, { flags: "ACK", seq, ack: endpoint.rcvNxt, len }, true);
  }

  private sendAck(endpoint: Endpoint): void {
    this.emit(endpoint, { flags: "ACK", seq: endpoint.sndNxt, ack: endpoint.rcvNxt, len: 0 }, false);
  }

  /** Acknowledge received data or a FIN, at once or after the delayed-ACK time. */
  private acknowledge(endpoint: Endpoint): void {
    if (endpoint.delayedAck === 0) {
      this.sendAck(endpoint);
      return;
    }
    endpoint.ackPending = true;
    endpoint.ackGeneration++;
    this.queue.push(this.now + endpoint.delayedAck, PRIORITY.timer, {
      kind: "timer",
      side: endpoint.side,
      timer: "ack",
      generation: endpoint.ackGeneration,
    });
  }

  private emit(endpoint: Endpoint, fields: Omit<Segment, "n" | "from">, retransmittable: boolean): void {
    if (this.pendingSegment) throw new Error(`${endpoint.side} would send two segments in one step`);
    const segment: Segment = { n: ++this.segmentCount, from: endpoint.side, ...fields };
    if (this.setup.selfConnect && endpoint.side === "client") segment.to = "client";
    if (hasFlag(segment.flags, "ACK")) endpoint.ackPending = false;
    if (retransmittable) {
      endpoint.outstanding.push({ flags: segment.flags, seq: segment.seq, len: segment.len, space: segmentSpace(segment), retries: 0, sentAt: this.now });
      if (endpoint.outstanding.length === 1) this.restartRetransmissionTimer(endpoint);
    }
    this.pendingSegment = segment;
    this.schedule(segment, this.timing.latency);
  }

  private schedule(segment: Segment, latency: number): void {
    const arrival = this.now + latency + (this.setup.network?.delay?.[segment.n] ?? 0);
    const kind = this.lose.has(segment.n) ? "lost" : "arrive";
    this.queue.push(arrival, PRIORITY[kind], { kind, segment });
  }

  // ---- acknowledgments, data, state ----

  /** Advance SND.UNA for an acceptable ACK and drop what it covers from the retransmission queue. */
  private acceptAck(endpoint: Endpoint, segment: Segment): void {
    const ack = segment.ack;
    if (ack === null || !seqLt(endpoint.sndUna, ack) || !seqLe(ack, endpoint.sndNxt)) return;
    endpoint.sndUna = ack;
    const covered = endpoint.outstanding.filter((item) => seqLe(seqAdd(item.seq, item.space), ack));
    // Karn's rule (RFC 6298 3): only a segment sent once gives a round-trip sample.
    const sample = covered.find((item) => item.retries === 0);
    if (!endpoint.rttMeasured && sample) this.measureRtt(endpoint, this.now - sample.sentAt);
    endpoint.outstanding = endpoint.outstanding.filter((item) => !seqLe(seqAdd(item.seq, item.space), ack));
    endpoint.rto = endpoint.baseRto;
    if (endpoint.outstanding.length === 0) endpoint.rtoGeneration++;
    else this.restartRetransmissionTimer(endpoint);
  }

  private deliver(endpoint: Endpoint, bytes: number): void {
    if (bytes === 0) return;
    endpoint.rcvNxt = seqAdd(endpoint.rcvNxt ?? 0, bytes);
    endpoint.bytesDelivered += bytes;
  }

  private restartRetransmissionTimer(endpoint: Endpoint): void {
    endpoint.rtoGeneration++;
    this.queue.push(this.now + endpoint.rto, PRIORITY.timer, {
      kind: "timer",
      side: endpoint.side,
      timer: "rto",
      generation: endpoint.rtoGeneration,
    });
  }

  /** The first round trip sets the RTO (RFC 6298 2.2; Linux's tcp_rtt_estimator), within the profile's bounds. */
  private measureRtt(endpoint: Endpoint, rtt: number): void {
    endpoint.rttMeasured = true;
    endpoint.baseRto = Math.min(Math.max(this.timing.rtoFromRtt(rtt), this.timing.minRto), this.timing.maxRto);
    endpoint.rto = endpoint.baseRto;
  }

  /** Linux deletes an orphaned FIN_WAIT_2 after tcp_fin_timeout; RFC 9293 waits for ever. */
  private startFinWait2Timer(endpoint: Endpoint): void {
    if (this.timing.finWait2Timeout === null || !endpoint.orphaned) return;
    endpoint.finWait2Generation++;
    this.queue.push(this.now + this.timing.finWait2Timeout, PRIORITY.timer, {
      kind: "timer",
      side: endpoint.side,
      timer: "fin-wait-2",
      generation: endpoint.finWait2Generation,
    });
  }

  private startTimeWait(endpoint: Endpoint): void {
    endpoint.timeWaitGeneration++;
    endpoint.finWait2Generation++;
    // Nothing of ours is outstanding in TIME_WAIT: the other timers stop (3.10.7.4).
    endpoint.rtoGeneration++;
    endpoint.outstanding = [];
    this.queue.push(this.now + (this.timing.timeWait ?? 2 * this.timing.msl), PRIORITY.timer, {
      kind: "timer",
      side: endpoint.side,
      timer: "2msl",
      generation: endpoint.timeWaitGeneration,
    });
  }

  private forget(endpoint: Endpoint, state: TcpState): void {
    if (state === "CLOSED" || state === "LISTEN") resetEndpoint(endpoint);
  }

  private enter(endpoint: Endpoint, state: TcpState): void {
    const previous = endpoint.state;
    endpoint.state = state;
    if (state === "ESTABLISHED" && previous !== "ESTABLISHED") this.startKeepalive(endpoint);
  }

  /** A kernel source, cited only when the linux profile runs. */
  private linuxOnly(kernel: string): string | undefined {
    return this.profile.name === "linux" ? kernel : undefined;
  }

  private decide(endpoint: Endpoint, event: TcpEvent, context: TransitionContext = {}): Outcome {
    return transition(endpoint.state, event, { ...context, activeOpen: endpoint.activeOpen }, this.machine);
  }

  private record(event: TcpEvent | SimEvent, at: Side | "network", note: string, extra: Partial<TraceStep> = {}): void {
    const step: TraceStep = {
      t: this.now,
      event,
      at,
      segment: this.pendingSegment,
      ...definedOnly(extra),
      client: this.endpoints.client.state,
      server: this.endpoints.server.state,
      note,
    };
    this.pendingSegment = null;
    this.steps.push(step);
    this.scheduleReactions();
    this.reopenListeners();
  }

  private scheduleReactions(): void {
    for (const reaction of this.setup.reactions ?? []) {
      if (this.fired.has(reaction) || this.endpoints[reaction.side].state !== reaction.onState) continue;
      this.fired.add(reaction);
      this.queue.push(this.now + reaction.after, PRIORITY.call, {
        kind: "call",
        side: reaction.side,
        call: reaction.call,
        bytes: reaction.bytes ?? 0,
        how: reaction.how ?? "close()",
      });
    }
  }
}

/** An ACK that only confirms what is already known changes nothing, but its ACK field still counts. */
function isQuietAck(from: TcpState, event: TcpEvent, outcome: Outcome): boolean {
  const synchronized = from !== "CLOSED" && from !== "LISTEN" && from !== "SYN_SENT";
  return synchronized && event === "rcv ACK" && outcome.kind === "no-change";
}

/** Our SYN of an active open, not yet answered: a SYN+ACK has the peer's sequence numbers. */
function isOwnSyn(oldest: Outstanding, endpoint: Endpoint): boolean {
  return hasFlag(oldest.flags, "SYN") && endpoint.rcvNxt === null;
}

function retransmissionFlags(oldest: Outstanding, endpoint: Endpoint): Flags {
  if (hasFlag(oldest.flags, "SYN")) return endpoint.rcvNxt === null ? "SYN" : "SYN+ACK";
  if (hasFlag(oldest.flags, "FIN")) return "FIN+ACK";
  return "ACK";
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
