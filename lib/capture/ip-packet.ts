import { be16, u8 } from "./bytes";
import { formatIpv4, formatIpv6 } from "./ip-address";

/**
 * The IP layer of one frame, down to the TCP segment it carries.
 *
 * What is fatal and what is skipped: the reader throws a CaptureError only when the
 * file's own structure is broken (bad magic, block or record lengths that disagree or run
 * past the end), because then nothing after that point can be trusted. A frame whose
 * network or transport header is corrupt, cut short or simply not TCP is one bad
 * packet in a sound file: it becomes a SkippedFrame with the reason, and reading goes on.
 */
export interface IpPacket {
  ipVersion: 4 | 6;
  src: string;
  dst: string;
  ipId: number | null;
  /** The TCP segment's bytes as captured (never past the IP packet's own end, so link padding is dropped). */
  segment: Uint8Array;
  /** The TCP segment's length by the IP header. */
  segmentLength: number;
}

export type IpResult = IpPacket | { skip: string };

const TCP = 6;
const PROTOCOL_NAMES: Record<number, string> = { 1: "ICMP", 2: "IGMP", 17: "UDP", 47: "GRE", 50: "ESP", 58: "ICMPv6", 132: "SCTP" };

function protocolName(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? `IP protocol ${protocol}`;
}

/** IPv4 (RFC 791 section 3.1). */
export function parseIpv4(bytes: Uint8Array): IpResult {
  if (bytes.length < 20) return { skip: "IPv4 header cut short by the snap length" };
  const words = u8(bytes, 0) & 0x0f;
  if (words < 5) return { skip: `IPv4 header length ${words} words is below the minimum of 5` };
  const headerLength = words * 4;
  if (bytes.length < headerLength) return { skip: "IPv4 header cut short by the snap length" };
  let totalLength = be16(bytes, 2);
  // Linux captures a segment before TCP segmentation offload splits it with total length 0;
  // Wireshark then takes the captured length ("length 0, assuming TSO"), and so do we.
  if (totalLength === 0) totalLength = bytes.length;
  if (totalLength < headerLength) {
    return { skip: `IPv4 total length ${totalLength} is below its header length ${headerLength}` };
  }
  const fragment = be16(bytes, 6);
  if ((fragment & 0x2000) !== 0 || (fragment & 0x1fff) !== 0) return { skip: "IPv4 fragment" };
  const protocol = u8(bytes, 9);
  if (protocol !== TCP) return { skip: protocolName(protocol) };
  return {
    ipVersion: 4,
    src: formatIpv4(bytes, 12),
    dst: formatIpv4(bytes, 16),
    ipId: be16(bytes, 4),
    segment: bytes.subarray(headerLength, totalLength),
    segmentLength: totalLength - headerLength,
  };
}

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTHENTICATION = 51;
const NO_NEXT_HEADER = 59;
const DESTINATION_OPTIONS = 60;

/** IPv6 (RFC 8200 sections 3 and 4): the fixed header, then the extension headers up to TCP. */
export function parseIpv6(bytes: Uint8Array): IpResult {
  if (bytes.length < 40) return { skip: "IPv6 header cut short by the snap length" };
  const payloadLength = be16(bytes, 4);
  if (payloadLength === 0) return { skip: "IPv6 jumbogram or payload length 0" };
  const end = 40 + payloadLength;
  let next = u8(bytes, 6);
  let at = 40;
  // Each extension header is at least 8 bytes long, so the walk ends within the packet.
  while (next !== TCP) {
    if (next === NO_NEXT_HEADER) return { skip: "IPv6 without a next header" };
    if (next !== HOP_BY_HOP && next !== ROUTING && next !== FRAGMENT && next !== AUTHENTICATION && next !== DESTINATION_OPTIONS) {
      return { skip: protocolName(next) };
    }
    if (at + 8 > end) return { skip: "IPv6 extension header runs past the packet" };
    if (at + 8 > bytes.length) return { skip: "IPv6 extension header cut short by the snap length" };
    if (next === FRAGMENT) {
      const fragment = be16(bytes, at + 2);
      // An atomic fragment (offset 0, no more fragments) is a whole packet (RFC 6946).
      if ((fragment & 0xfff9) !== 0) return { skip: "IPv6 fragment" };
    }
    const length = next === FRAGMENT ? 8 : next === AUTHENTICATION ? (u8(bytes, at + 1) + 2) * 4 : (u8(bytes, at + 1) + 1) * 8;
    next = u8(bytes, at);
    at += length;
  }
  if (at > end) return { skip: "IPv6 extension header runs past the packet" };
  return {
    ipVersion: 6,
    src: formatIpv6(bytes, 8),
    dst: formatIpv6(bytes, 24),
    ipId: null,
    segment: bytes.subarray(Math.min(at, bytes.length), end),
    segmentLength: end - at,
  };
}
