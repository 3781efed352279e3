import { u16, u32 } from "./bytes";
import { CaptureError } from "./capture-error";
import { FrameCollector, MAX_FRAME_BYTES } from "./frame-collector";
import { KNOWN_LINK_TYPE_NUMBERS, linkTypeOf } from "./link-layer";
import type { Capture, LinkType } from "./types";

/**
 * pcapng (draft-ietf-opsawg-pcapng): a file of blocks, each framed by its total length
 * before and after the body. A Section Header Block starts each section and fixes its
 * byte order; Interface Description Blocks number the section's interfaces from 0, each
 * with its own link type and timestamp resolution; Enhanced (and the older obsolete) Packet
 * Blocks name their interface, Simple Packet Blocks belong to interface 0. Other blocks
 * (name resolution, statistics, custom) are skipped by their length.
 * Interfaces are numbered across the whole file in the Capture: a second section's
 * interface 0 follows the first section's last interface.
 */
export const PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const INTERFACE_DESCRIPTION = 1;
const OBSOLETE_PACKET = 2;
const SIMPLE_PACKET = 3;
const ENHANCED_PACKET = 6;

interface Interface {
  linkCode: number;
  snapLength: number;
  /** Timestamp units per second (if_tsresol; 10^6 when absent). */
  unitsPerSecond: bigint;
  /** Seconds added to every timestamp (if_tsoffset). */
  secondsOffset: bigint;
}

interface Block {
  at: number;
  type: number;
  length: number;
  little: boolean;
}

class PcapngReader {
  private little = true;
  private firstLittle: boolean | null = null;
  private interfaces: Interface[] = [];
  private base = 0;
  private lastTime = 0;
  private readonly linkTypes: LinkType[] = [];
  private finePrecision = false;
  private readonly collector = new FrameCollector();

  constructor(private readonly bytes: Uint8Array) {}

  read(): Capture {
    let at = 0;
    while (at < this.bytes.length) {
      const block = this.frame(at);
      this.readBlock(block);
      at += block.length;
    }
    return {
      format: "pcapng",
      byteOrder: this.firstLittle === false ? "big" : "little",
      precision: this.finePrecision ? "ns" : "us",
      linkTypes: this.linkTypes,
      frames: this.collector.frames,
      segments: this.collector.segments,
      skipped: this.collector.skipped,
    };
  }

  /** Checks a block's framing: the lengths before and after agree and the block fits in the file. */
  private frame(at: number): Block {
    const left = this.bytes.length - at;
    if (left < 12) throw new CaptureError(at, `file ends inside a pcapng block header: ${left} bytes left, a block needs at least 12`);
    const type = u32(this.bytes, at, this.little);
    if (type === PCAPNG_SECTION_HEADER) this.little = this.sectionByteOrder(at);
    const length = u32(this.bytes, at + 4, this.little);
    if (length % 4 !== 0) throw new CaptureError(at + 4, `pcapng block length ${length} is not a multiple of 4`);
    if (length < 12) throw new CaptureError(at + 4, `pcapng block length ${length} is below the minimum of 12`);
    if (length > left) {
      throw new CaptureError(at + 4, `pcapng block length ${length} runs past the end of the file: it would end at byte ${at + length}, the file at byte ${this.bytes.length}`);
    }
    const trailing = u32(this.bytes, at + length - 4, this.little);
    if (trailing !== length) {
      throw new CaptureError(at + length - 4, `pcapng block's trailing length ${trailing} differs from its leading length ${length}`);
    }
    return { at, type, length, little: this.little };
  }

  private sectionByteOrder(at: number): boolean {
    const magic = u32(this.bytes, at + 8, true);
    if (magic === BYTE_ORDER_MAGIC) return true;
    if (magic === 0x4d3c2b1a) return false;
    throw new CaptureError(at + 8, `pcapng byte-order magic is 0x${magic.toString(16).padStart(8, "0")}, neither 1a2b3c4d nor its byte-swapped form`);
  }

  private readBlock(block: Block): void {
    if (block.type === PCAPNG_SECTION_HEADER) this.section(block);
    else if (block.type === INTERFACE_DESCRIPTION) this.interfaceDescription(block);
    else if (block.type === ENHANCED_PACKET || block.type === OBSOLETE_PACKET) this.packet(block);
    else if (block.type === SIMPLE_PACKET) this.simplePacket(block);
  }

  private section({ at, length, little }: Block): void {
    requireLength(at, length, 28, "section header block");
    const major = u16(this.bytes, at + 12, little);
    if (major !== 1) throw new CaptureError(at + 12, `pcapng version ${major}.${u16(this.bytes, at + 14, little)} is not 1.x`);
    this.firstLittle ??= little;
    this.base += this.interfaces.length;
    this.interfaces = [];
  }

