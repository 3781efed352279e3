import { be16, be32, u8 } from "./bytes";
import type { TcpOption } from "./types";

/**
 * TCP options (RFC 9293 section 3.1, "Options"; RFC 7323 for window scale and timestamps,
 * RFC 2018 for SACK). End of Option List stops the list and No-Operation is padding,
 * so neither is kept. A known kind with the wrong length is kept as unknown, as Linux
 * ignores it (net/ipv4/tcp_input.c, tcp_parse_options). A length below 2 or running past
 * the header stops parsing: the options read so far are kept, the rest cannot be trusted.
 */
export function parseTcpOptions(bytes: Uint8Array): TcpOption[] {
  const options: TcpOption[] = [];
  let at = 0;
  while (at < bytes.length) {
    const kind = u8(bytes, at);
    if (kind === 0) break;
    if (kind === 1) {
      at += 1;
      continue;
    }
    if (at + 1 >= bytes.length) break;
    const length = u8(bytes, at + 1);
    if (length < 2 || at + length > bytes.length) break;
    options.push(decodeOption(kind, bytes.subarray(at + 2, at + length), length));
    at += length;
  }
  return options;
}

function decodeOption(kind: number, value: Uint8Array, length: number): TcpOption {
  if (kind === 2 && length === 4) return { kind: "mss", value: be16(value, 0) };
  if (kind === 3 && length === 3) return { kind: "window-scale", shift: u8(value, 0) };
  if (kind === 4 && length === 2) return { kind: "sack-permitted" };
  if (kind === 5 && length > 2 && (length - 2) % 8 === 0) {
    const blocks: [number, number][] = [];
    for (let at = 0; at < value.length; at += 8) blocks.push([be32(value, at), be32(value, at + 4)]);
    return { kind: "sack", blocks };
  }
  if (kind === 8 && length === 10) return { kind: "timestamps", value: be32(value, 0), echo: be32(value, 4) };
  return { kind: "unknown", type: kind, length };
}
