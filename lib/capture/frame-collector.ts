import { decodeFrame } from "./decode-frame";
import type { CapturedSegment, SkippedFrame } from "./types";

/**
 * The largest frame SynAck reads: libpcap's own maximum snap length (MAXIMUM_SNAPLEN in
 * pcap-int.h). A record claiming more is a broken file, not a big packet.
 */
export const MAX_FRAME_BYTES = 262144;

export interface FramePlace {
  offset: number;
  time: number;
  interfaceId: number;
}

/** Numbers every record from 1, as Wireshark does, and sorts it into a segment or a skipped frame. */
export class FrameCollector {
  frames = 0;
  readonly segments: CapturedSegment[] = [];
  readonly skipped: SkippedFrame[] = [];

  add(data: Uint8Array, linkType: number, little: boolean, place: FramePlace): void {
    this.frames += 1;
    const frame = this.frames;
    const decoded = decodeFrame(data, linkType, little);
    if ("skip" in decoded) this.skipped.push({ frame, offset: place.offset, reason: decoded.skip });
    else this.segments.push({ frame, ...place, ...decoded });
  }
}
