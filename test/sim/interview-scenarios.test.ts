import { describe, expect, it } from "vitest";
import { PROFILE_NAMES, type ProfileName } from "@/lib/tcp";
import { findScenario, renderSequenceDiagram, runScenario, simulate, stateSequence, type Trace } from "@/lib/sim";
import { ISN_PAIRS, lostSegments, relativeTo, reportedErrors, segment as seg, setupOf, wire } from "./builders";
import { INTERVIEW_EXPECTED } from "./interview-expectations";

const NAMES = Object.keys(INTERVIEW_EXPECTED);
const RUNS = NAMES.flatMap((name) =>
  PROFILE_NAMES.flatMap((profile) => ISN_PAIRS.map((isn) => ({ name, profile, isn, label: `${profile}, ISNs ${isn.client}/${isn.server}` }))),
);

const stepsAt = (trace: Trace, side: "client" | "server", event: string) => trace.steps.filter((step) => step.at === side && step.event === event);

describe("the interview scenarios, under both profiles", () => {
  it("are all named scenarios", () => {
    for (const name of NAMES) expect(findScenario(name), name).toBeDefined();
  });

  it.each(RUNS)("$name ($label): both ends' states, every segment, the losses and the errors", ({ name, profile, isn }) => {
    const trace = runScenario(name, { profile, isn });
    const expected = INTERVIEW_EXPECTED[name]!(isn, profile);
    expect(trace.profile).toBe(profile);
    expect({ client: stateSequence(trace, "client"), server: stateSequence(trace, "server") }).toEqual({ client: expected.client, server: expected.server });
    expect(wire(trace)).toEqual(expected.segments);
    expect(lostSegments(trace)).toEqual(expected.lost ?? []);
    expect(reportedErrors(trace)).toEqual(expected.errors ?? []);
  });

  it.each(RUNS)("$name ($label): the same options give the same trace", ({ name, profile, isn }) => {
    expect(runScenario(name, { profile, isn })).toEqual(runScenario(name, { profile, isn }));
  });
});

describe("out-of-order-fin", () => {
  it.each(PROFILE_NAMES)("the FIN that arrives first is held: the server stays ESTABLISHED and sends a duplicate ACK (%s)", (profile) => {
    const trace = runScenario("out-of-order-fin", { profile });
    const held = trace.steps.find((step) => step.received === 2)!;
    expect(held).toMatchObject({ at: "server", event: "rcv out of order", server: "ESTABLISHED", rfc: "3.10.7.4", t: 50 });
    expect(held.segment).toMatchObject({ flags: "ACK", seq: 301, ack: 101 });
    expect(held.note).toBe(
      "SEQ=201 is ahead of RCV.NXT=101: a gap before it. The segment (FIN) is held until the gap fills, to be processed in sequence (3.10.7.4, SHLD-31); a duplicate ACK tells the sender what is missing (MAY-13).",
    );
  });

  it.each(PROFILE_NAMES)("the data fills the gap, and the held FIN moves the server to CLOSE_WAIT at the same instant, one ACK for both (%s)", (profile) => {
    const trace = runScenario("out-of-order-fin", { profile });
    const filled = trace.steps.findIndex((step) => step.received === 1);
    const data = trace.steps[filled]!;
    const fin = trace.steps[filled + 1]!;
    expect(data).toMatchObject({ at: "server", event: "rcv data", server: "ESTABLISHED", segment: null, t: 150 });
    expect(data.note).toBe(
      "100 bytes of data delivered in order (RCV.NXT=201); held segment #2 is now in order and is processed next, so one ACK covers both (3.10.7.4, MUST-59).",
    );
    expect(fin).toMatchObject({ at: "server", event: "rcv FIN", reassembled: 2, server: "CLOSE_WAIT", t: 150 });
    expect(fin.segment).toMatchObject({ flags: "ACK", ack: 202 });
    expect(trace.bytes.server.delivered).toBe(100);
  });

  it("differs between the profiles only in how long the client's TIME_WAIT lasts (240 s and 60 s)", () => {
    const length = (profile: ProfileName) => {
      const trace = runScenario("out-of-order-fin", { profile });
      const entered = trace.steps.find((step) => step.client === "TIME_WAIT")!;
      return trace.steps.at(-1)!.t - entered.t;
    };
    expect([length("rfc9293"), length("linux")]).toEqual([240_000, 60_000]);
    const shape = (profile: ProfileName) => runScenario("out-of-order-fin", { profile }).steps.slice(0, -1).map((step) => [step.t, step.event, step.client, step.server]);
    expect(shape("linux")).toEqual(shape("rfc9293"));
  });

  it("a held data segment is delivered once the gap before it fills (simulate: 100 then 200 bytes, the first delayed)", () => {
    const trace = simulate(
      setupOf({
        initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
        calls: [
          { at: 0, side: "client", call: "send", bytes: 100 },
          { at: 0, side: "client", call: "send", bytes: 200 },
        ],
        network: { delay: { 1: 100 } },
      }),
    );
    expect(trace.steps.find((step) => step.received === 2)).toMatchObject({ event: "rcv out of order" });
    expect(trace.steps.find((step) => step.reassembled === 2)).toMatchObject({ event: "rcv data", segment: { flags: "ACK", ack: 401 } });
    expect(trace.bytes.server.delivered).toBe(300);
  });
});

