import { describe, expect, it } from "vitest";
import { CaptureError, MAX_CAPTURE_BYTES, readCapture } from "@/lib/capture";
import {
  block,
  enhancedPacket,
  ethernet,
  interfaceDescription,
  ipv4,
  le32,
  pcapFile,
  pcapngFile,
  sectionHeader,
  setLe32,
  simplePacket,
  tcpSegment,
} from "./capture-builders";

/*
 * Broken files: each gives a CaptureError at the byte where the problem is, with a message
 * that says so. Offsets count from the file's first byte.
 */

function failure(bytes: Uint8Array, options?: { maxBytes?: number }): { offset: number; message: string } {
  try {
    readCapture(bytes, options);
  } catch (error) {
    if (error instanceof CaptureError) return { offset: error.offset, message: error.message };
    throw error;
  }
  throw new Error("readCapture returned instead of throwing");
}

const FRAME = ethernet(0x0800, ipv4(tcpSegment()));
/** A sound pcap with one 54-byte frame: file header 0-23, record header 24-39, frame 40-93. */
const PCAP = pcapFile(1, [FRAME]);
/** A sound pcapng: section header 0-27, interface 28-47, enhanced packet from 48. */
const PCAPNG = pcapngFile(sectionHeader(), interfaceDescription(1), enhancedPacket(0, FRAME));

