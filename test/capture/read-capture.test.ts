import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCapture, type Capture } from "@/lib/capture";
import { asTcpdumpPrints, pcapngToBigEndian, pcapToBigEndian, readSample, SAMPLE_NAMES } from "./sample-files";

/*
 * Each committed sample, read and compared with what tcpdump 4.99.3 prints for the same
 * file: the expected lines below are `tcpdump -nn -tt -S -r FILE` with the options cut
 * out and the time moved to its own list (options are checked apart, tcpdump prints NOPs).
 */

/** The connection behind handshake-data-close.pcapng, raw-ip.pcap and bsd-loopback.pcapng. */
const HANDSHAKE_DATA_CLOSE = [
  "IP 127.0.0.1.43800 > 127.0.0.1.40801: Flags [S], seq 610715310, win 65495, length 0",
  "IP 127.0.0.1.40801 > 127.0.0.1.43800: Flags [S.], seq 532443396, ack 610715311, win 65483, length 0",
  "IP 127.0.0.1.43800 > 127.0.0.1.40801: Flags [.], ack 532443397, win 64, length 0",
  "IP 127.0.0.1.43800 > 127.0.0.1.40801: Flags [P.], seq 610715311:610715317, ack 532443397, win 64, length 6",
  "IP 127.0.0.1.40801 > 127.0.0.1.43800: Flags [.], ack 610715317, win 64, length 0",
  "IP 127.0.0.1.40801 > 127.0.0.1.43800: Flags [P.], seq 532443397:532443400, ack 610715317, win 64, length 3",
  "IP 127.0.0.1.43800 > 127.0.0.1.40801: Flags [.], ack 532443400, win 64, length 0",
  "IP 127.0.0.1.43800 > 127.0.0.1.40801: Flags [F.], seq 610715317, ack 532443400, win 64, length 0",
  "IP 127.0.0.1.40801 > 127.0.0.1.43800: Flags [F.], seq 532443400, ack 610715318, win 64, length 0",
  "IP 127.0.0.1.43800 > 127.0.0.1.40801: Flags [.], ack 532443401, win 64, length 0",
];
const HANDSHAKE_DATA_CLOSE_TIMES = [
  1796199120.934396, 1796199120.93441, 1796199120.934424, 1796199121.136652, 1796199121.13667, 1796199121.137218, 1796199121.137225,
  1796199121.340615, 1796199121.341278, 1796199121.341349,
];

const REFUSED_AND_RESET = [
  "IP 127.0.0.1.58970 > 127.0.0.1.40812: Flags [S], seq 1857426386, win 65495, length 0",
  "IP 127.0.0.1.40812 > 127.0.0.1.58970: Flags [R.], seq 0, ack 1857426387, win 0, length 0",
  "IP 127.0.0.1.58656 > 127.0.0.1.40811: Flags [S], seq 4147568259, win 65495, length 0",
  "IP 127.0.0.1.40811 > 127.0.0.1.58656: Flags [S.], seq 1348641986, ack 4147568260, win 65483, length 0",
  "IP 127.0.0.1.58656 > 127.0.0.1.40811: Flags [.], ack 1348641987, win 64, length 0",
  "IP 127.0.0.1.58656 > 127.0.0.1.40811: Flags [P.], seq 4147568260:4147568266, ack 1348641987, win 64, length 6",
  "IP 127.0.0.1.40811 > 127.0.0.1.58656: Flags [.], ack 4147568266, win 64, length 0",
  "IP 127.0.0.1.58656 > 127.0.0.1.40811: Flags [R.], seq 4147568266, ack 1348641987, win 64, length 0",
];

