import { parseIpv4, parseIpv6 } from "./ip-packet";
import { networkPacket } from "./link-layer";
import { parseTcpHeader } from "./tcp-header";
import type { CapturedSegment } from "./types";

/** What one frame's bytes say, before the file adds where and when it was captured. */
export type DecodedFrame = Omit<CapturedSegment, "frame" | "offset" | "time" | "interfaceId">;

/**
 * One frame, link layer to TCP. Never throws: a frame that is not a readable TCP
 * segment gives the reason it is skipped (see ip-packet.ts for what counts as fatal).
 */
export function decodeFrame(frame: Uint8Array, linkType: number, little: boolean): DecodedFrame | { skip: string } {
  const network = networkPacket(frame, linkType, little);
  if ("skip" in network) return network;
  const version = (network.bytes[0] ?? 0) >> 4;
  if (network.bytes.length > 0 && version !== network.ipVersion) {
    return { skip: `IPv${network.ipVersion} frame holding a packet of IP version ${version}` };
  }
  const ip = network.ipVersion === 4 ? parseIpv4(network.bytes) : parseIpv6(network.bytes);
  if ("skip" in ip) return ip;
  const tcp = parseTcpHeader(ip.segment, ip.segmentLength);
  if ("skip" in tcp) return tcp;
  return { ipVersion: ip.ipVersion, src: ip.src, dst: ip.dst, ipId: ip.ipId, ...tcp };
}
