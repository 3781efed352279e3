/*
 * Tiny captures built byte by byte, for what the real samples do not hold: broken files,
 * VLAN tags, IPv6 extension headers, fragments, odd options. Little-endian unless told.
 */

function bytesOf(...parts: (number[] | Uint8Array)[]): Uint8Array {
  return new Uint8Array(parts.flatMap((part) => Array.from(part)));
}

export function le16(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff];
}

export function le32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

export function be16(value: number): number[] {
  return le16(value).reverse();
}

export function be32(value: number): number[] {
  return le32(value).reverse();
}

export function setLe32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  bytes.set(le32(value), at);
  return bytes;
}

/** A pcap file: 24-byte header (microseconds, little-endian) and one record per frame, each at second i+1. */
export function pcapFile(linkType: number, frames: Uint8Array[]): Uint8Array {
  const header = [...le32(0xa1b2c3d4), ...le16(2), ...le16(4), ...le32(0), ...le32(0), ...le32(262144), ...le32(linkType)];
  const records = frames.flatMap((frame, i) => [...le32(i + 1), ...le32(0), ...le32(frame.length), ...le32(frame.length), ...frame]);
  return bytesOf(header, records);
}

/** A pcapng block: type, total length, body padded to 4 bytes, total length again. */
export function block(type: number, body: number[] | Uint8Array): Uint8Array {
  const padded = [...body, ...new Array((4 - (body.length % 4)) % 4).fill(0)];
  const length = 12 + padded.length;
  return bytesOf(le32(type), le32(length), padded, le32(length));
}

export function sectionHeader(): Uint8Array {
  return block(0x0a0d0d0a, [...le32(0x1a2b3c4d), ...le16(1), ...le16(0), ...le32(0xffffffff), ...le32(0xffffffff)]);
}

/** An interface; `tsresol` adds the if_tsresol option. */
export function interfaceDescription(linkType: number, tsresol?: number): Uint8Array {
  const options = tsresol === undefined ? [] : [...le16(9), ...le16(1), tsresol, 0, 0, 0, ...le16(0), ...le16(0)];
  return block(1, [...le16(linkType), ...le16(0), ...le32(0), ...options]);
}

export function enhancedPacket(interfaceId: number, frame: Uint8Array, stamp = 0): Uint8Array {
  return block(6, [...le32(interfaceId), ...le32(Math.floor(stamp / 2 ** 32)), ...le32(stamp % 2 ** 32), ...le32(frame.length), ...le32(frame.length), ...frame]);
}

export function simplePacket(frame: Uint8Array): Uint8Array {
  return block(3, [...le32(frame.length), ...frame]);
}

export function pcapngFile(...blocks: Uint8Array[]): Uint8Array {
  return bytesOf(...blocks);
}

export interface TcpFields {
  srcPort?: number;
  dstPort?: number;
  seq?: number;
  ack?: number;
  /** Byte 13: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80. */
  bits?: number;
  window?: number;
  options?: number[];
  /** Data offset in 32-bit words; by default what the options need. */
  words?: number;
  payload?: number;
}

export function tcpSegment(fields: TcpFields = {}): Uint8Array {
  const options = fields.options ?? [];
  const padded = [...options, ...new Array((4 - (options.length % 4)) % 4).fill(0)];
  const words = fields.words ?? 5 + padded.length / 4;
  return bytesOf(
    be16(fields.srcPort ?? 40000),
    be16(fields.dstPort ?? 80),
    be32(fields.seq ?? 1000),
    be32(fields.ack ?? 0),
    [words << 4, fields.bits ?? 0x02],
    be16(fields.window ?? 65535),
    [0, 0, 0, 0],
    padded,
    new Array(fields.payload ?? 0).fill(0x61),
  );
}

export interface Ipv4Fields {
  protocol?: number;
  words?: number;
  totalLength?: number;
  /** Flags and fragment offset: 0x2000 is More Fragments. */
  fragment?: number;
  id?: number;
}

export function ipv4(payload: Uint8Array, fields: Ipv4Fields = {}): Uint8Array {
  const totalLength = fields.totalLength ?? 20 + payload.length;
  return bytesOf(
    [0x40 | (fields.words ?? 5), 0],
    be16(totalLength),
    be16(fields.id ?? 7),
    be16(fields.fragment ?? 0x4000),
    [64, fields.protocol ?? 6, 0, 0],
    [192, 0, 2, 1],
    [198, 51, 100, 2],
    payload,
  );
}

/** IPv6 with extension headers given as [type, bytes] pairs, each already a multiple of 8 bytes with its next-header byte filled in by this builder. */
export function ipv6(payload: Uint8Array, extensions: [number, number[]][] = [], src = [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 5]): Uint8Array {
  const chain = extensions.map(([, body], i) => [extensions[i + 1]?.[0] ?? 6, ...body.slice(1)]);
  const extensionBytes = chain.flat();
  return bytesOf(
    [0x60, 0, 0, 0],
    be16(extensionBytes.length + payload.length),
    [extensions[0]?.[0] ?? 6, 64],
    src,
    [...new Array(15).fill(0), 1],
    extensionBytes,
    payload,
  );
}

export function ethernet(etherType: number, payload: Uint8Array, vlanTags: number[] = []): Uint8Array {
  const tags = vlanTags.flatMap((tpid) => [...be16(tpid), 0, 10]);
  return bytesOf(new Array(12).fill(0x02), tags, be16(etherType), payload);
}