  private interfaceDescription({ at, length, little }: Block): void {
    requireLength(at, length, 20, "interface description block");
    const linkCode = u16(this.bytes, at + 8, little);
    const linkType = linkTypeOf(linkCode);
    if (!linkType) {
      throw new CaptureError(at + 8, `interface ${this.base + this.interfaces.length} has link type ${linkCode}, not one SynAck reads (known: ${KNOWN_LINK_TYPE_NUMBERS.join(", ")})`);
    }
    const found: Interface = { linkCode, snapLength: u32(this.bytes, at + 12, little), unitsPerSecond: 1_000_000n, secondsOffset: 0n };
    for (const option of readOptions(this.bytes, at + 16, at + length - 4, little)) {
      if (option.code === 9 && option.length === 1) found.unitsPerSecond = resolution(this.bytes[option.at] ?? 6);
      if (option.code === 14 && option.length === 8) found.secondsOffset = int64(this.bytes, option.at, little);
    }
    if (found.unitsPerSecond > 1_000_000n) this.finePrecision = true;
    this.interfaces.push(found);
    this.linkTypes.push(linkType);
  }

  /** Enhanced Packet Block, and the obsolete Packet Block, which has the same layout with a 16-bit interface id. */
  private packet({ at, type, length, little }: Block): void {
    requireLength(at, length, 32, type === ENHANCED_PACKET ? "enhanced packet block" : "packet block");
    const id = type === ENHANCED_PACKET ? u32(this.bytes, at + 8, little) : u16(this.bytes, at + 8, little);
    const found = this.interfaceAt(at + 8, id);
    const captured = u32(this.bytes, at + 20, little);
    const original = u32(this.bytes, at + 24, little);
    this.checkCaptured(at + 20, captured, original, at + 28, at + length - 4);
    const stamp = (BigInt(u32(this.bytes, at + 12, little)) << 32n) | BigInt(u32(this.bytes, at + 16, little));
    this.lastTime = seconds(stamp, found);
    this.collector.add(this.bytes.subarray(at + 28, at + 28 + captured), found.linkCode, little, { offset: at, time: this.lastTime, interfaceId: this.base + id });
  }

  /** Simple Packet Block: interface 0, no timestamp (it keeps the previous packet's time), captured length by the snap length. */
  private simplePacket({ at, length, little }: Block): void {
    requireLength(at, length, 16, "simple packet block");
    const found = this.interfaceAt(at, 0);
    const original = u32(this.bytes, at + 8, little);
    const room = length - 16;
    const captured = Math.min(original, room, found.snapLength > 0 ? found.snapLength : room);
    this.checkCaptured(at + 8, captured, original, at + 12, at + length - 4);
    this.collector.add(this.bytes.subarray(at + 12, at + 12 + captured), found.linkCode, little, { offset: at, time: this.lastTime, interfaceId: this.base });
  }

  private interfaceAt(offset: number, id: number): Interface {
    const found = this.interfaces[id];
    if (found) return found;
    const described = this.interfaces.length === 0 ? "none" : `0 to ${this.interfaces.length - 1}`;
    throw new CaptureError(offset, `frame ${this.collector.frames + 1} names interface ${id}, but the section describes ${described}`);
  }

  private checkCaptured(offset: number, captured: number, original: number, dataStart: number, bodyEnd: number): void {
    const frame = this.collector.frames + 1;
    if (captured > MAX_FRAME_BYTES) {
      throw new CaptureError(offset, `frame ${frame} claims ${captured} captured bytes, above the largest frame of ${MAX_FRAME_BYTES}`);
    }
    if (captured > original) {
      throw new CaptureError(offset, `frame ${frame} claims ${captured} captured bytes, more than its original length ${original}`);
    }
    if (dataStart + captured > bodyEnd) {
      throw new CaptureError(offset, `frame ${frame}'s ${captured} captured bytes run past its block, whose body ends at byte ${bodyEnd}`);
    }
  }
}

function requireLength(at: number, length: number, minimum: number, name: string): void {
  if (length < minimum) throw new CaptureError(at + 4, `${name} length ${length} is below its minimum of ${minimum}`);
}

interface BlockOption {
  code: number;
  length: number;
  at: number;
}

/** Options: code and length (2 bytes each), the value padded to 4 bytes, until opt_endofopt (0) or the body's end. */
function readOptions(bytes: Uint8Array, start: number, end: number, little: boolean): BlockOption[] {
  const options: BlockOption[] = [];
  let at = start;
  while (at + 4 <= end) {
    const code = u16(bytes, at, little);
    if (code === 0) break;
    const length = u16(bytes, at + 2, little);
    if (at + 4 + length > end) {
      throw new CaptureError(at, `option ${code} of ${length} bytes runs past the end of its block's body at byte ${end}`);
    }
    options.push({ code, length, at: at + 4 });
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return options;
}

/** if_tsresol: a power of 10, or of 2 when the top bit is set. */
function resolution(value: number): bigint {
  return value & 0x80 ? 2n ** BigInt(value & 0x7f) : 10n ** BigInt(value);
}

function int64(bytes: Uint8Array, at: number, little: boolean): bigint {
  const high = BigInt(u32(bytes, little ? at + 4 : at, little));
  const low = BigInt(u32(bytes, little ? at : at + 4, little));
  return BigInt.asIntN(64, (high << 32n) | low);
}

function seconds(stamp: bigint, found: Interface): number {
  const whole = stamp / found.unitsPerSecond + found.secondsOffset;
  return Number(whole) + Number(stamp % found.unitsPerSecond) / Number(found.unitsPerSecond);
}

export function readPcapng(bytes: Uint8Array): Capture {
  return new PcapngReader(bytes).read();
}
