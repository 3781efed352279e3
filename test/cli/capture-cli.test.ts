import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_CAPTURE_BYTES, readCapture } from "@/lib/capture";
import { replayCapture } from "@/lib/capture/replay-capture";
import { PROFILES } from "@/lib/tcp";
import { runAll, type CliResult } from "./run-tcp";

/*
 * `npm run -s tcp -- capture FILE`, run in-process as its entry runs it, on every sample in
 * content/captures (expectations from its README) and on broken files
 * written into a temporary folder.
 */

const SAMPLES = "content/captures";
const dir = mkdtempSync(join(tmpdir(), "synack-capture-cli-"));

/** A pcap file keeping only the records whose 1-based numbers `keep` accepts. */
function pcapRecords(bytes: Uint8Array, keep: (frame: number) => boolean): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 24)];
  for (let at = 24, frame = 1; at < bytes.length; frame++) {
    const end = at + 16 + view.getUint32(at + 8, true);
    if (keep(frame)) parts.push(bytes.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

const refusedAndReset = new Uint8Array(readFileSync(join(SAMPLES, "refused-and-reset.pcap")));
const handshake = readFileSync(join(SAMPLES, "handshake-data-close.pcapng"));

const FILES = {
  udpOnly: pcapRecords(refusedAndReset, (frame) => frame >= 9),
  headerOnly: refusedAndReset.subarray(0, 24),
  truncated: handshake.subarray(0, 300),
  notCapture: new TextEncoder().encode("# not a capture\n"),
  gzip: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]),
  empty: new Uint8Array(0),
};
const path = (name: keyof typeof FILES | "huge" | "folder") => join(dir, name === "folder" ? "a-folder" : `${name}.pcap`);

const sample = (name: string) => join(SAMPLES, name);

const COMMANDS = {
  handshakeJson: ["capture", sample("handshake-data-close.pcapng"), "--json"],
  refusedJson: ["capture", sample("refused-and-reset.pcap"), "--json"],
  halfCloseJson: ["capture", sample("half-close-ipv6.pcap"), "--json"],
  sll2Json: ["capture", sample("any-interface-sll2.pcap"), "--json"],
  sllJson: ["capture", sample("any-interface-sll.pcap"), "--json"],
  rawJson: ["capture", sample("raw-ip.pcap"), "--json"],
  bsdJson: ["capture", sample("bsd-loopback.pcapng"), "--json"],
  twoInterfacesJson: ["capture", sample("two-interfaces.pcapng"), "--json"],
  handshakeText: ["capture", sample("handshake-data-close.pcapng")],
  refusedText: ["capture", sample("refused-and-reset.pcap")],
  twoInterfacesText: ["capture", sample("two-interfaces.pcapng")],
  secondConnection: ["capture", sample("refused-and-reset.pcap"), "--connection", "2", "--json"],
  rfc9293: ["capture", sample("handshake-data-close.pcapng"), "--profile", "rfc9293", "--json"],
  udpOnly: ["capture", path("udpOnly")],
  udpOnlyJson: ["capture", path("udpOnly"), "--json"],
  headerOnly: ["capture", path("headerOnly")],
  // Usage mistakes: exit 2.
  connectionOutOfRange: ["capture", sample("refused-and-reset.pcap"), "--connection", "3"],
  connectionZero: ["capture", sample("raw-ip.pcap"), "--connection", "0"],
  connectionNotNumber: ["capture", sample("raw-ip.pcap"), "--connection", "first"],
  connectionNoTcp: ["capture", path("udpOnly"), "--connection", "1"],
  loseOnCapture: ["capture", sample("raw-ip.pcap"), "--lose", "1"],
  unknownFlag: ["capture", sample("raw-ip.pcap"), "--conection", "1"],
  badProfile: ["capture", sample("raw-ip.pcap"), "--profile", "bsd"],
  noFile: ["capture"],
  twoFiles: ["capture", sample("raw-ip.pcap"), sample("bsd-loopback.pcapng")],
  missingFile: ["capture", join(dir, "nothing-here.pcap")],
  folder: ["capture", path("folder")],
  device: ["capture", "/dev/null"],
  // Bad data: exit 1.
  truncated: ["capture", path("truncated")],
  notCapture: ["capture", path("notCapture")],
  gzip: ["capture", path("gzip")],
  empty: ["capture", path("empty")],
  huge: ["capture", path("huge")],
} as const;

type Command = keyof typeof COMMANDS;
let results: Record<Command, CliResult>;

