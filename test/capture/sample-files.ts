import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CapturedSegment } from "@/lib/capture";

/** The sample captures the app ships, written by tcpdump, editcap, text2pcap and mergecap (content/captures/README.md). */
export const SAMPLE_NAMES = [
  "handshake-data-close.pcapng",
  "refused-and-reset.pcap",
  "half-close-ipv6.pcap",
  "any-interface-sll2.pcap",
  "any-interface-sll.pcap",
  "raw-ip.pcap",
  "bsd-loopback.pcapng",
  "two-interfaces.pcapng",
] as const;

export function readSample(name: (typeof SAMPLE_NAMES)[number]): Uint8Array {
  return new Uint8Array(readFileSync(join(process.cwd(), "content/captures", name)));
}

/** tcpdump's letters for the control bits, in its order (print-tcp.c, tcp_flag_values). */
const TCPDUMP_FLAGS: [string, string][] = [["FIN", "F"], ["SYN", "S"], ["RST", "R"], ["PSH", "P"], ["ACK", "."], ["URG", "U"], ["ECE", "E"], ["CWR", "W"]];

/**
 * A segment as `tcpdump -nn -S` prints it, without the timestamp and the options:
 * "IP 127.0.0.1.43800 > 127.0.0.1.40801: Flags [P.], seq 610715311:610715317, ack 532443397, win 64, length 6".
 * tcpdump prints seq only for data, SYN, FIN or RST, and ack only with the ACK bit.
 */
export function asTcpdumpPrints(segment: CapturedSegment): string {
  const bits = new Set([...segment.flags.split("+"), ...segment.otherFlags]);
  const letters = TCPDUMP_FLAGS.filter(([name]) => bits.has(name)).map(([, letter]) => letter).join("");
  const parts = [`Flags [${letters}]`];
  if (segment.payloadLength > 0) parts.push(`seq ${segment.seq}:${segment.seq + segment.payloadLength}`);
  else if (/SYN|FIN|RST/.test(segment.flags)) parts.push(`seq ${segment.seq}`);
  if (bits.has("ACK")) parts.push(`ack ${segment.ack}`);
  parts.push(`win ${segment.window}`, `length ${segment.payloadLength}`);
  const ip = segment.ipVersion === 4 ? "IP" : "IP6";
  return `${ip} ${segment.src}.${segment.srcPort} > ${segment.dst}.${segment.dstPort}: ${parts.join(", ")}`;
}

function swap(bytes: Uint8Array, at: number, size: number): void {
  bytes.subarray(at, at + size).reverse();
}

/**
 * The same pcap file as a big-endian machine writes it: every field of the file header
 * and of each record header byte-swapped, the frames themselves unchanged.
 */
export function pcapToBigEndian(little: Uint8Array): Uint8Array {
  const bytes = little.slice();
  const view = new DataView(little.buffer, little.byteOffset, little.byteLength);
  for (const [at, size] of [[0, 4], [4, 2], [6, 2], [8, 4], [12, 4], [16, 4], [20, 4]] as const) swap(bytes, at, size);
  let at = 24;
  while (at < bytes.length) {
    const captured = view.getUint32(at + 8, true);
    for (let field = 0; field < 4; field++) swap(bytes, at + field * 4, 4);
    at += 16 + captured;
  }
  return bytes;
}

/**
 * The same pcapng file as a big-endian machine writes it: block framing, the section,
 * interface and enhanced packet blocks' fields, option codes and lengths, and if_tsoffset
 * swapped; packet data and text options unchanged. Other block types are refused, so a
 * sample that grows one fails here instead of being half converted.
 */
export function pcapngToBigEndian(little: Uint8Array): Uint8Array {
  const bytes = little.slice();
  const view = new DataView(little.buffer, little.byteOffset, little.byteLength);
  let at = 0;
  while (at < bytes.length) {
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    let options: number;
    if (type === 0x0a0d0d0a) {
      [[8, 4], [12, 2], [14, 2], [16, 8]].forEach(([offset, size]) => swap(bytes, at + offset!, size!));
      options = at + 24;
    } else if (type === 1) {
      [[8, 2], [10, 2], [12, 4]].forEach(([offset, size]) => swap(bytes, at + offset!, size!));
      options = at + 16;
    } else if (type === 6) {
      const captured = view.getUint32(at + 20, true);
      for (let field = 0; field < 5; field++) swap(bytes, at + 8 + field * 4, 4);
      options = at + 28 + Math.ceil(captured / 4) * 4;
    } else {
      throw new Error(`pcapngToBigEndian: block type ${type} at byte ${at} is not converted`);
    }
    while (options + 4 <= at + length - 4) {
      const code = view.getUint16(options, true);
      const size = view.getUint16(options + 2, true);
      swap(bytes, options, 2);
      swap(bytes, options + 2, 2);
      if (code === 0) break;
      if (type === 1 && code === 14) swap(bytes, options + 4, 8);
      options += 4 + Math.ceil(size / 4) * 4;
    }
    swap(bytes, at, 4);
    swap(bytes, at + 4, 4);
    swap(bytes, at + length - 4, 4);
    at += length;
  }
  return bytes;
}
