import { describe, expect, it } from "vitest";
import { readCapture } from "@/lib/capture";
import { replayCapture } from "@/lib/capture/replay-capture";
import { readSample, SAMPLE_NAMES } from "./sample-files";

/*
 * Every shipped sample replayed with the linux profile: the state sequences
 * content/captures/README.md describes, which the connections' real sockets
 * went through (test/capture/tcpdump-ss.test.ts checks such captures against
 * what `ss` saw), and no note where nothing unusual happened.
 */

const CLIENT_CLOSES_FIRST = {
  client: ["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "TIME_WAIT", "CLOSED"],
  server: ["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"],
};

const replayOf = (name: (typeof SAMPLE_NAMES)[number], profile: "linux" | "rfc9293" = "linux") => replayCapture(readCapture(readSample(name)), profile);

describe("the sample captures, replayed", () => {
  it.each(["handshake-data-close.pcapng", "any-interface-sll2.pcap", "any-interface-sll.pcap", "raw-ip.pcap", "bsd-loopback.pcapng"] as const)(
    "%s: the client closes first; the server's FIN+ACK also acknowledges the client's FIN, so the client skips FIN_WAIT_2",
    (name) => {
      const replay = replayOf(name);
      expect(replay.connections).toHaveLength(1);
      const [client, server] = replay.connections[0]!.endpoints;
      expect(client!.states).toEqual(CLIENT_CLOSES_FIRST.client);
      expect(server!.states).toEqual(CLIENT_CLOSES_FIRST.server);
      expect(replay.connections[0]!.segments.flatMap((segment) => segment.notes)).toEqual([]);
      expect(replay.connections[0]!.trace.bytes).toEqual({ client: { sent: 6, delivered: 3 }, server: { sent: 3, delivered: 6 } });
      // TIME_WAIT ends 60 s after it began, long after the capture: only the timer tells.
      const steps = replay.connections[0]!.trace.steps;
      const entered = steps.find((step) => step.client === "TIME_WAIT")!.t;
      expect(steps.at(-1)).toMatchObject({ event: "timeout", client: "CLOSED", t: entered + 60_000 });
      expect(replay.connections[0]!.timedFrom).toBe(steps.length - 1);
    },
  );

  it("the raw-IP and BSD loopback copies replay exactly as the Ethernet original", () => {
    const original = replayOf("handshake-data-close.pcapng").connections[0]!;
    for (const name of ["raw-ip.pcap", "bsd-loopback.pcapng"] as const) {
      const copy = replayOf(name).connections[0]!;
      expect(copy.trace.steps.map((s) => [s.event, s.at, s.client, s.server, s.segment?.seq, s.segment?.ack])).toEqual(
        original.trace.steps.map((s) => [s.event, s.at, s.client, s.server, s.segment?.seq, s.segment?.ack]),
      );
    }
  });

  it("refused-and-reset: a refused connect and an abort, as two connections", () => {
    const replay = replayOf("refused-and-reset.pcap");
    expect(replay.connections.map((c) => c.endpoints.map((e) => e.states))).toEqual([
      [["CLOSED", "SYN_SENT", "CLOSED"], ["CLOSED"]],
      [
        ["CLOSED", "SYN_SENT", "ESTABLISHED", "CLOSED"],
        ["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSED"],
      ],
    ]);
    expect(replay.skipped.map((frame) => frame.reason)).toEqual(["UDP", "ICMP"]);
    // The refusal is RST+ACK with SEQ=0, and the client's error is ECONNREFUSED.
    expect(replay.connections[0]!.segments[1]).toMatchObject({ flags: "RST+ACK", seq: 0, ack: 1 });
    expect(replay.connections[0]!.trace.steps.at(-1)).toMatchObject({ event: "rcv RST", error: "ECONNREFUSED" });
  });

  it("refused-and-reset under rfc9293: Linux's abort sends RST+ACK, where the RFC's ABORT sends a bare RST", () => {
    const notes = replayOf("refused-and-reset.pcap", "rfc9293").connections[1]!.segments.flatMap((segment) => segment.notes.map((note) => [segment.n, note.kind, note.rule]));
    expect(notes).toEqual([[6, "unexpected", "RFC 9293 3.10.5"]]);
  });

  it("half-close-ipv6: the client half-closes and reads on in FIN_WAIT_2 while the server sends from CLOSE_WAIT", () => {
    const replay = replayOf("half-close-ipv6.pcap");
    const connection = replay.connections[0]!;
    expect(connection.endpoints.map((e) => [e.addr, e.port])).toEqual([
      ["::1", 45746],
      ["::1", 40821],
    ]);
    expect(connection.endpoints[0]!.states).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"]);
    expect(connection.endpoints[1]!.states).toEqual(CLIENT_CLOSES_FIRST.server);
    expect(connection.trace.bytes.client.delivered).toBe(14);
    expect(connection.segments.flatMap((segment) => segment.notes)).toEqual([]);
  });

  it("two-interfaces: every segment seen twice is one packet, replayed once", () => {
    const replay = replayOf("two-interfaces.pcapng");
    const connection = replay.connections[0]!;
    expect(replay.linkTypes).toEqual(["ethernet", "linux-sll2"]);
    expect(connection.segments).toHaveLength(20);
    expect(connection.segments.filter((segment) => segment.notes.some((note) => note.kind === "duplicate"))).toHaveLength(10);
    expect(connection.endpoints[0]!.states).toEqual(CLIENT_CLOSES_FIRST.client);
    expect(connection.trace.steps.filter((step) => step.segment !== null)).toHaveLength(10);
  });
});