describe("syn-to-time-wait-newer", () => {
  it("the SYN above RCV.NXT reopens the TIME_WAIT connection: the newer-SYN case of TIME_WAIT + rcv SYN (RFC 9293 3.6.1)", () => {
    const rfc = runScenario("syn-to-time-wait-newer").steps.find((step) => step.at === "server" && step.event === "rcv SYN")!;
    expect(rfc).toMatchObject({ variant: "newer SYN", rfc: "3.6.1", server: "SYN_RECEIVED", t: 1_050 });
    const linux = runScenario("syn-to-time-wait-newer", { profile: "linux" }).steps.find((step) => step.at === "server" && step.event === "rcv SYN")!;
    expect(linux).toMatchObject({ variant: "newer SYN", server: "SYN_RECEIVED" });
    expect(linux.kernel).toMatch(/tcp_minisocks\.c: tcp_timewait_state_process/);
  });
});

describe("syn-to-time-wait-older", () => {
  it.each(PROFILE_NAMES)("the client's RST kills the TIME_WAIT, the listener takes the port, and the retried SYN connects (%s)", (profile) => {
    const trace = runScenario("syn-to-time-wait-older", { profile });
    const synAnswered = trace.steps.find((step) => step.at === "server" && step.event === "rcv SYN")!;
    expect(synAnswered).toMatchObject({ server: "TIME_WAIT", segment: { flags: "ACK" } });
    expect(synAnswered.variant).toBeUndefined();
    const reset = trace.steps.findIndex((step) => step.at === "server" && step.event === "rcv RST");
    expect(trace.steps[reset]).toMatchObject({ server: "CLOSED", t: 1_150 });
    expect(trace.steps[reset]!.note).toMatch(/TIME-WAIT assassination/);
    expect(trace.steps[reset + 1]).toMatchObject({ at: "server", event: "passive open", server: "LISTEN", t: 1_150, rfc: "3.10.1" });
    const syns = stepsAt(trace, "client", "timeout");
    // RFC 9293: after the RTO; Linux: 2 ms after the bad ACK (tcp_rcv_synsent_state_process).
    expect(syns.map((step) => [step.t, step.segment?.flags])).toEqual([[profile === "linux" ? 1_102 : 2_000, "SYN"]]);
  });
});

