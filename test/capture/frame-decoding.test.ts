import { describe, expect, it } from "vitest";
import { readCapture, type Capture } from "@/lib/capture";
import { formatIpv6 } from "@/lib/capture/ip-address";
import {
  be32,
  enhancedPacket,
  ethernet,
  interfaceDescription,
  ipv4,
  ipv6,
  le32,
  pcapFile,
  pcapngFile,
  sectionHeader,
  simplePacket,
  tcpSegment,
  type TcpFields,
} from "./capture-builders";

/*
 * What the samples do not show: each link type's header, VLAN tags, IPv6 extension
 * headers, fragments, corrupt network headers (skipped, not fatal), TCP options and flags.
 */

function readFrames(linkType: number, ...frames: Uint8Array[]): Capture {
  return readCapture(pcapFile(linkType, frames));
}

function onlySegment(capture: Capture) {
  expect(capture.skipped).toEqual([]);
  expect(capture.segments).toHaveLength(1);
  return capture.segments[0]!;
}

function skipReason(linkType: number, frame: Uint8Array): string {
  const capture = readFrames(linkType, frame);
  expect(capture.segments).toEqual([]);
  return capture.skipped[0]!.reason;
}

const tcpIn4 = (fields: TcpFields = {}) => ethernet(0x0800, ipv4(tcpSegment(fields)));

describe("link layers", () => {
  it("Ethernet with an 802.1ad and an 802.1Q tag", () => {
    const segment = onlySegment(readFrames(1, ethernet(0x0800, ipv4(tcpSegment({ srcPort: 1234 })), [0x88a8, 0x8100])));
    expect(segment).toMatchObject({ src: "192.0.2.1", dst: "198.51.100.2", srcPort: 1234, dstPort: 80 });
  });

  it("Ethernet ARP and LLC frames are skipped and named", () => {
    expect(skipReason(1, ethernet(0x0806, new Uint8Array(28)))).toBe("ARP");
    expect(skipReason(1, ethernet(0x0040, new Uint8Array(64)))).toBe("802.3 frame without an EtherType (LLC)");
    expect(skipReason(1, ethernet(0x88b5, new Uint8Array(4)))).toBe("EtherType 0x88b5");
  });

  it.each([101, 12, 14])("raw IP (%i) by the version nibble", (linkType) => {
    const capture = readFrames(linkType, ipv4(tcpSegment()), ipv6(tcpSegment()));
    expect(capture.segments.map((segment) => segment.ipVersion)).toEqual([4, 6]);
  });

  it("BSD NULL: AF_INET 2 in the writer's byte order, IPv6 as 24, 28 or 30", () => {
    const ipv4Frame = new Uint8Array([...le32(2), ...ipv4(tcpSegment())]);
    expect(onlySegment(readFrames(0, ipv4Frame)).ipVersion).toBe(4);
    for (const family of [24, 28, 30]) expect(onlySegment(readFrames(0, new Uint8Array([...le32(family), ...ipv6(tcpSegment())]))).ipVersion).toBe(6);
    // A big-endian writer's value in a little-endian file still names the family.
    expect(onlySegment(readFrames(0, new Uint8Array([...be32(2), ...ipv4(tcpSegment())]))).ipVersion).toBe(4);
    expect(skipReason(0, new Uint8Array([...le32(7), ...ipv4(tcpSegment())]))).toBe("BSD loopback address family 7");
  });

  it("BSD LOOP (108): the family in network byte order", () => {
    expect(onlySegment(readFrames(108, new Uint8Array([...be32(2), ...ipv4(tcpSegment())]))).ipVersion).toBe(4);
  });

  it("Linux cooked v1 and v2", () => {
    const sll = new Uint8Array([0, 0, 0, 1, 0, 6, ...new Array(8).fill(0), 0x08, 0x00, ...ipv4(tcpSegment())]);
    const sll2 = new Uint8Array([0x86, 0xdd, 0, 0, ...le32(1), 0, 1, 0, 6, ...new Array(8).fill(0), ...ipv6(tcpSegment())]);
    expect(onlySegment(readFrames(113, sll)).ipVersion).toBe(4);
    expect(onlySegment(readFrames(276, sll2)).ipVersion).toBe(6);
  });

  it("an EtherType that disagrees with the IP version is skipped", () => {
    expect(skipReason(1, ethernet(0x0800, ipv6(tcpSegment())))).toBe("IPv4 frame holding a packet of IP version 6");
  });
});

