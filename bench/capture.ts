import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { readCapture } from "../lib/capture";
import { replayCapture } from "../lib/capture/replay-capture";
import { median } from "./stats";

/*
 * How fast a capture is read and replayed, in this process: a synthetic pcap
 * of 1,000 connections and 100,000 segments (about 12 MB), built in memory.
 * Part of `npm run bench`; `npm run bench -- --only capture` or
 * `npx tsx bench/capture.ts` prints the figures alone.
 */

export interface CaptureFigures {
  /** The synthetic file's size and contents. */
  bytes: number;
  connections: number;
  segments: number;
  /** readCapture on the file, the median of three runs. */
  read_ms: number;
  read_mb_per_s: number;
  /** replayCapture (linux profile) on what was read, the median of three runs. */
  replay_ms: number;
  replay_segments_per_s: number;
}

const ETHERNET = 14;
const IPV4 = 20;
const TCP = 20;
const PAYLOAD = 50;

interface Segment {
  client: boolean;
  flags: number;
  seq: number;
  ack: number;
  len: number;
}

const FIN = 0x01;
const SYN = 0x02;
const PSH = 0x08;
const ACK = 0x10;

/** One connection: handshake, `exchanges` data segments of `payload` bytes each acknowledged, then the client closes first (100 segments for 47). */
function connectionSegments(exchanges: number, payload: number): Segment[] {
  const c = 1_000_000;
  const s = 4_000_000_000;
  const segments: Segment[] = [
    { client: true, flags: SYN, seq: c, ack: 0, len: 0 },
    { client: false, flags: SYN | ACK, seq: s, ack: c + 1, len: 0 },
    { client: true, flags: ACK, seq: c + 1, ack: s + 1, len: 0 },
  ];
  let sent = 1;
  for (let i = 0; i < exchanges; i++) {
    segments.push({ client: true, flags: PSH | ACK, seq: c + sent, ack: s + 1, len: payload });
    sent += payload;
    segments.push({ client: false, flags: ACK, seq: s + 1, ack: c + sent, len: 0 });
  }
  segments.push(
    { client: true, flags: FIN | ACK, seq: c + sent, ack: s + 1, len: 0 },
    { client: false, flags: FIN | ACK, seq: s + 1, ack: c + sent + 1, len: 0 },
    { client: true, flags: ACK, seq: c + sent + 1, ack: s + 2, len: 0 },
  );
  return segments.map((segment) => ({ ...segment, seq: segment.seq % 2 ** 32, ack: segment.ack % 2 ** 32 }));
}

/**
 * A little-endian, microsecond pcap (LINKTYPE_ETHERNET) of `connections` connections on 127.0.0.1, one after another.
 * `payload`: bytes in each data segment (at most 65,495, what an IPv4 packet holds); large ones make a large file of few segments.
 */
export function syntheticCapture(connections = 1000, exchanges = 47, payload = PAYLOAD): Uint8Array {
  if (!Number.isInteger(payload) || payload < 0 || payload > 65_535 - IPV4 - TCP) throw new Error(`syntheticCapture: payload ${payload} does not fit an IPv4 packet`);
  const template = connectionSegments(exchanges, payload);
  const frameBytes = (len: number) => 16 + ETHERNET + IPV4 + TCP + len;
  const total = 24 + connections * template.reduce((sum, segment) => sum + frameBytes(segment.len), 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, 1, true);
  let at = 24;
  let micros = 0;
  for (let index = 0; index < connections; index++) {
    const clientPort = 20000 + index;
    for (const segment of template) {
      micros += 100;
      const frame = ETHERNET + IPV4 + TCP + segment.len;
      view.setUint32(at, 1_700_000_000 + Math.floor(micros / 1e6), true);
      view.setUint32(at + 4, micros % 1e6, true);
      view.setUint32(at + 8, frame, true);
      view.setUint32(at + 12, frame, true);
      const eth = at + 16;
      view.setUint16(eth + 12, 0x0800);
      const ip = eth + ETHERNET;
      view.setUint8(ip, 0x45);
      view.setUint16(ip + 2, IPV4 + TCP + segment.len);
      view.setUint16(ip + 4, (micros / 100) & 0xffff);
      view.setUint8(ip + 8, 64);
      view.setUint8(ip + 9, 6);
      bytes.set([127, 0, 0, 1], ip + 12);
      bytes.set([127, 0, 0, 1], ip + 16);
      const tcp = ip + IPV4;
      view.setUint16(tcp, segment.client ? clientPort : 80);
      view.setUint16(tcp + 2, segment.client ? 80 : clientPort);
      view.setUint32(tcp + 4, segment.seq);
      view.setUint32(tcp + 8, segment.ack);
      view.setUint8(tcp + 12, (TCP / 4) << 4);
      view.setUint8(tcp + 13, segment.flags);
      view.setUint16(tcp + 14, 65535);
      at += 16 + frame;
    }
  }
  return bytes;
}

export function measureCapture(): CaptureFigures {
  const bytes = syntheticCapture();
  const reads: number[] = [];
  const replays: number[] = [];
  replayCapture(readCapture(syntheticCapture(50)));
  let capture = readCapture(bytes);
  let replay = replayCapture(capture);
  // A figure for the wrong work is worse than none: every connection must replay to the end.
  const ended = replay.connections.filter((c) => c.endpoints[0].states.join(" ") === "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED").length;
  if (capture.segments.length !== 100_000 || ended !== 1000) throw new Error(`synthetic capture: ${capture.segments.length} segments, ${ended} of ${replay.connections.length} connections closed normally`);
  for (let run = 0; run < 3; run++) {
    let start = performance.now();
    capture = readCapture(bytes);
    reads.push(performance.now() - start);
    start = performance.now();
    replay = replayCapture(capture);
    replays.push(performance.now() - start);
  }
  const readMs = median(reads);
  const replayMs = median(replays);
  return {
    bytes: bytes.length,
    connections: replay.connections.length,
    segments: capture.segments.length,
    read_ms: Math.round(readMs),
    read_mb_per_s: Math.round((bytes.length / 1e6 / (readMs / 1000)) * 10) / 10,
    replay_ms: Math.round(replayMs),
    replay_segments_per_s: Math.round(capture.segments.length / (replayMs / 1000)),
  };
}

export function captureRows(figures: CaptureFigures): [string, string][] {
  return [
    ["capture.read_ms", `${figures.read_ms} ms for ${(figures.bytes / 1e6).toFixed(1)} MB (${figures.read_mb_per_s} MB/s)`],
    ["capture.replay_ms", `${figures.replay_ms} ms for ${figures.segments} segments in ${figures.connections} connections (${figures.replay_segments_per_s} segments/s)`],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const [key, value] of captureRows(measureCapture())) console.log(`${key.padEnd(18)} ${value}`);
}
