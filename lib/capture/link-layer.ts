import { be16, u32 } from "./bytes";
import type { LinkType } from "./types";

/**
 * Link-layer headers down to the network packet. Numbers are tcpdump.org's LINKTYPE_ values,
 * which pcap and pcapng both write.
 */
const LINK_TYPE_NUMBERS: Record<number, LinkType> = {
  0: "bsd-loopback",
  1: "ethernet",
  12: "raw",
  14: "raw",
  101: "raw",
  108: "bsd-loopback",
  113: "linux-sll",
  228: "raw",
  229: "raw",
  276: "linux-sll2",
};

export const KNOWN_LINK_TYPE_NUMBERS = Object.keys(LINK_TYPE_NUMBERS).map(Number);

export function linkTypeOf(code: number): LinkType | null {
  return LINK_TYPE_NUMBERS[code] ?? null;
}

export type NetworkPacket = { ipVersion: 4 | 6; bytes: Uint8Array } | { skip: string };

const ETHERTYPE_NAMES: Record<number, string> = { 0x0806: "ARP", 0x8035: "RARP", 0x88cc: "LLDP", 0x8809: "Slow Protocols (LACP)", 0x8847: "MPLS", 0x88e5: "MACsec" };
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);

function byEtherType(etherType: number, bytes: Uint8Array): NetworkPacket {
  if (etherType === 0x0800) return { ipVersion: 4, bytes };
  if (etherType === 0x86dd) return { ipVersion: 6, bytes };
  return { skip: ETHERTYPE_NAMES[etherType] ?? `EtherType 0x${etherType.toString(16).padStart(4, "0")}` };
}

/** Ethernet II, with any number of 802.1Q / 802.1ad VLAN tags before the EtherType. */
function ethernet(frame: Uint8Array): NetworkPacket {
  let at = 12;
  for (;;) {
    if (frame.length < at + 2) return { skip: "Ethernet header cut short by the snap length" };
    const etherType = be16(frame, at);
    if (etherType < 0x0600) return { skip: "802.3 frame without an EtherType (LLC)" };
    if (!VLAN_TAGS.has(etherType)) return byEtherType(etherType, frame.subarray(at + 2));
    at += 4;
  }
}

/** Raw IP: the version nibble says which. */
function raw(frame: Uint8Array): NetworkPacket {
  const version = (frame[0] ?? 0) >> 4;
  if (version === 4 || version === 6) return { ipVersion: version, bytes: frame };
  return { skip: frame.length === 0 ? "empty raw IP frame" : `raw IP frame with IP version ${version}` };
}

/** BSD address families for IPv6 differ by system: 24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS (and 10, Linux). */
const AF_INET = 2;
const AF_INET6 = new Set([10, 24, 28, 30]);

/**
 * BSD loopback: a 4-byte address family, in the writer's host byte order for NULL (0)
 * and network byte order for LOOP (108). Like libpcap, accept either order when the
 * other does not name a family: a file may have been written on another machine.
 */
function bsdLoopback(frame: Uint8Array, little: boolean): NetworkPacket {
  if (frame.length < 4) return { skip: "BSD loopback header cut short by the snap length" };
  for (const order of [little, !little]) {
    const family = u32(frame, 0, order);
    if (family === AF_INET) return { ipVersion: 4, bytes: frame.subarray(4) };
    if (AF_INET6.has(family)) return { ipVersion: 6, bytes: frame.subarray(4) };
  }
  return { skip: `BSD loopback address family ${u32(frame, 0, little)}` };
}

/** Linux cooked v1 (SLL): the protocol type is the last 2 of its 16 bytes. */
function linuxSll(frame: Uint8Array): NetworkPacket {
  if (frame.length < 16) return { skip: "Linux cooked header cut short by the snap length" };
  return byEtherType(be16(frame, 14), frame.subarray(16));
}

/** Linux cooked v2 (SLL2): the protocol type is the first 2 of its 20 bytes. */
function linuxSll2(frame: Uint8Array): NetworkPacket {
  if (frame.length < 20) return { skip: "Linux cooked v2 header cut short by the snap length" };
  return byEtherType(be16(frame, 0), frame.subarray(20));
}

/** `little` is the byte order the file was written in, which BSD loopback (NULL) needs. */
export function networkPacket(frame: Uint8Array, code: number, little: boolean): NetworkPacket {
  switch (linkTypeOf(code)) {
    case "ethernet":
      return ethernet(frame);
    case "raw":
      return raw(frame);
    case "bsd-loopback":
      return bsdLoopback(frame, code === 108 ? false : little);
    case "linux-sll":
      return linuxSll(frame);
    case "linux-sll2":
      return linuxSll2(frame);
    case null:
      return { skip: `link type ${code}` };
  }
}
