import { describe, expect, it } from "vitest";
import { replayCapture } from "../../lib/capture/replay-capture";
import type { Capture, CapturedSegment } from "../../lib/capture/types";

/*
 * The replay on hand-built segments, one lesson each: the exact states each
 * side passes through, and the marks the wire alone gives. Captures written
 * by real tools are replayed in capture-samples.test.ts and tcpdump-ss.test.ts.
 */

const CLIENT = { addr: "10.0.0.1", port: 40000 };
const SERVER = { addr: "10.0.0.2", port: 80 };
const C_ISN = 1_000_000;
const S_ISN = 4_294_967_000; // wraps past 2^32 within the connection

type Spec = [from: "c" | "s", flags: string, seq: number, ack: number, len: number, t: number];

function capture(specs: Spec[], options: { ipIds?: boolean } = {}): Capture {
  const segments: CapturedSegment[] = specs.map(([from, flags, seq, ack, len, t], index) => {
    const [src, dst] = from === "c" ? [CLIENT, SERVER] : [SERVER, CLIENT];
    const ownIsn = from === "c" ? C_ISN : S_ISN;
    const peerIsn = from === "c" ? S_ISN : C_ISN;
    return {
      frame: index + 1,
      offset: 24 + index * 80,
      time: 1_700_000_000 + t / 1000,
      interfaceId: 0,
      ipVersion: 4,
      src: src.addr,
      dst: dst.addr,
      srcPort: src.port,
      dstPort: dst.port,
      seq: (ownIsn + seq) % 2 ** 32,
      ack: (peerIsn + ack) % 2 ** 32,
      flags,
      otherFlags: [],
      window: 65535,
      options: [],
      payloadLength: len,
      ipId: options.ipIds === false ? null : index + 100,
    };
  });
  return { format: "pcap", byteOrder: "little", precision: "us", linkTypes: ["ethernet"], frames: segments.length, segments, skipped: [] };
}

const HANDSHAKE: Spec[] = [
  ["c", "SYN", 0, 0, 0, 0],
  ["s", "SYN+ACK", 0, 1, 0, 10],
  ["c", "ACK", 1, 1, 0, 20],
];