describe("syn-on-established (RFC 9293 Figure 9)", () => {
  it.each(PROFILE_NAMES)("the crash sends nothing; the ESTABLISHED server answers the SYN with a challenge ACK and stays (%s)", (profile) => {
    const trace = runScenario("syn-on-established", { profile });
    expect(trace.steps[0]).toMatchObject({ event: "crash", at: "client", client: "CLOSED", server: "ESTABLISHED", segment: null, rfc: "3.5.1" });
    expect(trace.steps[0]!.note).toBe(
      "The client's host crashes and reboots: its TCB is lost and nothing is sent (no FIN, no RST), so its peer is not told (3.5.1); the rebooted stack answers what arrives as CLOSED does.",
    );
    const challenge = trace.steps.find((step) => step.at === "server" && step.event === "rcv SYN")!;
    expect(challenge).toMatchObject({ server: "ESTABLISHED", rfc: "3.10.7.4" });
    expect(challenge.note).toMatch(/challenge ACK/);
    const rst = trace.steps.find((step) => step.at === "client" && step.event === "rcv unacceptable")!;
    expect(rst).toMatchObject({ client: "SYN_SENT", rfc: "3.10.7.3" });
  });

  it("the server is reset, then its listener is back: CLOSED and LISTEN at the same instant", () => {
    const trace = runScenario("syn-on-established", { profile: "linux" });
    const reset = trace.steps.findIndex((step) => step.at === "server" && step.event === "rcv RST");
    expect(trace.steps[reset]).toMatchObject({ server: "CLOSED", error: "ECONNRESET", kernel: "net/ipv4/tcp_input.c: tcp_reset" });
    expect(trace.steps[reset + 1]).toMatchObject({ event: "passive open", server: "LISTEN", t: trace.steps[reset]!.t });
    expect(trace.steps[reset + 1]!.kernel).toBeUndefined();
  });
});

describe("half-open-discovery (RFC 9293 Figure 10)", () => {
  it("the crashed side, now CLOSED, answers the data with <SEQ=SEG.ACK><CTL=RST> (3.10.7.1)", () => {
    const trace = runScenario("half-open-discovery");
    const answer = trace.steps.find((step) => step.at === "client" && step.event === "rcv ACK")!;
    expect(answer).toMatchObject({ client: "CLOSED", rfc: "3.10.7.1", segment: { flags: "RST", seq: 101, ack: null } });
    expect(trace.bytes.client.delivered).toBe(0);
  });
});

