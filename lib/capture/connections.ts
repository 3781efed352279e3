import { hasFlag } from "../tcp";
import type { CapturedSegment } from "./types";

/** One end of a connection as the capture names it. */
export interface CaptureEndpoint {
  addr: string;
  port: number;
}

/**
 * One connection: the segments of one four-tuple from a SYN to the end of
 * that connection. `client` sent the first SYN; without a SYN in the capture
 * (it began mid-connection) the side with the higher port is taken for the
 * client, as ports below it are usually the well-known or registered ones.
 */
export interface CaptureConnection {
  /** 1-based, in the order connections first appear in the file. */
  index: number;
  client: CaptureEndpoint;
  server: CaptureEndpoint;
  /** How the client was told: by the first SYN, or guessed from the ports. */
  roleFrom: "syn" | "ports";
  segments: CapturedSegment[];
}

function endpointKey(addr: string, port: number): string {
  return addr.includes(":") ? `[${addr}]:${port}` : `${addr}:${port}`;
}

function tupleKey(segment: CapturedSegment): string {
  const a = endpointKey(segment.src, segment.srcPort);
  const b = endpointKey(segment.dst, segment.dstPort);
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

interface OpenGroup {
  connection: CaptureConnection;
  /** Sequence numbers of the SYNs (without ACK) that opened it: a SYN with one of these is a retransmission. */
  synSeqs: Set<number>;
  /** A RST was seen, or a FIN from each side: a new SYN now opens a new connection. */
  finished: boolean;
  finFrom: Set<string>;
}

/**
 * Groups segments into connections by four-tuple. A SYN without ACK on a
 * four-tuple whose connection has ended (a reset, or a FIN each way) opens a
 * new connection, as a new SYN reopens a TIME_WAIT connection (RFC 9293 3.6.1;
 * Linux: net/ipv4/tcp_minisocks.c, tcp_timewait_state_process). A SYN with a
 * sequence number already seen is a retransmission of the same opening.
 */
export function groupConnections(segments: readonly CapturedSegment[]): CaptureConnection[] {
  const open = new Map<string, OpenGroup>();
  const connections: CaptureConnection[] = [];
  for (const segment of segments) {
    const key = tupleKey(segment);
    const isSyn = hasFlag(segment.flags, "SYN") && !hasFlag(segment.flags, "ACK");
    let group = open.get(key);
    if (group && isSyn && group.finished && !group.synSeqs.has(segment.seq)) group = undefined;
    if (!group) {
      group = { connection: newConnection(connections.length + 1, segment, isSyn), synSeqs: new Set(), finished: false, finFrom: new Set() };
      connections.push(group.connection);
      open.set(key, group);
    }
    if (isSyn) group.synSeqs.add(segment.seq);
    group.connection.segments.push(segment);
    if (hasFlag(segment.flags, "RST")) group.finished = true;
    if (hasFlag(segment.flags, "FIN")) {
      group.finFrom.add(endpointKey(segment.src, segment.srcPort));
      if (group.finFrom.size === 2) group.finished = true;
    }
  }
  return connections;
}

function newConnection(index: number, first: CapturedSegment, isSyn: boolean): CaptureConnection {
  const source = { addr: first.src, port: first.srcPort };
  const destination = { addr: first.dst, port: first.dstPort };
  if (isSyn) return { index, client: source, server: destination, roleFrom: "syn", segments: [] };
  // A SYN+ACK first: its receiver sent the SYN before the capture began.
  if (hasFlag(first.flags, "SYN")) return { index, client: destination, server: source, roleFrom: "syn", segments: [] };
  const sourceIsClient = first.srcPort > first.dstPort;
  return { index, client: sourceIsClient ? source : destination, server: sourceIsClient ? destination : source, roleFrom: "ports", segments: [] };
}

/** Which side of the connection sent a segment. */
export function senderOf(connection: CaptureConnection, segment: CapturedSegment): "client" | "server" {
  return segment.src === connection.client.addr && segment.srcPort === connection.client.port ? "client" : "server";
}