describe("any file", () => {
  it("empty", () => {
    expect(failure(new Uint8Array())).toEqual({ offset: 0, message: "at byte 0: the file is 0 bytes, too short for the 4-byte magic number of a capture" });
  });

  it("3 bytes", () => {
    expect(failure(PCAP.slice(0, 3))).toEqual({ offset: 0, message: "at byte 0: the file is 3 bytes, too short for the 4-byte magic number of a capture" });
  });

  it("an unknown magic number names the 4 bytes and the magic numbers known", () => {
    expect(failure(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toEqual({
      offset: 0,
      message:
        "at byte 0: the first 4 bytes 50 4b 03 04 are not a capture's magic number; known: pcap d4 c3 b2 a1 or a1 b2 c3 d4, nanosecond pcap 4d 3c b2 a1 or a1 b2 3c 4d, pcapng 0a 0d 0d 0a",
    });
  });

  it("a gzip file is named as such", () => {
    expect(failure(new Uint8Array([0x1f, 0x8b, 8, 0, 0])).message).toContain("(this is gzip: decompress it first)");
  });

  it("over the size limit, before reading anything", () => {
    expect(failure(PCAP, { maxBytes: 90 })).toEqual({ offset: 0, message: "at byte 0: the file is 94 bytes, above the limit of 90 bytes" });
    expect(readCapture(PCAP, { maxBytes: 94 }).frames).toBe(1);
  });

  it("the default limit is MAX_CAPTURE_BYTES (32 MiB)", () => {
    const big = new Uint8Array(MAX_CAPTURE_BYTES + 1);
    expect(failure(big)).toEqual({ offset: 0, message: `at byte 0: the file is ${MAX_CAPTURE_BYTES + 1} bytes, above the limit of ${MAX_CAPTURE_BYTES} bytes` });
  });
});

describe("pcap", () => {
  it("truncated file header", () => {
    expect(failure(PCAP.slice(0, 14))).toEqual({ offset: 0, message: "at byte 0: file ends inside the pcap file header: 14 of its 24 bytes" });
  });

  it("truncated record header", () => {
    expect(failure(PCAP.slice(0, 31))).toEqual({ offset: 24, message: "at byte 24: file ends inside the record header of frame 1: 7 of its 16 bytes" });
  });

  it("truncated frame", () => {
    expect(failure(PCAP.slice(0, 70))).toEqual({
      offset: 24,
      message: "at byte 24: file ends inside frame 1: its 54 bytes would end at byte 94, the file at byte 70",
    });
  });

  it("a captured length above 262144", () => {
    const bytes = setLe32(setLe32(PCAP.slice(), 32, 300000), 36, 300000);
    expect(failure(bytes)).toEqual({ offset: 32, message: "at byte 32: frame 1 claims 300000 captured bytes, above the largest frame of 262144" });
  });

  it("a captured length above the original length", () => {
    expect(failure(setLe32(PCAP.slice(), 36, 50))).toEqual({ offset: 32, message: "at byte 32: frame 1 claims 54 captured bytes, more than its original length 50" });
  });

  it("an unknown link type", () => {
    expect(failure(pcapFile(147, [FRAME]))).toEqual({
      offset: 20,
      message: "at byte 20: link type 147 is not one SynAck reads (known: 0, 1, 12, 14, 101, 108, 113, 228, 229, 276)",
    });
  });

  it("a version other than 2", () => {
    const bytes = PCAP.slice();
    bytes[4] = 3;
    expect(failure(bytes)).toEqual({ offset: 4, message: "at byte 4: pcap version 3.4 is not 2.x" });
  });

  it("the second frame's problem names frame 2", () => {
    const bytes = pcapFile(1, [FRAME, FRAME]);
    expect(failure(bytes.slice(0, bytes.length - 1)).message).toBe("at byte 94: file ends inside frame 2: its 54 bytes would end at byte 164, the file at byte 163");
  });
});

describe("pcapng", () => {
  it("reads the sound file these cases break", () => {
    expect(readCapture(PCAPNG).segments).toHaveLength(1);
  });

  it("block length not a multiple of 4", () => {
    expect(failure(setLe32(PCAPNG.slice(), 32, 7))).toEqual({ offset: 32, message: "at byte 32: pcapng block length 7 is not a multiple of 4" });
  });

  it("block length below 12", () => {
    expect(failure(setLe32(PCAPNG.slice(), 32, 8))).toEqual({ offset: 32, message: "at byte 32: pcapng block length 8 is below the minimum of 12" });
  });

  it("block length past the end of the file", () => {
    expect(failure(setLe32(PCAPNG.slice(), 32, 1000))).toEqual({
      offset: 32,
      message: `at byte 32: pcapng block length 1000 runs past the end of the file: it would end at byte 1028, the file at byte ${PCAPNG.length}`,
    });
  });

  it("trailing length differs from the leading one", () => {
    expect(failure(setLe32(PCAPNG.slice(), 44, 24))).toEqual({ offset: 44, message: "at byte 44: pcapng block's trailing length 24 differs from its leading length 20" });
  });

  it("file ends inside a block header", () => {
    expect(failure(PCAPNG.slice(0, 33))).toEqual({ offset: 28, message: "at byte 28: file ends inside a pcapng block header: 5 bytes left, a block needs at least 12" });
  });

  it("an enhanced packet naming an interface that does not exist", () => {
    const bytes = pcapngFile(sectionHeader(), interfaceDescription(1), enhancedPacket(2, FRAME));
    expect(failure(bytes)).toEqual({ offset: 56, message: "at byte 56: frame 1 names interface 2, but the section describes 0 to 0" });
  });

  it("a simple packet before any interface", () => {
    expect(failure(pcapngFile(sectionHeader(), simplePacket(FRAME)))).toEqual({ offset: 28, message: "at byte 28: frame 1 names interface 0, but the section describes none" });
  });

  it("an unknown link type names the interface", () => {
    const bytes = pcapngFile(sectionHeader(), interfaceDescription(1), interfaceDescription(147));
    expect(failure(bytes)).toEqual({
      offset: 56,
      message: "at byte 56: interface 1 has link type 147, not one SynAck reads (known: 0, 1, 12, 14, 101, 108, 113, 228, 229, 276)",
    });
  });

  it("a bad byte-order magic", () => {
    expect(failure(setLe32(PCAPNG.slice(), 8, 0x12345678))).toEqual({ offset: 8, message: "at byte 8: pcapng byte-order magic is 0x12345678, neither 1a2b3c4d nor its byte-swapped form" });
  });

  it("an enhanced packet whose captured length runs past its block", () => {
    expect(failure(setLe32(setLe32(PCAPNG.slice(), 68, 90), 72, 90))).toEqual({
      offset: 68,
      message: "at byte 68: frame 1's 90 captured bytes run past its block, whose body ends at byte 132",
    });
  });

  it("an option running past its block", () => {
    const badOption = block(1, [1, 0, 0, 0, ...le32(0), 9, 0, 40, 0]);
    expect(failure(pcapngFile(sectionHeader(), badOption))).toEqual({ offset: 44, message: "at byte 44: option 9 of 40 bytes runs past the end of its block's body at byte 48" });
  });

  it("a block too short for its kind", () => {
    expect(failure(pcapngFile(sectionHeader(), block(1, [1, 0, 0, 0])))).toEqual({ offset: 32, message: "at byte 32: interface description block length 16 is below its minimum of 20" });
  });
});