describe("IPv4 (skipped, not fatal, when its header is corrupt)", () => {
  it.each([
    ["UDP", ipv4(new Uint8Array(8), { protocol: 17 }), "UDP"],
    ["ICMP", ipv4(new Uint8Array(8), { protocol: 1 }), "ICMP"],
    ["an unnamed protocol", ipv4(new Uint8Array(8), { protocol: 200 }), "IP protocol 200"],
    ["a first fragment (More Fragments)", ipv4(tcpSegment(), { fragment: 0x2000 }), "IPv4 fragment"],
    ["a later fragment (offset 185)", ipv4(tcpSegment(), { fragment: 185 }), "IPv4 fragment"],
    ["header length 3 words", ipv4(tcpSegment(), { words: 3 }), "IPv4 header length 3 words is below the minimum of 5"],
    ["total length below the header", ipv4(tcpSegment(), { totalLength: 12 }), "IPv4 total length 12 is below its header length 20"],
    ["a header cut short", ipv4(tcpSegment()).slice(0, 12), "IPv4 header cut short by the snap length"],
  ])("%s", (_, packet, reason) => {
    expect(skipReason(101, packet)).toBe(reason);
  });

  it("the payload length comes from the IP header, not from what was captured", () => {
    // Total length says 20 + 20 + 1000 bytes, the capture kept the headers only (a snap length).
    const segment = onlySegment(readFrames(101, ipv4(tcpSegment(), { totalLength: 1040 })));
    expect(segment.payloadLength).toBe(1000);
  });

  it("Ethernet padding after a short packet is not payload", () => {
    const padded = new Uint8Array([...ethernet(0x0800, ipv4(tcpSegment())), 0, 0, 0, 0, 0, 0]);
    expect(onlySegment(readFrames(1, padded)).payloadLength).toBe(0);
  });

  it("total length 0 (captured before segmentation offload) takes the captured length, as Wireshark does", () => {
    expect(onlySegment(readFrames(101, ipv4(tcpSegment({ payload: 100 }), { totalLength: 0 }))).payloadLength).toBe(100);
  });
});

describe("IPv6", () => {
  it("walks hop-by-hop, routing and destination options to TCP", () => {
    const packet = ipv6(tcpSegment({ payload: 5 }), [
      [0, [0, 0, 1, 4, 0, 0, 0, 0]],
      [43, [0, 0, 0, 0, 0, 0, 0, 0]],
      [60, [0, 1, ...new Array(14).fill(0)]],
    ]);
    expect(onlySegment(readFrames(101, packet))).toMatchObject({ ipVersion: 6, src: "2001:db8::5", dst: "::1", payloadLength: 5 });
  });

  it("a fragment is skipped; an atomic fragment (offset 0, no more) is a whole packet", () => {
    expect(skipReason(101, ipv6(tcpSegment(), [[44, [0, 0, 0, 1, 0, 0, 0, 9]]]))).toBe("IPv6 fragment");
    expect(skipReason(101, ipv6(tcpSegment(), [[44, [0, 0, 0x05, 0x00, 0, 0, 0, 9]]]))).toBe("IPv6 fragment");
    expect(onlySegment(readFrames(101, ipv6(tcpSegment(), [[44, [0, 0, 0, 0, 0, 0, 0, 9]]]))).ipVersion).toBe(6);
  });

  it("UDP and ICMPv6 are skipped and named", () => {
    const udp = ipv6(new Uint8Array(8));
    udp[6] = 17;
    const icmp = ipv6(new Uint8Array(8));
    icmp[6] = 58;
    expect(skipReason(101, udp)).toBe("UDP");
    expect(skipReason(101, icmp)).toBe("ICMPv6");
  });

  it("an extension header running past the packet is skipped", () => {
    const packet = ipv6(tcpSegment(), [[60, [0, 200, 0, 0, 0, 0, 0, 0]]]);
    expect(skipReason(101, packet)).toBe("IPv6 extension header runs past the packet");
  });

  it.each([
    ["2001:db8:0:0:1:0:0:1", [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "2001:db8::1:0:0:1"],
    ["all zeros", new Array(16).fill(0), "::"],
    ["no run of two zero groups", [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], "2001:db8:0:1:1:1:1:1"],
    ["IPv4-mapped", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1], "::ffff:192.0.2.1"],
    ["link-local", [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55], "fe80::211:22ff:fe33:4455"],
  ])("RFC 5952 text: %s", (_, bytes, text) => {
    expect(formatIpv6(new Uint8Array(bytes), 0)).toBe(text);
  });
});