const HALF_CLOSE_IPV6 = [
  "IP6 ::1.45746 > ::1.40821: Flags [S], seq 527905277, win 65476, length 0",
  "IP6 ::1.40821 > ::1.45746: Flags [S.], seq 3963453538, ack 527905278, win 65464, length 0",
  "IP6 ::1.45746 > ::1.40821: Flags [.], ack 3963453539, win 64, length 0",
  "IP6 ::1.45746 > ::1.40821: Flags [P.], seq 527905278:527905286, ack 3963453539, win 64, length 8",
  "IP6 ::1.40821 > ::1.45746: Flags [.], ack 527905286, win 64, length 0",
  "IP6 ::1.45746 > ::1.40821: Flags [F.], seq 527905286, ack 3963453539, win 64, length 0",
  "IP6 ::1.40821 > ::1.45746: Flags [P.], seq 3963453539:3963453543, ack 527905287, win 64, length 4",
  "IP6 ::1.45746 > ::1.40821: Flags [.], ack 3963453543, win 64, length 0",
  "IP6 ::1.40821 > ::1.45746: Flags [P.], seq 3963453543:3963453547, ack 527905287, win 64, length 4",
  "IP6 ::1.45746 > ::1.40821: Flags [.], ack 3963453547, win 64, length 0",
  "IP6 ::1.40821 > ::1.45746: Flags [P.], seq 3963453547:3963453553, ack 527905287, win 64, length 6",
  "IP6 ::1.45746 > ::1.40821: Flags [.], ack 3963453553, win 64, length 0",
  "IP6 ::1.40821 > ::1.45746: Flags [F.], seq 3963453553, ack 527905287, win 64, length 0",
  "IP6 ::1.45746 > ::1.40821: Flags [.], ack 3963453554, win 64, length 0",
];
/** `tcpdump --nano -tt`: the file's own nanoseconds. */
const HALF_CLOSE_NANOSECONDS = [322662663, 322681128, 322696578, 539562009, 539582337, 539949484, 540964411, 540972186, 640759592, 640779980, 741666242, 741686129, 842348296, 842374716];

const SLL2 = [
  "IP 127.0.0.1.46962 > 127.0.0.1.40831: Flags [S], seq 1665934151, win 65495, length 0",
  "IP 127.0.0.1.40831 > 127.0.0.1.46962: Flags [S.], seq 306892043, ack 1665934152, win 65483, length 0",
  "IP 127.0.0.1.46962 > 127.0.0.1.40831: Flags [.], ack 306892044, win 64, length 0",
  "IP 127.0.0.1.46962 > 127.0.0.1.40831: Flags [P.], seq 1665934152:1665934158, ack 306892044, win 64, length 6",
  "IP 127.0.0.1.40831 > 127.0.0.1.46962: Flags [.], ack 1665934158, win 64, length 0",
  "IP 127.0.0.1.40831 > 127.0.0.1.46962: Flags [P.], seq 306892044:306892047, ack 1665934158, win 64, length 3",
  "IP 127.0.0.1.46962 > 127.0.0.1.40831: Flags [.], ack 306892047, win 64, length 0",
  "IP 127.0.0.1.46962 > 127.0.0.1.40831: Flags [F.], seq 1665934158, ack 306892047, win 64, length 0",
  "IP 127.0.0.1.40831 > 127.0.0.1.46962: Flags [F.], seq 306892047, ack 1665934159, win 64, length 0",
  "IP 127.0.0.1.46962 > 127.0.0.1.40831: Flags [.], ack 306892048, win 64, length 0",
];

const SLL = [
  "IP 127.0.0.1.35216 > 127.0.0.1.40841: Flags [S], seq 1031238100, win 65495, length 0",
  "IP 127.0.0.1.40841 > 127.0.0.1.35216: Flags [S.], seq 2111692343, ack 1031238101, win 65483, length 0",
  "IP 127.0.0.1.35216 > 127.0.0.1.40841: Flags [.], ack 2111692344, win 64, length 0",
  "IP 127.0.0.1.35216 > 127.0.0.1.40841: Flags [P.], seq 1031238101:1031238107, ack 2111692344, win 64, length 6",
  "IP 127.0.0.1.40841 > 127.0.0.1.35216: Flags [.], ack 1031238107, win 64, length 0",
  "IP 127.0.0.1.40841 > 127.0.0.1.35216: Flags [P.], seq 2111692344:2111692347, ack 1031238107, win 64, length 3",
  "IP 127.0.0.1.35216 > 127.0.0.1.40841: Flags [.], ack 2111692347, win 64, length 0",
  "IP 127.0.0.1.35216 > 127.0.0.1.40841: Flags [F.], seq 1031238107, ack 2111692347, win 64, length 0",
  "IP 127.0.0.1.40841 > 127.0.0.1.35216: Flags [F.], seq 2111692347, ack 1031238108, win 64, length 0",
  "IP 127.0.0.1.35216 > 127.0.0.1.40841: Flags [.], ack 2111692348, win 64, length 0",
];

