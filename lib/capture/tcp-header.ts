import { formatFlags, type Flag, type Flags } from "../tcp";
import { be16, be32, u8 } from "./bytes";
import { parseTcpOptions } from "./tcp-options";
import type { TcpOption } from "./types";

export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: Flags;
  otherFlags: ("URG" | "ECE" | "CWR")[];
  window: number;
  options: TcpOption[];
  payloadLength: number;
}

const MIN_HEADER_WORDS = 5;

/** Control bits of byte 13 (RFC 9293 section 3.1, Figure 1), lowest bit first. */
const MACHINE_FLAGS: [number, Flag][] = [
  [0x01, "FIN"],
  [0x02, "SYN"],
  [0x04, "RST"],
  [0x08, "PSH"],
  [0x10, "ACK"],
];
const OTHER_FLAGS: [number, "URG" | "ECE" | "CWR"][] = [
  [0x20, "URG"],
  [0x40, "ECE"],
  [0x80, "CWR"],
];

/**
 * The TCP header (RFC 9293 section 3.1, Figure 1). `captured` holds the segment's bytes
 * that the capture kept; `segmentLength` is the segment's length by the IP header, which
 * decides the payload length even when a snap length cut the bytes short.
 * A header that cannot be read gives the reason the frame is skipped.
 */
export function parseTcpHeader(captured: Uint8Array, segmentLength: number): TcpHeader | { skip: string } {
  if (segmentLength < MIN_HEADER_WORDS * 4) {
    return { skip: `TCP segment of ${segmentLength} bytes is shorter than the minimum header of 20` };
  }
  if (captured.length < MIN_HEADER_WORDS * 4) return { skip: "TCP header cut short by the snap length" };
  const words = u8(captured, 12) >> 4;
  if (words < MIN_HEADER_WORDS) return { skip: `TCP header length ${words} words is below the minimum of ${MIN_HEADER_WORDS}` };
  const headerLength = words * 4;
  if (headerLength > segmentLength) {
    return { skip: `TCP header length ${headerLength} bytes runs past the segment's ${segmentLength} bytes` };
  }
  if (headerLength > captured.length) return { skip: "TCP header cut short by the snap length" };
  const bits = u8(captured, 13);
  return {
    srcPort: be16(captured, 0),
    dstPort: be16(captured, 2),
    seq: be32(captured, 4),
    ack: be32(captured, 8),
    flags: formatFlags(MACHINE_FLAGS.filter(([mask]) => bits & mask).map(([, flag]) => flag)),
    otherFlags: OTHER_FLAGS.filter(([mask]) => bits & mask).map(([, flag]) => flag),
    window: be16(captured, 14),
    options: parseTcpOptions(captured.subarray(20, headerLength)),
    payloadLength: segmentLength - headerLength,
  };
}