describe("replaying a capture through both endpoints", () => {
  it("an ordinary connection: the client closes first and ends in TIME_WAIT, which only the profile's timer ends", () => {
    const replay = replayCapture(
      capture([
        ...HANDSHAKE,
        ["c", "PSH+ACK", 1, 1, 5, 30],
        ["s", "ACK", 1, 6, 0, 40],
        ["c", "FIN+ACK", 6, 1, 0, 50],
        ["s", "ACK", 1, 7, 0, 60],
        ["s", "FIN+ACK", 1, 7, 0, 70],
        ["c", "ACK", 7, 2, 0, 80],
      ]),
    );
    const [connection] = replay.connections;
    expect(replay.connections).toHaveLength(1);
    expect(replay.profile).toBe("linux");
    const [client, server] = connection!.endpoints;
    expect(client!.states).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"]);
    expect(server!.states).toEqual(["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"]);
    expect(client).toMatchObject({ addr: "10.0.0.1", port: 40000, role: "client" });
    // Relative numbers, as Wireshark shows them, even across the server's wrap past 2^32.
    expect(connection!.segments.map((s) => [s.seq, s.ack])).toEqual([
      [0, null],
      [0, 1],
      [1, 1],
      [1, 1],
      [1, 6],
      [6, 1],
      [1, 7],
      [1, 7],
      [7, 2],
    ]);
    expect(connection!.segments.flatMap((s) => s.notes)).toEqual([]);
    // Linux: TIME_WAIT is a fixed 60 s from the moment it was entered (80 ms), after the capture ended.
    const last = connection!.trace.steps.at(-1)!;
    expect(last).toMatchObject({ event: "timeout", at: "client", client: "CLOSED", t: 60_080 });
    expect(connection!.timedFrom).toBe(connection!.trace.steps.length - 1);
    expect(last.note).toContain("60 s");
  });

  it("with the rfc9293 profile TIME_WAIT lasts 2MSL, four minutes", () => {
    const replay = replayCapture(capture([...HANDSHAKE, ["c", "FIN+ACK", 1, 1, 0, 50], ["s", "FIN+ACK", 1, 2, 0, 60], ["c", "ACK", 2, 2, 0, 70]]), "rfc9293");
    const steps = replay.connections[0]!.trace.steps;
    expect(steps.at(-1)).toMatchObject({ event: "timeout", client: "CLOSED", t: 240_070 });
    // A FIN+ACK that acknowledges the client's FIN: the server acked and closed in one segment (CLOSE_WAIT, then LAST_ACK).
    expect(replay.connections[0]!.endpoints[1]!.states).toEqual(["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"]);
  });

  it("a connect to a closed port: SYN answered by RST+ACK, nothing listened", () => {
    const replay = replayCapture(capture([["c", "SYN", 0, 0, 0, 0], ["s", "RST+ACK", 0, 1, 0, 1]]));
    const [client, server] = replay.connections[0]!.endpoints;
    expect(client!.states).toEqual(["CLOSED", "SYN_SENT", "CLOSED"]);
    expect(server!.states).toEqual(["CLOSED"]);
    const steps = replay.connections[0]!.trace.steps;
    // The server's answer is the step where it received the SYN.
    expect(steps[1]).toMatchObject({ event: "rcv SYN", at: "server", received: 1, segment: { n: 2, flags: "RST+ACK" } });
    expect(steps[2]).toMatchObject({ event: "rcv RST", at: "client", client: "CLOSED", error: expect.any(String) });
  });

  it("two FINs that cross are a simultaneous close: both sides pass through CLOSING (RFC 9293 Figure 13)", () => {
    const replay = replayCapture(
      capture([...HANDSHAKE, ["c", "FIN+ACK", 1, 1, 0, 50], ["s", "FIN+ACK", 1, 1, 0, 51], ["c", "ACK", 2, 2, 0, 60], ["s", "ACK", 2, 2, 0, 61]]),
    );
    const [client, server] = replay.connections[0]!.endpoints;
    expect(client!.states).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "CLOSING", "TIME_WAIT", "CLOSED"]);
    expect(server!.states).toEqual(["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "CLOSING", "TIME_WAIT", "CLOSED"]);
  });

  it("a SYN sent again with no answer in between was lost: the server received only the second", () => {
    const replay = replayCapture(capture([["c", "SYN", 0, 0, 0, 0], ["c", "SYN", 0, 0, 0, 1000], ["s", "SYN+ACK", 0, 1, 0, 1010], ["c", "ACK", 1, 1, 0, 1020]]));
    const connection = replay.connections[0]!;
    expect(connection.segments[0]!.notes.map((n) => n.kind)).toEqual(["never received"]);
    expect(connection.segments[1]!.notes.map((n) => n.kind)).toEqual(["retransmission"]);
    expect(connection.segments[1]!.notes[0]!.rule).toContain("RFC 6298");
    expect(connection.trace.steps.map((s) => `${s.at}:${s.event}`)).toEqual(["client:active open", "network:lost", "client:timeout", "server:rcv SYN", "client:rcv SYN+ACK", "server:rcv ACK"]);
    expect(connection.endpoints[1]!.states).toEqual(["LISTEN", "SYN_RECEIVED", "ESTABLISHED"]);
  });

  it("an abort: the client's RST+ACK resets the server straight to CLOSED", () => {
    const replay = replayCapture(capture([...HANDSHAKE, ["c", "RST+ACK", 1, 1, 0, 40]]));
    const [client, server] = replay.connections[0]!.endpoints;
    expect(client!.states).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "CLOSED"]);
    expect(server!.states).toEqual(["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSED"]);
    expect(replay.connections[0]!.segments[3]!.notes).toEqual([]);
  });

  it("the same abort under rfc9293 is a departure: the RFC's ABORT sends RST without ACK", () => {
    const replay = replayCapture(capture([...HANDSHAKE, ["c", "RST+ACK", 1, 1, 0, 40]]), "rfc9293");
    const notes = replay.connections[0]!.segments[3]!.notes;
    expect(notes.map((n) => n.kind)).toEqual(["unexpected"]);
    expect(notes[0]!.en).toContain("sends RST");
    expect(notes[0]!.zh).toContain("RST");
  });

  it("a half-close: the client shut down its side and still reads, so FIN_WAIT_2 has no Linux timeout", () => {
    const replay = replayCapture(
      capture([
        ...HANDSHAKE,
        ["c", "FIN+ACK", 1, 1, 0, 30],
        ["s", "ACK", 1, 2, 0, 40],
        ["s", "PSH+ACK", 1, 2, 100, 50],
        ["c", "ACK", 2, 101, 0, 60],
        ["s", "FIN+ACK", 101, 2, 0, 70],
        ["c", "ACK", 2, 102, 0, 80],
      ]),
    );
    const connection = replay.connections[0]!;
    expect(connection.endpoints[0]!.states).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"]);
    expect(connection.endpoints[1]!.states).toEqual(["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"]);
    expect(connection.trace.bytes.client.delivered).toBe(100);
    expect(connection.segments.flatMap((s) => s.notes)).toEqual([]);
  });

  it("an orphaned FIN_WAIT_2 ends after Linux's tcp_fin_timeout, and never under rfc9293", () => {
    const specs: Spec[] = [...HANDSHAKE, ["c", "FIN+ACK", 1, 1, 0, 30], ["s", "ACK", 1, 2, 0, 40]];
    const linux = replayCapture(capture(specs)).connections[0]!;
    expect(linux.endpoints[0]!.states).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSED"]);
    expect(linux.trace.steps.at(-1)).toMatchObject({ event: "timeout", t: 60_040, kernel: expect.stringContaining("tcp") });
    const rfc = replayCapture(capture(specs), "rfc9293").connections[0]!;
    expect(rfc.endpoints[0]!.states.at(-1)).toBe("FIN_WAIT_2");
  });

  it("data out of order is held; a duplicate ACK and a fast retransmission are marked", () => {
    const replay = replayCapture(
      capture([
        ...HANDSHAKE,
        ["c", "ACK", 1, 1, 100, 30],
        ["c", "ACK", 101, 1, 100, 31],
        ["s", "ACK", 1, 101, 0, 40],
        ["c", "ACK", 201, 1, 100, 41],
        ["s", "ACK", 1, 101, 0, 50],
        ["c", "ACK", 301, 1, 100, 51],
        ["s", "ACK", 1, 101, 0, 60],
        ["c", "ACK", 401, 1, 100, 61],
        ["s", "ACK", 1, 101, 0, 70],
        ["c", "ACK", 101, 1, 100, 71],
        ["s", "ACK", 1, 501, 0, 80],
      ]),
    );
    const connection = replay.connections[0]!;
    const kinds = connection.segments.map((s) => s.notes.map((n) => n.kind).join(","));
    expect(kinds[4]).toBe("never received");
    expect(kinds.slice(7, 12)).toEqual(["duplicate ack", "", "duplicate ack", "", "duplicate ack"]);
    expect(kinds[12]).toBe("fast retransmission");
    expect(connection.trace.bytes.server.delivered).toBe(500);
    expect(connection.trace.steps.filter((s) => s.event === "rcv out of order")).toHaveLength(3);
  });

  it("a new SYN on the same four-tuple after both FINs opens a second connection", () => {
    const close: Spec[] = [["c", "FIN+ACK", 1, 1, 0, 50], ["s", "FIN+ACK", 1, 2, 0, 60], ["c", "ACK", 2, 2, 0, 70]];
    const again: Spec[] = [["c", "SYN", 90_000, 0, 0, 2000], ["s", "SYN+ACK", 70_000, 90_001, 0, 2010]];
    const replay = replayCapture(capture([...HANDSHAKE, ...close, ...again]));
    expect(replay.connections).toHaveLength(2);
    expect(replay.connections[1]!.segments.map((s) => [s.seq, s.ack])).toEqual([
      [0, null],
      [0, 1],
    ]);
  });

  it("a capture that began after the handshake starts both sides ESTABLISHED and numbers from the first segment", () => {
    const replay = replayCapture(capture([["c", "PSH+ACK", 501, 301, 10, 0], ["s", "ACK", 301, 511, 0, 5]]));
    const connection = replay.connections[0]!;
    expect(connection.endpoints.map((e) => e.states)).toEqual([["ESTABLISHED"], ["ESTABLISHED"]]);
    expect(connection.segments[0]).toMatchObject({ seq: 1, ack: 1, len: 10 });
    expect(connection.endpoints[1]).toMatchObject({ port: 80, role: "server" });
  });

  it("a simultaneous open: two SYNs cross, both sides pass through SYN_RECEIVED (RFC 9293 Figure 8)", () => {
    const replay = replayCapture(
      capture([
        ["c", "SYN", 0, 0, 0, 0],
        ["s", "SYN", 0, 0, 0, 1],
        ["c", "SYN+ACK", 0, 1, 0, 10],
        ["s", "SYN+ACK", 0, 1, 0, 11],
      ]),
    );
    const connection = replay.connections[0]!;
    expect(connection.endpoints.map((e) => e.role)).toEqual(["simultaneous open", "simultaneous open"]);
    expect(connection.endpoints.map((e) => e.states)).toEqual([
      ["CLOSED", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"],
      ["CLOSED", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"],
    ]);
    expect(connection.segments.flatMap((s) => s.notes)).toEqual([]);
  });

  it("a retransmitted FIN in TIME_WAIT is acknowledged again and restarts the timer", () => {
    const replay = replayCapture(
      capture([
        ...HANDSHAKE,
        ["c", "FIN+ACK", 1, 1, 0, 50],
        ["s", "FIN+ACK", 1, 2, 0, 60],
        ["c", "ACK", 2, 2, 0, 70],
        ["s", "FIN+ACK", 1, 2, 0, 30_000],
        ["c", "ACK", 2, 2, 0, 30_001],
      ]),
    );
    const connection = replay.connections[0]!;
    // Spurious as Wireshark says it: the client had acknowledged the FIN, but that ACK evidently never reached the server.
    expect(connection.segments[6]!.notes.map((n) => n.kind)).toEqual(["spurious retransmission"]);
    expect(connection.endpoints[0]!.states).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "TIME_WAIT", "CLOSED"]);
    expect(connection.trace.steps.at(-1)).toMatchObject({ event: "timeout", at: "client", t: 90_001 });
  });

  it("Linux resets a connection whose application closed when new data arrives", () => {
    const replay = replayCapture(
      capture([...HANDSHAKE, ["c", "FIN+ACK", 1, 1, 0, 30], ["s", "ACK", 1, 2, 0, 31], ["s", "PSH+ACK", 1, 2, 10, 40], ["c", "RST", 2, 0, 0, 41]]),
    );
    const connection = replay.connections[0]!;
    const step = connection.trace.steps.find((s) => s.event === "rcv data after close");
    expect(step).toMatchObject({ at: "client", client: "CLOSED", kernel: "net/ipv4/tcp_input.c: tcp_rcv_state_process", segment: { flags: "RST" } });
    expect(connection.endpoints[1]!.states.at(-1)).toBe("CLOSED");
  });

  it("a segment missing from the capture is named where the next one begins beyond it, and where an ACK covers it", () => {
    const replay = replayCapture(capture([...HANDSHAKE, ["c", "ACK", 101, 1, 100, 30], ["s", "ACK", 1, 301, 0, 40]]));
    const notes = replay.connections[0]!.segments.map((s) => s.notes.map((n) => n.kind));
    expect(notes[3]).toEqual(["gap"]);
    expect(notes[4]).toEqual(["acked unseen"]);
  });

  it("a SYN that reuses a four-tuple while its old connection is in TIME_WAIT starts a new connection", () => {
    const replay = replayCapture(
      capture([
        ...HANDSHAKE,
        ["c", "FIN+ACK", 1, 1, 0, 50],
        ["s", "FIN+ACK", 1, 2, 0, 60],
        ["c", "ACK", 2, 2, 0, 70],
        ["c", "SYN", 500_000, 0, 0, 5_000],
        ["s", "SYN+ACK", 800_000, 500_001, 0, 5_001],
        ["c", "ACK", 500_001, 800_001, 0, 5_002],
      ]),
    );
    expect(replay.connections).toHaveLength(2);
    expect(replay.connections[1]!.endpoints.map((e) => e.states)).toEqual([
      ["CLOSED", "SYN_SENT", "ESTABLISHED"],
      ["LISTEN", "SYN_RECEIVED", "ESTABLISHED"],
    ]);
  });
});