function lines(capture: Capture): string[] {
  return capture.segments.map(asTcpdumpPrints);
}

describe("the sample captures, as tcpdump reads them", () => {
  it.each([
    ["handshake-data-close.pcapng", "pcapng", "us", ["ethernet"], HANDSHAKE_DATA_CLOSE],
    ["refused-and-reset.pcap", "pcap", "us", ["ethernet"], REFUSED_AND_RESET],
    ["half-close-ipv6.pcap", "pcap", "ns", ["ethernet"], HALF_CLOSE_IPV6],
    ["any-interface-sll2.pcap", "pcap", "us", ["linux-sll2"], SLL2],
    ["any-interface-sll.pcap", "pcap", "us", ["linux-sll"], SLL],
    ["raw-ip.pcap", "pcap", "us", ["raw"], HANDSHAKE_DATA_CLOSE],
    // text2pcap writes pcapng interfaces with if_tsresol 9 (nanoseconds).
    ["bsd-loopback.pcapng", "pcapng", "ns", ["bsd-loopback"], HANDSHAKE_DATA_CLOSE],
  ] as const)("%s: %s, %s, %j", (name, format, precision, linkTypes, expected) => {
    const capture = readCapture(readSample(name));
    expect(capture).toMatchObject({ format, precision, byteOrder: "little", linkTypes });
    expect(lines(capture)).toEqual(expected);
  });

  it("numbers frames from 1 and gives each record's offset in the file", () => {
    const capture = readCapture(readSample("handshake-data-close.pcapng"));
    expect(capture.frames).toBe(10);
    expect(capture.segments.map((segment) => segment.frame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Section header (108 bytes) and interface description (20) come first; the EPBs follow.
    expect(capture.segments.map((segment) => segment.offset)).toEqual([128, 236, 344, 444, 548, 648, 752, 852, 952, 1052]);
  });

  it.each(["handshake-data-close.pcapng", "raw-ip.pcap", "bsd-loopback.pcapng"] as const)("%s keeps tcpdump's capture times", (name) => {
    const times = readCapture(readSample(name)).segments.map((segment) => segment.time);
    times.forEach((time, i) => expect(time).toBeCloseTo(HANDSHAKE_DATA_CLOSE_TIMES[i]!, 6));
  });

  it("reads a nanosecond pcap to the nanosecond, as far as a double holds it", () => {
    const capture = readCapture(readSample("half-close-ipv6.pcap"));
    // A double near 1.8e9 s keeps about 0.24 µs; a microsecond reading would be off by up to 999 ns.
    capture.segments.forEach((segment, i) => {
      expect(Math.abs((segment.time - 1796199128) * 1e9 - HALF_CLOSE_NANOSECONDS[i]!)).toBeLessThan(250);
    });
  });

  it("decodes the SYN's options as tcpdump prints them: mss 65495, sackOK, TS val 2307217282 ecr 0, wscale 10", () => {
    const [syn, synAck, ack] = readCapture(readSample("handshake-data-close.pcapng")).segments;
    // tcpdump: options [mss 65495,sackOK,TS val 2307217282 ecr 0,nop,wscale 10]
    expect(syn?.options).toEqual([
      { kind: "mss", value: 65495 },
      { kind: "sack-permitted" },
      { kind: "timestamps", value: 2307217282, echo: 0 },
      { kind: "window-scale", shift: 10 },
    ]);
    // tcpdump: options [mss 65495,sackOK,TS val 3500232096 ecr 2307217282,nop,wscale 10]
    expect(synAck?.options).toContainEqual({ kind: "timestamps", value: 3500232096, echo: 2307217282 });
    // tcpdump: options [nop,nop,TS val 2307217282 ecr 3500232096]
    expect(ack?.options).toEqual([{ kind: "timestamps", value: 2307217282, echo: 3500232096 }]);
  });

  it("decodes IPv6's MSS (65476 on ::1) and gives no IP identification", () => {
    const [syn] = readCapture(readSample("half-close-ipv6.pcap")).segments;
    expect(syn?.options[0]).toEqual({ kind: "mss", value: 65476 });
    expect(syn?.ipId).toBeNull();
  });

  it("keeps the IPv4 identification tcpdump -v shows (id 25285 on the first SYN, 0 on the SYN+ACK)", () => {
    const [syn, synAck] = readCapture(readSample("handshake-data-close.pcapng")).segments;
    expect([syn?.ipId, synAck?.ipId]).toEqual([25285, 0]);
  });

  it("skips the UDP datagram and the ICMP port unreachable, with their frame numbers and offsets", () => {
    const capture = readCapture(readSample("refused-and-reset.pcap"));
    expect(capture.frames).toBe(10);
    expect(capture.skipped).toEqual([
      { frame: 9, offset: 698, reason: "UDP" },
      { frame: 10, offset: 761, reason: "ICMP" },
    ]);
    expect(capture.segments.map((segment) => segment.frame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("reads two interfaces with different link types in one pcapng: each segment once per interface", () => {
    const capture = readCapture(readSample("two-interfaces.pcapng"));
    expect(capture).toMatchObject({ format: "pcapng", linkTypes: ["ethernet", "linux-sll2"], frames: 20 });
    expect(capture.segments.map((segment) => segment.interfaceId)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : 0)));
    for (let i = 0; i < 20; i += 2) {
      const [any, lo] = [capture.segments[i]!, capture.segments[i + 1]!];
      expect(asTcpdumpPrints(lo)).toBe(asTcpdumpPrints(any));
      expect(lo.ipId).toBe(any.ipId);
    }
    expect(asTcpdumpPrints(capture.segments[0]!)).toBe("IP 127.0.0.1.58410 > 127.0.0.1.40851: Flags [S], seq 1650129427, win 65495, length 0");
  });
});

describe("byte order", () => {
  it.each(["refused-and-reset.pcap", "half-close-ipv6.pcap", "any-interface-sll2.pcap", "raw-ip.pcap"] as const)(
    "%s byte-swapped to big-endian gives the same frames",
    (name) => {
      const little = readCapture(readSample(name));
      const big = readCapture(pcapToBigEndian(readSample(name)));
      expect(big.byteOrder).toBe("big");
      expect({ ...big, byteOrder: "little" }).toEqual(little);
    },
  );

  it.each(["handshake-data-close.pcapng", "two-interfaces.pcapng", "bsd-loopback.pcapng"] as const)(
    "%s with a big-endian section gives the same frames",
    (name) => {
      const little = readCapture(readSample(name));
      const big = readCapture(pcapngToBigEndian(readSample(name)));
      expect(big.byteOrder).toBe("big");
      expect({ ...big, byteOrder: "little" }).toEqual(little);
    },
  );

  it("a second section may switch byte order; its interfaces follow the first section's", () => {
    const first = readSample("handshake-data-close.pcapng");
    const second = pcapngToBigEndian(readSample("two-interfaces.pcapng"));
    const joined = new Uint8Array([...first, ...second]);
    const capture = readCapture(joined);
    expect(capture.byteOrder).toBe("little");
    expect(capture.linkTypes).toEqual(["ethernet", "ethernet", "linux-sll2"]);
    expect(capture.frames).toBe(30);
    expect(capture.segments.slice(10).map((segment) => segment.interfaceId)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 2 : 1)));
    expect(capture.segments[10]?.offset).toBe(first.length + 176);
  });
});

it("content/captures holds exactly the samples these tests read, and its README", () => {
  const files = readdirSync(join(process.cwd(), "content/captures")).sort();
  expect(files).toEqual([...SAMPLE_NAMES, "README.md"].sort());
});