describe("keepalive-dead-peer", () => {
  it.each(PROFILE_NAMES)("probes after 2 h idle, then every 75 s, 9 times, with SEQ=SND.NXT-1 and no data; gives up 75 s after the last (%s)", (profile) => {
    const trace = runScenario("keepalive-dead-peer", { profile });
    const probes = stepsAt(trace, "client", "keepalive probe");
    expect(probes.map((step) => step.t)).toEqual(Array.from({ length: 9 }, (_, i) => 7_200_000 + 75_000 * i));
    for (const probe of probes) expect(probe.segment).toMatchObject({ flags: "ACK", seq: 100, ack: 301, len: 0 });
    expect(probes[0]!.rfc).toBe("3.8.4");
    expect(probes[0]!.note).toBe(
      "Keep-alive probe 1 of 9: nothing heard from the peer for 7200 s and nothing outstanding, so send <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK> with no data, which a live peer answers with an ACK (3.8.4; RFC 1122 4.2.3.6).",
    );
    const giveUp = stepsAt(trace, "client", "keepalive timeout");
    expect(giveUp).toHaveLength(1);
    expect(giveUp[0]).toMatchObject({ t: 7_875_000, client: "CLOSED" });
  });

  it("Linux resets and reports ETIMEDOUT (tcp_keepalive_timer); the RFC profile sends nothing and says the probe count is Linux's", () => {
    const linux = stepsAt(runScenario("keepalive-dead-peer", { profile: "linux" }), "client", "keepalive timeout")[0]!;
    expect(linux).toMatchObject({ error: "ETIMEDOUT", segment: { flags: "RST+ACK", seq: 101, ack: 301 } });
    expect(linux.kernel).toMatch(/tcp_timer\.c: tcp_keepalive_timer/);
    const rfc = stepsAt(runScenario("keepalive-dead-peer"), "client", "keepalive timeout")[0]!;
    expect(rfc.segment).toBeNull();
    expect(rfc.kernel).toBeUndefined();
    expect(rfc.note).toMatch(/RFC 9293 sets no probe count .*this profile takes Linux's\.$/);
  });

  it("what reaches the crashed host is lost, not answered", () => {
    const trace = runScenario("keepalive-dead-peer", { profile: "linux" });
    const lost = trace.steps.filter((step) => step.event === "lost");
    expect(lost).toHaveLength(10);
    expect(lost[0]!.note).toBe("Segment 1 (ACK) reaches the server's host, which is down: nothing receives it and nothing answers.");
  });

  it("keep-alive is off unless the application asks for it (RFC 9293 3.8.4, MUST-25): no probe without SO_KEEPALIVE", () => {
    const trace = simulate(setupOf({ initial: { client: "ESTABLISHED", server: "ESTABLISHED" }, crashes: [{ at: 0, side: "server", stayDown: true }] }));
    expect(trace.steps.map((step) => step.event)).toEqual(["crash"]);
  });

  it("a live peer answers each probe with an ACK, which starts the idle time over: the connection stays open", () => {
    const trace = simulate(
      setupOf({ profile: "linux", initial: { client: "ESTABLISHED", server: "ESTABLISHED" }, endpoints: { client: { keepalive: true } }, timing: { keepaliveTime: 100_000 } }),
    );
    expect(trace.steps.slice(0, 4).map((step) => [step.t, step.at, step.event])).toEqual([
      [100_000, "client", "keepalive probe"],
      [100_050, "server", "rcv unacceptable"],
      [100_100, "client", "rcv ACK"],
      [200_100, "client", "keepalive probe"],
    ]);
    expect(trace.steps[1]!.segment).toMatchObject({ flags: "ACK", seq: 301, ack: 101 });
    expect(trace.steps.some((step) => step.event === "keepalive timeout")).toBe(false);
  });
});

describe("self-connect", () => {
  it.each(PROFILE_NAMES)("every step is the client's; its segments come back to it and the server stays CLOSED (%s)", (profile) => {
    const trace = runScenario("self-connect", { profile });
    expect(trace.steps.every((step) => step.at === "client" && step.server === "CLOSED")).toBe(true);
    expect(trace.steps.map((step) => [step.event, step.client])).toEqual([
      ["active open", "SYN_SENT"],
      ["rcv SYN", "SYN_RECEIVED"],
      ["rcv SYN+ACK", "ESTABLISHED"],
    ]);
    expect(trace.steps[1]!.received).toBe(1);
  });

  it("the terminal diagram draws the segment back to its sender", () => {
    expect(renderSequenceDiagram(runScenario("self-connect"))).toContain("↺ #1 SYN seq=100 (back to the client)");
  });
});

describe("accept-queue-full", () => {
  it("Linux drops the final ACK while the queue is full: the client is ESTABLISHED, the server stays SYN_RECEIVED until accept() makes room", () => {
    const trace = runScenario("accept-queue-full", { profile: "linux" });
    const overflows = stepsAt(trace, "server", "listen overflow");
    expect(overflows.map((step) => [step.t, step.received, step.client, step.server])).toEqual([
      [150, 3, "ESTABLISHED", "SYN_RECEIVED"],
      [1_150, 5, "ESTABLISHED", "SYN_RECEIVED"],
    ]);
    expect(overflows[0]!.kernel).toMatch(/tcp_minisocks\.c: tcp_check_req \(listen_overflow\).*tcp_v4_syn_recv_sock.*sk_acceptq_is_full/);
    expect(overflows[0]!.note).toBe(
      "The accept queue is full (2 connections wait for accept(), backlog 1): no socket can be made for this connection, so its final ACK is dropped (tcp_abort_on_overflow = 0). The request stays in SYN_RECEIVED and its timer resends the SYN+ACK, while the client already believes the connection ESTABLISHED.",
    );
    expect(stepsAt(trace, "server", "accept")[0]).toMatchObject({ t: 2_000, note: "The application calls accept() and takes the oldest connection off the queue: 1 connection waits for accept(), backlog 1." });
    expect(stepsAt(trace, "server", "rcv ACK")[0]).toMatchObject({ t: 3_150, server: "ESTABLISHED" });
  });

  it("RFC 9293 has no accept queue: a plain open, and the note says so", () => {
    const trace = runScenario("accept-queue-full");
    expect(stepsAt(trace, "server", "listen overflow")).toEqual([]);
    expect(stepsAt(trace, "server", "rcv ACK")[0]).toMatchObject({ t: 150, server: "ESTABLISHED" });
    expect(stepsAt(trace, "server", "connection queued")[0]!.note).toMatch(/RFC 9293 has no accept queue \(the backlog belongs to the sockets API\)/);
  });

  it("with tcp_abort_on_overflow = 1 the final ACK is answered <SEQ=SEG.ACK><CTL=RST>, and the request is dropped", () => {
    const trace = runScenario("accept-queue-full", { profile: "linux", acceptQueue: { abortOnOverflow: true } });
    const { c, s } = relativeTo({ client: 100, server: 300 });
    expect(wire(trace)).toEqual([seg("client", "SYN", c(0), null), seg("server", "SYN+ACK", s(0), c(1)), seg("client", "ACK", c(1), s(1)), seg("server", "RST", s(1), null)]);
    expect(stateSequence(trace, "server")).toEqual(["LISTEN", "SYN_RECEIVED", "LISTEN"]);
    expect(stateSequence(trace, "client")).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "CLOSED"]);
    expect(reportedErrors(trace)).toEqual(["client: rcv RST: ECONNRESET"]);
  });

  it("a backlog of 2 leaves room (the queue is full above the backlog): a plain open on Linux too", () => {
    const trace = runScenario("accept-queue-full", { profile: "linux", acceptQueue: { backlog: 2 } });
    expect(stepsAt(trace, "server", "listen overflow")).toEqual([]);
    expect(wire(trace).map((segment) => segment.flags)).toEqual(["SYN", "SYN+ACK", "ACK"]);
  });

  it("a SYN that meets a full queue is dropped without an answer (tcp_conn_request); the retried SYN gets through after accept()", () => {
    const trace = runScenario("accept-queue-full", { profile: "linux", acceptQueue: { queued: 2, joinsAt: [], acceptsAt: [500] } });
    const dropped = stepsAt(trace, "server", "listen overflow")[0]!;
    expect(dropped).toMatchObject({ t: 50, received: 1, server: "LISTEN", segment: null });
    expect(dropped.kernel).toMatch(/tcp_input\.c: tcp_conn_request/);
    expect(wire(trace).map((segment) => segment.flags)).toEqual(["SYN", "SYN", "SYN+ACK", "ACK"]);
    expect(stateSequence(trace, "server")).toEqual(["LISTEN", "SYN_RECEIVED", "ESTABLISHED"]);
  });

  it("an accept queue given to a scenario without one needs a backlog", () => {
    expect(runScenario("open", { profile: "linux", acceptQueue: { queued: 5 } })).toEqual(runScenario("open", { profile: "linux" }));
    const full = runScenario("open", { profile: "linux", acceptQueue: { backlog: 0, queued: 1 } });
    // Nothing ever accepts: every SYN is dropped until the client gives up (tcp_syn_retries + tcp_syn_linear_timeouts = 10 retransmissions).
    expect(stepsAt(full, "server", "listen overflow")).toHaveLength(11);
    expect(reportedErrors(full)).toEqual(["client: user timeout: ETIMEDOUT"]);
  });
});
