import { u16, u32 } from "./bytes";
import { CaptureError } from "./capture-error";
import { FrameCollector, MAX_FRAME_BYTES } from "./frame-collector";
import { KNOWN_LINK_TYPE_NUMBERS, linkTypeOf } from "./link-layer";
import type { Capture } from "./types";

/**
 * Classic pcap (draft-ietf-opsawg-pcap): a 24-byte file header, then records of a
 * 16-byte header and the frame's bytes. The magic number says the writer's byte order
 * and whether the second timestamp field counts micro- or nanoseconds.
 */
const MAGICS: Record<number, { little: boolean; precision: "us" | "ns" }> = {
  0xa1b2c3d4: { little: true, precision: "us" },
  0xd4c3b2a1: { little: false, precision: "us" },
  0xa1b23c4d: { little: true, precision: "ns" },
  0x4d3cb2a1: { little: false, precision: "ns" },
};

const FILE_HEADER = 24;
const RECORD_HEADER = 16;

export function isPcapMagic(bytes: Uint8Array): boolean {
  return u32(bytes, 0, true) in MAGICS;
}

export function readPcap(bytes: Uint8Array): Capture {
  const magic = MAGICS[u32(bytes, 0, true)];
  if (!magic) throw new CaptureError(0, "not a pcap magic number");
  const { little, precision } = magic;
  if (bytes.length < FILE_HEADER) {
    throw new CaptureError(0, `file ends inside the pcap file header: ${bytes.length} of its ${FILE_HEADER} bytes`);
  }
  const major = u16(bytes, 4, little);
  if (major !== 2) throw new CaptureError(4, `pcap version ${major}.${u16(bytes, 6, little)} is not 2.x`);
  const linkCode = u32(bytes, 20, little) & 0xffff;
  const linkType = linkTypeOf(linkCode);
  if (!linkType) {
    throw new CaptureError(20, `link type ${linkCode} is not one SynAck reads (known: ${KNOWN_LINK_TYPE_NUMBERS.join(", ")})`);
  }
  const unitsPerSecond = precision === "ns" ? 1e9 : 1e6;
  const collector = new FrameCollector();
  let at = FILE_HEADER;
  while (at < bytes.length) {
    const frame = collector.frames + 1;
    if (bytes.length - at < RECORD_HEADER) {
      throw new CaptureError(at, `file ends inside the record header of frame ${frame}: ${bytes.length - at} of its ${RECORD_HEADER} bytes`);
    }
    const captured = u32(bytes, at + 8, little);
    const original = u32(bytes, at + 12, little);
    if (captured > MAX_FRAME_BYTES) {
      throw new CaptureError(at + 8, `frame ${frame} claims ${captured} captured bytes, above the largest frame of ${MAX_FRAME_BYTES}`);
    }
    if (captured > original) {
      throw new CaptureError(at + 8, `frame ${frame} claims ${captured} captured bytes, more than its original length ${original}`);
    }
    const dataStart = at + RECORD_HEADER;
    if (dataStart + captured > bytes.length) {
      throw new CaptureError(at, `file ends inside frame ${frame}: its ${captured} bytes would end at byte ${dataStart + captured}, the file at byte ${bytes.length}`);
    }
    const time = u32(bytes, at, little) + u32(bytes, at + 4, little) / unitsPerSecond;
    collector.add(bytes.subarray(dataStart, dataStart + captured), linkCode, little, { offset: at, time, interfaceId: 0 });
    at = dataStart + captured;
  }
  return {
    format: "pcap",
    byteOrder: little ? "little" : "big",
    precision,
    linkTypes: [linkType],
    frames: collector.frames,
    segments: collector.segments,
    skipped: collector.skipped,
  };
}
