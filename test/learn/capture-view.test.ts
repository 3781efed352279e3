import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCapture } from "@/lib/capture";
import { replayCapture } from "@/lib/capture/replay-capture";
import { capture, captureSamples } from "@/lib/i18n/messages/capture";
import { captureContentType, findSampleCapture, SAMPLE_CAPTURES, sampleCaptureHref } from "@/lib/learn/capture-samples";
import { endpointAddress, finalStates, stepSegments, summariseSkipped } from "@/lib/learn/capture-view";
import { MARK_KINDS } from "@/lib/capture/segment-marks";
import { readSample } from "../capture/sample-files";

/* What /learn/capture shows of a replay, on the shipped samples. */

describe("the sample list", () => {
  it("names exactly the capture files in content/captures, each with a title and text in both languages", () => {
    const files = readdirSync("content/captures").filter((name) => /\.(pcap|pcapng)$/.test(name));
    expect([...SAMPLE_CAPTURES].sort()).toEqual(files.sort());
    for (const name of SAMPLE_CAPTURES) {
      const { title, text } = captureSamples[name];
      expect([title.zh, title.en, text.zh, text.en].every((line) => line.trim().length > 0), name).toBe(true);
    }
  });

  it("finds a sample only by its exact name: no path, no case folding, no traversal", () => {
    expect(findSampleCapture("raw-ip.pcap")).toBe("raw-ip.pcap");
    for (const name of ["../raw-ip.pcap", "RAW-IP.pcap", "raw-ip.pcap/", "README.md", "..", "%2e%2e", "content/captures/raw-ip.pcap", ""]) {
      expect(findSampleCapture(name), name).toBeUndefined();
    }
  });

  it("gives pcap its registered media type, pcapng its own, and an escaped href", () => {
    expect(captureContentType("raw-ip.pcap")).toBe("application/vnd.tcpdump.pcap");
    expect(captureContentType("bsd-loopback.pcapng")).toBe("application/x-pcapng");
    expect(sampleCaptureHref("half-close-ipv6.pcap")).toBe("/learn/capture/samples/half-close-ipv6.pcap");
  });
});

describe("the page's view of a replay", () => {
  it("every note kind the replay can write has a label in both languages", () => {
    for (const kind of [...MARK_KINDS, "unexpected"] as const) {
      const label = capture[`noteKind_${kind}`];
      expect(label.zh && label.en, kind).toBeTruthy();
    }
  });

  it("counts skipped frames by reason", () => {
    const replay = replayCapture(readCapture(readSample("refused-and-reset.pcap")));
    expect(summariseSkipped(replay.skipped)).toEqual([
      { reason: "UDP", count: 1 },
      { reason: "ICMP", count: 1 },
    ]);
    expect(summariseSkipped([...replay.skipped, { frame: 11, offset: 0, reason: "ICMP" }])[0]).toEqual({ reason: "ICMP", count: 2 });
  });

  it("writes IPv6 endpoints in brackets, IPv4 without", () => {
    const [v6] = replayCapture(readCapture(readSample("half-close-ipv6.pcap"))).connections;
    expect(endpointAddress(v6!.endpoints[0])).toBe("[::1]:45746");
    const [v4] = replayCapture(readCapture(readSample("handshake-data-close.pcapng"))).connections;
    expect(endpointAddress(v4!.endpoints[1])).toBe("127.0.0.1:40801");
  });

  it("ends handshake-data-close with the client in CLOSED after TIME_WAIT's timer (linux) and the server CLOSED", () => {
    const [connection] = replayCapture(readCapture(readSample("handshake-data-close.pcapng"))).connections;
    expect(finalStates(connection!)).toEqual({ client: "CLOSED", server: "CLOSED" });
    // The step before the timer's is where the capture leaves them.
    expect(connection!.trace.steps[connection!.timedFrom - 1]).toMatchObject({ client: "TIME_WAIT", server: "CLOSED" });
  });

  it("ties each step to the captured segments it sent and received, with their notes", () => {
    const [connection] = replayCapture(readCapture(readSample("two-interfaces.pcapng"))).connections;
    const touched = connection!.trace.steps.map((_, index) => stepSegments(connection!, index));
    // Every captured segment is touched by some step: sent, and received, lost or dropped as a copy.
    const sent = new Set(touched.flat().filter((entry) => entry.role === "sent").map((entry) => entry.segment.n));
    expect(sent.size).toBeGreaterThan(0);
    for (const entry of touched.flat()) expect(connection!.segments[entry.segment.n - 1]).toBe(entry.segment);
    const first = stepSegments(connection!, 0);
    expect(first.map((entry) => [entry.role, entry.segment.n, entry.segment.flags])).toEqual([["sent", 1, "SYN"]]);
    expect(stepSegments(connection!, connection!.trace.steps.length)).toEqual([]);
  });
});
