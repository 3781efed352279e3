import { hexBytes, u32 } from "./bytes";
import { CaptureError } from "./capture-error";
import { isPcapMagic, readPcap } from "./pcap";
import { PCAPNG_SECTION_HEADER, readPcapng } from "./pcapng";
import { MAX_CAPTURE_BYTES, type Capture } from "./types";

const KNOWN_MAGICS =
  "pcap d4 c3 b2 a1 or a1 b2 c3 d4, nanosecond pcap 4d 3c b2 a1 or a1 b2 3c 4d, pcapng 0a 0d 0d 0a";

/**
 * Reads a pcap or pcapng file, told apart by its first 4 bytes. The same code runs in
 * Node and in the browser (Uint8Array only). Whatever the bytes, it returns a Capture or
 * throws a CaptureError naming the offset; the work is linear in the file's size.
 */
export function readCapture(bytes: Uint8Array, options: { maxBytes?: number } = {}): Capture {
  const limit = options.maxBytes ?? MAX_CAPTURE_BYTES;
  if (bytes.length > limit) throw new CaptureError(0, `the file is ${bytes.length} bytes, above the limit of ${limit} bytes`);
  if (bytes.length < 4) throw new CaptureError(0, `the file is ${bytes.length} bytes, too short for the 4-byte magic number of a capture`);
  if (isPcapMagic(bytes)) return readPcap(bytes);
  if (u32(bytes, 0, true) === PCAPNG_SECTION_HEADER) return readPcapng(bytes);
  const first = hexBytes(bytes, 0, 4);
  const hint = bytes[0] === 0x1f && bytes[1] === 0x8b ? " (this is gzip: decompress it first)" : "";
  throw new CaptureError(0, `the first 4 bytes ${first} are not a capture's magic number${hint}; known: ${KNOWN_MAGICS}`);
}
