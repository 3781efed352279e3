import type { ProfileName } from "../tcp";
import { groupConnections } from "./connections";
import { replayConnection, type ConnectionReplay } from "./replay-connection";
import type { Capture, CaptureFormat, LinkType } from "./types";

/** Captures are replayed with the linux profile unless asked otherwise: most captures come from Linux hosts. */
export const DEFAULT_CAPTURE_PROFILE: ProfileName = "linux";

export interface CaptureReplay {
  format: CaptureFormat;
  /** The link type of the first interface; `linkTypes` has every interface's. */
  linkType: LinkType | null;
  linkTypes: LinkType[];
  profile: ProfileName;
  frames: number;
  skipped: Capture["skipped"];
  connections: ConnectionReplay[];
}

/** Every TCP connection in a capture, grouped by four-tuple and replayed through both endpoints. */
export function replayCapture(capture: Capture, profile: ProfileName = DEFAULT_CAPTURE_PROFILE): CaptureReplay {
  const fileEnd = capture.segments.reduce((latest, segment) => Math.max(latest, segment.time), Number.NEGATIVE_INFINITY);
  return {
    format: capture.format,
    linkType: capture.linkTypes[0] ?? null,
    linkTypes: capture.linkTypes,
    profile,
    frames: capture.frames,
    skipped: capture.skipped,
    connections: groupConnections(capture.segments).map((connection) => replayConnection(connection, profile, fileEnd)),
  };
}
