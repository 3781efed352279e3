import type { Flags } from "../tcp";

/**
 * What the capture reader gives the replay: every TCP segment of a pcap or
 * pcapng file, decoded down to its options, with where it was in the file.
 * Plain data only (no Buffer), so the same reader runs in Node and in the browser.
 */
export const CAPTURE_FORMATS = ["pcap", "pcapng"] as const;
export type CaptureFormat = (typeof CAPTURE_FORMATS)[number];

/**
 * The link types the reader understands (tcpdump.org's LINKTYPE_ values):
 * Ethernet (1), raw IP (101, and 12/14 where a BSD wrote raw IP), Linux cooked
 * v1 (113) and v2 (276), BSD loopback (0, NULL; and 108, LOOP, in network byte order).
 */
export const LINK_TYPES = ["ethernet", "raw", "linux-sll", "linux-sll2", "bsd-loopback"] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export type TcpOption =
  | { kind: "mss"; value: number }
  | { kind: "window-scale"; shift: number }
  | { kind: "sack-permitted" }
  | { kind: "sack"; blocks: [number, number][] }
  | { kind: "timestamps"; value: number; echo: number }
  | { kind: "unknown"; type: number; length: number };

export interface CapturedSegment {
  /** The frame's number in the file, from 1, as Wireshark counts every record (TCP or not). */
  frame: number;
  /** Byte offset of the frame's record in the file. */
  offset: number;
  /** Seconds since the Unix epoch, to the file's precision (micro- or nanoseconds) as far as a double holds it: about 0.25 µs today. */
  time: number;
  /** pcapng: the interface the packet was captured on (0 for pcap). */
  interfaceId: number;
  ipVersion: 4 | 6;
  /** Addresses as people write them: "127.0.0.1", "::1", "2001:db8::5". */
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** Absolute sequence and acknowledgment numbers (the ack field is read whatever the ACK bit says). */
  seq: number;
  ack: number;
  /** The control bits SynAck's machine knows, canonical order ("SYN+ACK"). */
  flags: Flags;
  /** URG, ECE and CWR, which the machine ignores but a reader of the capture may want. */
  otherFlags: ("URG" | "ECE" | "CWR")[];
  /** The window field as sent (unscaled). */
  window: number;
  options: TcpOption[];
  /** Bytes of TCP payload by the IP header's length, even where the capture kept fewer (a snap length). */
  payloadLength: number;
  /** IPv4 identification, to tell a packet captured twice from a retransmission; null for IPv6. */
  ipId: number | null;
}

export interface SkippedFrame {
  frame: number;
  offset: number;
  /** Why it is not a TCP segment the replay can use: "ARP", "UDP", "IPv4 fragment", "TCP header cut short by the snap length". */
  reason: string;
}

export interface Capture {
  format: CaptureFormat;
  /** Byte order the file was written in. */
  byteOrder: "little" | "big";
  /** Timestamp resolution. */
  precision: "us" | "ns";
  /** One per interface (pcap has one). */
  linkTypes: LinkType[];
  /** Records in the file, TCP or not. */
  frames: number;
  segments: CapturedSegment[];
  skipped: SkippedFrame[];
}

/** The largest capture SynAck reads: ample for lessons, small enough for a browser tab. */
export const MAX_CAPTURE_BYTES = 32 * 1024 * 1024;