beforeAll(() => {
  for (const [name, bytes] of Object.entries(FILES)) writeFileSync(path(name as keyof typeof FILES), bytes);
  mkdirSync(path("folder"));
  // A sparse file one byte over the limit: the CLI must refuse it without reading it.
  const huge = openSync(path("huge"), "w");
  ftruncateSync(huge, MAX_CAPTURE_BYTES + 1);
  closeSync(huge);
  results = runAll(COMMANDS);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ok = (name: Command) => {
  const result = results[name];
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
  return result.stdout;
};

interface JsonConnection {
  index: number;
  endpoints: { addr: string; port: number; role: string; states: string[] }[];
  segments: { t: number; from: string; flags: string; seq: number; ack: number | null; len: number; notes: { kind: string; en: string; zh: string; rule: string }[] }[];
  steps: Record<string, unknown>[];
}
const json = (name: Command) => JSON.parse(ok(name)) as { file: string; format: string; linkType: string; profile: string; connections: JsonConnection[] };

const CLOSE_CLIENT = "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED";
const CLOSE_SERVER = "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED";

/** content/captures/README.md, row by row: file, format, link type, and each connection's client, server and states. */
const EXPECTED: [Command, string, string, string, [string, string, string, string][]][] = [
  ["handshakeJson", "handshake-data-close.pcapng", "pcapng", "ethernet", [["127.0.0.1:43800", "127.0.0.1:40801", CLOSE_CLIENT, CLOSE_SERVER]]],
  [
    "refusedJson",
    "refused-and-reset.pcap",
    "pcap",
    "ethernet",
    [
      ["127.0.0.1:58970", "127.0.0.1:40812", "CLOSED SYN_SENT CLOSED", "CLOSED"],
      ["127.0.0.1:58656", "127.0.0.1:40811", "CLOSED SYN_SENT ESTABLISHED CLOSED", "LISTEN SYN_RECEIVED ESTABLISHED CLOSED"],
    ],
  ],
  ["halfCloseJson", "half-close-ipv6.pcap", "pcap", "ethernet", [["::1:45746", "::1:40821", "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED", CLOSE_SERVER]]],
  ["sll2Json", "any-interface-sll2.pcap", "pcap", "linux-sll2", [["127.0.0.1:46962", "127.0.0.1:40831", CLOSE_CLIENT, CLOSE_SERVER]]],
  ["sllJson", "any-interface-sll.pcap", "pcap", "linux-sll", [["127.0.0.1:35216", "127.0.0.1:40841", CLOSE_CLIENT, CLOSE_SERVER]]],
  ["rawJson", "raw-ip.pcap", "pcap", "raw", [["127.0.0.1:43800", "127.0.0.1:40801", CLOSE_CLIENT, CLOSE_SERVER]]],
  ["bsdJson", "bsd-loopback.pcapng", "pcapng", "bsd-loopback", [["127.0.0.1:43800", "127.0.0.1:40801", CLOSE_CLIENT, CLOSE_SERVER]]],
  ["twoInterfacesJson", "two-interfaces.pcapng", "pcapng", "ethernet", [["127.0.0.1:58410", "127.0.0.1:40851", CLOSE_CLIENT, CLOSE_SERVER]]],
];

describe("tcp capture FILE --json, on every sample", () => {
  it.each(EXPECTED)("%s: %s is %s on %s, with the README's connections and states", (name, file, format, linkType, connections) => {
    const output = json(name);
    expect(output).toMatchObject({ file: sample(file), format, linkType, profile: "linux" });
    expect(
      output.connections.map((c) => [
        `${c.endpoints[0]!.addr}:${c.endpoints[0]!.port}`,
        `${c.endpoints[1]!.addr}:${c.endpoints[1]!.port}`,
        c.endpoints[0]!.states.join(" "),
        c.endpoints[1]!.states.join(" "),
      ]),
    ).toEqual(connections);
    expect(output.connections.flatMap((c) => c.endpoints.map((e) => e.role))).toEqual(connections.flatMap(() => ["client", "server"]));
  });

  it.each(EXPECTED)("%s: the issue's keys, and the same connections, segments and steps as the replay in this process", (name, file) => {
    const output = json(name);
    expect(Object.keys(output)).toEqual(expect.arrayContaining(["file", "format", "linkType", "profile", "connections"]));
    const replay = replayCapture(readCapture(new Uint8Array(readFileSync(sample(file)))));
    expect(output.connections).toHaveLength(replay.connections.length);
    output.connections.forEach((connection, i) => {
      const expected = replay.connections[i]!;
      expect(Object.keys(connection)).toEqual(expect.arrayContaining(["endpoints", "segments", "steps"]));
      expect(connection.endpoints).toEqual(expected.endpoints.map(({ addr, port, role, states }) => ({ addr, port, role, states })));
      for (const [j, segment] of connection.segments.entries()) {
        const { t, from, flags, seq, ack, len, notes } = expected.segments[j]!;
        expect(segment).toMatchObject({ t, from, flags, seq, ack, len, notes });
      }
      expect(connection.steps).toEqual(JSON.parse(JSON.stringify(expected.trace.steps)));
    });
  });

  it("steps have the shape `scenario --json` prints: t, event, at, segment {n, from, flags, seq, ack, len} or null, client, server, note", () => {
    const steps = json("handshakeJson").connections[0]!.steps;
    for (const step of steps) {
      expect(Object.keys(step)).toEqual(expect.arrayContaining(["t", "event", "at", "segment", "client", "server", "note"]));
      if (step.segment !== null) expect(Object.keys(step.segment as object).sort()).toEqual(expect.arrayContaining(["ack", "flags", "from", "len", "n", "seq"]));
    }
    expect(steps[0]).toMatchObject({ t: 0, event: "active open", at: "client", segment: { n: 1, from: "client", flags: "SYN", seq: 0, ack: null, len: 0 }, client: "SYN_SENT", server: "LISTEN" });
    expect(steps.at(-1)).toMatchObject({ event: "timeout", at: "client", client: "CLOSED" });
  });

  it("segments are relative as Wireshark shows them: the client's data at seq 1 with 6 bytes, acknowledged at 7", () => {
    const segments = json("handshakeJson").connections[0]!.segments;
    expect(segments.map((s) => `${s.from} ${s.flags} ${s.seq} ${s.ack} ${s.len}`)).toEqual([
      "client SYN 0 null 0",
      "server SYN+ACK 0 1 0",
      "client ACK 1 1 0",
      "client PSH+ACK 1 1 6",
      "server ACK 1 7 0",
      "server PSH+ACK 1 7 3",
      "client ACK 7 4 0",
      "client FIN+ACK 7 4 0",
      "server FIN+ACK 4 8 0",
      "client ACK 8 5 0",
    ]);
  });

  it("two interfaces: every second segment is a duplicate, noted with its rule", () => {
    const segments = json("twoInterfacesJson").connections[0]!.segments;
    expect(segments).toHaveLength(20);
    expect(segments.filter((_, i) => i % 2 === 1).every((s) => s.notes.some((note) => note.kind === "duplicate" && note.rule.length > 0 && note.zh.length > 0))).toBe(true);
  });

  it("--connection 2 gives only the second connection of refused-and-reset, the reset one", () => {
    const output = json("secondConnection");
    expect(output.connections.map((c) => [c.index, c.endpoints[1]!.port])).toEqual([[2, 40811]]);
  });

  it("--profile rfc9293: the profile is named and TIME_WAIT lasts the RFC's 2MSL, not Linux's 60 s", () => {
    const rfc = json("rfc9293");
    const linux = json("handshakeJson");
    expect(rfc.profile).toBe("rfc9293");
    const timeWait = (output: typeof rfc) => {
      const steps = output.connections[0]!.steps as { t: number; client: string }[];
      const entered = steps.find((step) => step.client === "TIME_WAIT")!;
      return steps.at(-1)!.t - entered.t;
    };
    expect(timeWait(linux)).toBeCloseTo(PROFILES.linux.timers.timeWait!, 6);
    expect(timeWait(rfc)).toBeCloseTo(PROFILES.rfc9293.timers.timeWait ?? 2 * PROFILES.rfc9293.timers.msl, 6);
    expect(timeWait(rfc)).not.toBeCloseTo(timeWait(linux), 0);
  });
});

describe("tcp capture FILE, as text", () => {
  it("a summary line, then per connection a heading naming both ends, the diagram, each side's states and the notes", () => {
    const text = ok("handshakeText");
    const lines = text.split("\n");
    expect(lines[0]).toBe(`${sample("handshake-data-close.pcapng")}: pcapng, little-endian, microseconds, ethernet; 10 frames, 10 TCP segments in 1 connection`);
    expect(lines[2]).toMatch(/^connection 1: client 127\.0\.0\.1:43800 → server 127\.0\.0\.1:40801 {2}\(roles from the first SYN; pcapng, ethernet, profile linux;/);
    expect(text).not.toContain("first ISNs");
    expect(text).toContain("#4 PSH+ACK seq=1 ack=1 len=6");
    expect(text).toContain("#10 ACK seq=8 ack=5");
    expect(text).toContain(`  client 127.0.0.1:43800: ${CLOSE_CLIENT.split(" ").join(" → ")}`);
    expect(text).toContain(`  server 127.0.0.1:40801: ${CLOSE_SERVER.split(" ").join(" → ")}`);
    expect(text).toContain("notes:\n  none");
  });

  it("marks the steps only timers reveal: TIME_WAIT's end comes after the capture ends", () => {
    const lines = ok("handshakeText").split("\n");
    const boundary = lines.findIndex((line) => line.includes("the capture ends at 406.953 ms"));
    expect(boundary).toBeGreaterThan(0);
    expect(lines[boundary + 1]).toMatch(/CLOSED .*client: timeout {2}\(after the capture: by the timer\)$/);
    expect(lines.slice(0, boundary).some((line) => line.includes("after the capture"))).toBe(false);
  });

  it("refused-and-reset: two connections, the skipped UDP and ICMP frames, the refusal's error", () => {
    const text = ok("refusedText");
    expect(text.split("\n")[0]).toContain("8 TCP segments in 2 connections; skipped frame 9 (UDP), frame 10 (ICMP)");
    expect(text.match(/^connection \d+: /gm)).toEqual(["connection 1: ", "connection 2: "]);
    expect(text).toContain("(error: ECONNREFUSED)");
    expect(text).toContain("#6 RST+ACK seq=7 ack=1");
  });

  it("notes per segment read `#n kind: text [rule]`", () => {
    const notes = ok("twoInterfacesText").split("\nnotes:\n")[1]!.split("\n");
    expect(notes[0]).toMatch(/^ {2}#2 duplicate: The same packet as #1 .* \[RFC 9293 [\d.]+\]$/);
    expect(notes.filter((line) => line.startsWith("  #"))).toHaveLength(10);
  });

  it("a capture with no TCP says so, and what it skipped, and exits 0", () => {
    expect(ok("udpOnly")).toBe(`${path("udpOnly")}: pcap, little-endian, microseconds, ethernet; 2 frames, no TCP segments; skipped frame 1 (UDP), frame 2 (ICMP)\n`);
    expect(ok("headerOnly")).toBe(`${path("headerOnly")}: pcap, little-endian, microseconds, ethernet; 0 frames, no TCP segments\n`);
    expect(JSON.parse(ok("udpOnlyJson"))).toMatchObject({ connections: [], skipped: [{ frame: 1, reason: "UDP" }, { frame: 2, reason: "ICMP" }] });
  });
});

const oneLine = (name: Command, code: number) => {
  const { code: exit, stdout, stderr } = results[name];
  expect({ exit, stdout }).toEqual({ exit: code, stdout: "" });
  expect(stderr.endsWith("\n")).toBe(true);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).toMatch(/^tcp: /);
  expect(stderr).not.toMatch(/internal error|Error:|\bat .*:\d+:\d+/);
  return stderr.trimEnd();
};

describe("usage mistakes: exit 2, one line", () => {
  const cases: [Command, (string | RegExp)[]][] = [
    ["connectionOutOfRange", ["--connection 3", "has 2 connections (--connection 1 to 2)"]],
    ["connectionZero", ["--connection counts connections from 1"]],
    ["connectionNotNumber", ["--connection takes a connection number"]],
    ["connectionNoTcp", ["has no TCP connections"]],
    ["loseOnCapture", ['--lose does not apply to "capture"; valid: --json, --profile, --connection']],
    ["unknownFlag", ["unknown flag --conection", "--connection"]],
    ["badProfile", ['unknown profile "bsd"', "linux", "rfc9293"]],
    ["noFile", ['"capture" takes 1 argument: capture FILE']],
    ["twoFiles", ['"capture" takes 1 argument']],
    ["missingFile", ["nothing-here.pcap: no such file"]],
    ["folder", ["a-folder: a folder, not a capture file"]],
    ["device", ["capture /dev/null: not a regular file"]],
  ];
  it.each(cases)("%s", (name, mentions) => {
    const line = oneLine(name, 2);
    for (const mention of mentions) expect(line).toMatch(mention);
  });
});

describe("bad data: exit 1, one line `capture FILE: at byte N: …`", () => {
  const cases: [Command, RegExp][] = [
    ["truncated", /: at byte \d+: /],
    ["notCapture", /the first 4 bytes 23 20 6e 6f are not a capture's magic number/],
    ["gzip", /this is gzip: decompress it first/],
    ["empty", /the file is 0 bytes/],
    ["huge", new RegExp(`the file is ${MAX_CAPTURE_BYTES + 1} bytes, above the limit of ${MAX_CAPTURE_BYTES} bytes`)],
  ];
  it.each(cases)("%s", (name, detail) => {
    const line = oneLine(name, 1);
    expect(line).toMatch(new RegExp(`^tcp: capture ${path(name as keyof typeof FILES | "huge").replace(/[.]/g, "\\.")}: at byte \\d+: `));
    expect(line).toMatch(detail);
  });

  it("a truncated file names an offset inside the file", () => {
    const offset = Number(/at byte (\d+)/.exec(results.truncated.stderr)![1]);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(300);
  });
});
