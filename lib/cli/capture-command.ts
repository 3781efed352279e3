import { readFileSync, statSync } from "node:fs";
import { CaptureError, MAX_CAPTURE_BYTES, readCapture, type Capture } from "../capture";
import { replayCapture, type CaptureReplay } from "../capture/replay-capture";
import type { ConnectionReplay } from "../capture/replay-connection";
import { hasFlag, type ProfileName } from "../tcp";
import { renderSequenceDiagram } from "../sim";
import { UsageError } from "./run-cli";

/**
 * `npm run -s tcp -- capture FILE [--profile P] [--connection N] [--json]`:
 * a pcap or pcapng file replayed through both endpoints of every TCP
 * connection in it. A file that cannot be opened is a usage mistake (exit 2,
 * as `import` does); a file that is not a capture SynAck can read is bad data
 * (CaptureFileError, exit 1), reported with the byte offset the reader names.
 */
export class CaptureFileError extends Error {
  override name = "CaptureFileError";
}

export interface CaptureCommandOptions {
  profile: ProfileName;
  /** 1-based; undefined for every connection. */
  connection?: number;
  json: boolean;
}

export function captureCommand(file: string, options: CaptureCommandOptions): string {
  const capture = readCaptureFile(file);
  const replay = replayCapture(capture, options.profile);
  const connections = selectConnections(file, replay, options.connection);
  if (options.json) return JSON.stringify(captureJson(file, replay, connections), null, 2);
  const summary = summaryLine(file, capture, replay);
  if (replay.connections.length === 0) return summary;
  return [summary, ...connections.map((connection) => connectionText(file, replay, connection))].join("\n\n");
}

function readCaptureFile(file: string): Capture {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UsageError(`capture ${file}: a folder, not a capture file`);
    if (!stat.isFile()) throw new UsageError(`capture ${file}: not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`capture ${file}: ${openProblem(error)}`);
  }
  // Refuse before reading: a file of many gigabytes would fill memory first.
  if (size > MAX_CAPTURE_BYTES) throw new CaptureFileError(`capture ${file}: at byte 0: the file is ${size} bytes, above the limit of ${MAX_CAPTURE_BYTES} bytes (32 MiB)`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new UsageError(`capture ${file}: ${openProblem(error)}`);
  }
  try {
    return readCapture(bytes);
  } catch (error) {
    if (error instanceof CaptureError) throw new CaptureFileError(`capture ${file}: ${error.message}`);
    throw error;
  }
}

function openProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "a folder, not a capture file";
  return code ?? "cannot be read";
}

function selectConnections(file: string, replay: CaptureReplay, connection: number | undefined): ConnectionReplay[] {
  if (connection === undefined) return replay.connections;
  const count = replay.connections.length;
  if (connection > count) {
    throw new UsageError(`--connection ${connection}: ${file} has ${count === 0 ? "no TCP connections" : count === 1 ? "1 connection (--connection 1)" : `${count} connections (--connection 1 to ${count})`}`);
  }
  return [replay.connections[connection - 1]!];
}

/** The issue's JSON shape; index, frame, the raw numbers, window and the timer boundary are extra keys. */
function captureJson(file: string, replay: CaptureReplay, connections: ConnectionReplay[]) {
  return {
    file,
    format: replay.format,
    linkType: replay.linkType,
    linkTypes: replay.linkTypes,
    profile: replay.profile,
    frames: replay.frames,
    skipped: replay.skipped,
    connections: connections.map((connection) => ({
      index: connection.index,
      endpoints: connection.endpoints.map(({ addr, port, role, states }) => ({ addr, port, role, states })),
      segments: connection.segments.map(({ n, frame, t, from, flags, seq, ack, len, rawSeq, rawAck, window, notes }) => ({ n, frame, t, from, flags, seq, ack, len, rawSeq, rawAck, window, notes })),
      steps: connection.trace.steps,
      captureEnd: connection.captureEnd,
      timedFrom: connection.timedFrom,
    })),
  };
}

function summaryLine(file: string, capture: Capture, replay: CaptureReplay): string {
  const links = [...new Set(replay.linkTypes)].join(" and ") || "no interface";
  const precision = capture.precision === "ns" ? "nanoseconds" : "microseconds";
  const tcp = replay.connections.length === 0 ? "no TCP segments" : `${capture.segments.length} TCP segment${plural(capture.segments.length)} in ${replay.connections.length} connection${plural(replay.connections.length)}`;
  const skipped = replay.skipped.length === 0 ? "" : `; skipped ${replay.skipped.map((frame) => `frame ${frame.frame} (${frame.reason})`).join(", ")}`;
  return `${file}: ${capture.format}, ${capture.byteOrder}-endian, ${precision}, ${links}; ${capture.frames} frame${plural(capture.frames)}, ${tcp}${skipped}`;
}

function endpointName(addr: string, port: number): string {
  return addr.includes(":") ? `[${addr}]:${port}` : `${addr}:${port}`;
}

function connectionText(file: string, replay: CaptureReplay, connection: ConnectionReplay): string {
  const [client, server] = connection.endpoints;
  const first = connection.segments[0];
  const roles =
    client.role === "simultaneous open" ? "a simultaneous open: both sent a SYN" : first && hasFlag(first.flags, "SYN") ? "roles from the first SYN" : "no SYN in the capture: client guessed as the higher port";
  const title = `connection ${connection.index}: client ${endpointName(client.addr, client.port)} → server ${endpointName(server.addr, server.port)}  (${roles}; ${replay.format}, ${replay.linkType ?? "no link type"}, profile ${replay.profile}; seq and ack relative, as Wireshark shows them)`;
  const diagram = markTimedSteps(renderSequenceDiagram(connection.trace, undefined, title), connection);
  const states = connection.endpoints.map((endpoint, i) => `  ${i === 0 ? "client" : "server"} ${endpointName(endpoint.addr, endpoint.port)}: ${endpoint.states.join(" → ")}`);
  const notes = connection.segments.flatMap((segment) => segment.notes.map((note) => `  #${segment.n} ${note.kind}: ${note.en} [${note.rule}]`));
  return [diagram, "", "states:", ...states, "", "notes:", ...(notes.length > 0 ? notes : ["  none: every segment is what the profile expects"])].join("\n");
}

/**
 * The diagram has one row per step, after four lines of title and header. Steps
 * from `timedFrom` on happen after the last frame: only the profile's timers
 * (TIME_WAIT's 2MSL, FIN_WAIT_2's tcp_fin_timeout) say they happen.
 */
function markTimedSteps(diagram: string, connection: ConnectionReplay): string {
  const steps = connection.trace.steps.length;
  if (connection.timedFrom >= steps) return diagram;
  const lines = diagram.split("\n");
  const firstRow = 4;
  for (let index = connection.timedFrom; index < steps; index++) lines[firstRow + index] += "  (after the capture: by the timer)";
  lines.splice(firstRow + connection.timedFrom, 0, `${"".padStart(8)}  ┄┄ the capture ends at ${connection.captureEnd} ms; below, only the profile's timers reveal the states ┄┄`);
  return lines.join("\n");
}

function plural(count: number): string {
  return count === 1 ? "" : "s";
}