describe("TCP header", () => {
  it("sequence and acknowledgment numbers are unsigned 32-bit", () => {
    expect(onlySegment(readFrames(101, ipv4(tcpSegment({ seq: 0xffffffff, ack: 0x80000000, bits: 0x10 }))))).toMatchObject({ seq: 4294967295, ack: 2147483648 });
  });

  it.each([
    [0x02, "SYN", []],
    [0x12, "SYN+ACK", []],
    [0x19, "FIN+PSH+ACK", []],
    [0x14, "RST+ACK", []],
    [0xf0, "ACK", ["URG", "ECE", "CWR"]],
    [0xc2, "SYN", ["ECE", "CWR"]],
  ])("flag bits 0x%s: %s", (bits, flags, otherFlags) => {
    expect(onlySegment(readFrames(101, ipv4(tcpSegment({ bits }))))).toMatchObject({ flags, otherFlags });
  });

  it("data offset below 5 words is skipped", () => {
    expect(skipReason(101, ipv4(tcpSegment({ words: 3 })))).toBe("TCP header length 3 words is below the minimum of 5");
  });

  it("data offset beyond the segment is skipped", () => {
    expect(skipReason(101, ipv4(tcpSegment({ words: 15 })))).toBe("TCP header length 60 bytes runs past the segment's 20 bytes");
  });

  it("a TCP header cut by the snap length is skipped", () => {
    expect(skipReason(101, ipv4(tcpSegment(), { totalLength: 60 }).slice(0, 30))).toBe("TCP header cut short by the snap length");
  });

  it("a segment shorter than a TCP header is skipped", () => {
    expect(skipReason(101, ipv4(new Uint8Array(12)))).toBe("TCP segment of 12 bytes is shorter than the minimum header of 20");
  });
});

describe("TCP options", () => {
  const optionsOf = (options: number[]) => onlySegment(readFrames(101, ipv4(tcpSegment({ options })))).options;

  it("SACK blocks, NOP padding dropped", () => {
    expect(optionsOf([1, 1, 5, 18, ...be32(100), ...be32(200), ...be32(300), ...be32(400)])).toEqual([{ kind: "sack", blocks: [[100, 200], [300, 400]] }]);
  });

  it("an unknown kind is kept with its type and length", () => {
    expect(optionsOf([30, 4, 0, 0, 2, 4, 5, 180])).toEqual([{ kind: "unknown", type: 30, length: 4 }, { kind: "mss", value: 1460 }]);
  });

  it("a known kind with the wrong length is kept as unknown", () => {
    expect(optionsOf([2, 3, 5, 1])).toEqual([{ kind: "unknown", type: 2, length: 3 }]);
  });

  it("End of Option List stops the list", () => {
    expect(optionsOf([4, 2, 0, 2, 4, 5, 180])).toEqual([{ kind: "sack-permitted" }]);
  });

  it("a length below 2 stops parsing safely, keeping what came before", () => {
    expect(optionsOf([3, 3, 7, 2, 0, 5, 180])).toEqual([{ kind: "window-scale", shift: 7 }]);
  });

  it("an option running past the header stops parsing safely", () => {
    expect(optionsOf([4, 2, 8, 40, 0, 0])).toEqual([{ kind: "sack-permitted" }]);
  });
});

describe("pcapng packets", () => {
  const frame = ethernet(0x0800, ipv4(tcpSegment()));

  it("a simple packet belongs to interface 0 and keeps the previous packet's time", () => {
    const capture = readCapture(pcapngFile(sectionHeader(), interfaceDescription(1), enhancedPacket(0, frame, 1_500_000), simplePacket(frame)));
    expect(capture.segments.map((segment) => [segment.frame, segment.interfaceId, segment.time])).toEqual([[1, 0, 1.5], [2, 0, 1.5]]);
  });

  it("if_tsresol 9 counts nanoseconds; 2^-20 counts binary fractions", () => {
    const nanoseconds = readCapture(pcapngFile(sectionHeader(), interfaceDescription(1, 9), enhancedPacket(0, frame, 2_000_000_123)));
    expect(nanoseconds.precision).toBe("ns");
    expect(nanoseconds.segments[0]?.time).toBeCloseTo(2.000000123, 9);
    const binary = readCapture(pcapngFile(sectionHeader(), interfaceDescription(1, 0x80 | 20), enhancedPacket(0, frame, 3 * 2 ** 20 + 2 ** 19)));
    expect(binary.segments[0]?.time).toBe(3.5);
  });

  it("without if_tsresol, microseconds", () => {
    const capture = readCapture(pcapngFile(sectionHeader(), interfaceDescription(1), enhancedPacket(0, frame, 7_250_000)));
    expect(capture).toMatchObject({ precision: "us", segments: [{ time: 7.25 }] });
  });

  it("an unknown block is skipped by its length", () => {
    const custom = new Uint8Array([...le32(0x00000bad), ...le32(16), 1, 2, 3, 4, ...le32(16)]);
    const capture = readCapture(pcapngFile(sectionHeader(), custom, interfaceDescription(1), enhancedPacket(0, frame)));
    expect(capture.frames).toBe(1);
    expect(capture.segments[0]?.offset).toBe(28 + 16 + 20);
  });
});
