import { readCapture } from "../capture";
import { replayCapture, type CaptureReplay } from "../capture/replay-capture";
import type { ConnectionReplay } from "../capture/replay-connection";
import type { BilingualText } from "../content";
import type { ProfileName } from "../tcp";
import type { QuestionContext } from "./context";
import { captureQuestion } from "./generators/capture-questions";
import type { Question } from "./question";

/*
 * Questions "from this capture": a quiz names a capture ("sample:<file>" or
 * "upload:<id>") and the context carries its bytes. A capture is read and
 * replayed once per bytes object and profile (the replay is a pure function
 * of the two), so every question of an attempt shares one replay.
 */

const replays = new WeakMap<Uint8Array, Map<ProfileName, CaptureReplay | null>>();

/** The replay of the named capture, or null when the context lacks it or its bytes no longer read. */
export function replayNamedCapture(context: QuestionContext, name: string, profile: ProfileName): CaptureReplay | null {
  const bytes = context.captures?.get(name);
  if (!bytes) return null;
  let byProfile = replays.get(bytes);
  if (!byProfile) replays.set(bytes, (byProfile = new Map()));
  if (!byProfile.has(profile)) {
    let replay: CaptureReplay | null;
    try {
      replay = replayCapture(readCapture(bytes), profile);
    } catch {
      // A stored capture was checked when it came in; one that no longer reads asks nothing.
      replay = null;
    }
    byProfile.set(profile, replay);
  }
  return byProfile.get(profile)!;
}

/** Connection `connection` (from 1) of the named capture, replayed with `profile`. */
export function captureConnection(context: QuestionContext, name: string, connection: number, profile: ProfileName): ConnectionReplay | null {
  return replayNamedCapture(context, name, profile)?.connections[connection - 1] ?? null;
}

/** How a prompt names the capture: the sample's file, or the upload's original name when the context knows it. */
export function captureLabel(context: QuestionContext, name: string, connection: number): BilingualText {
  const colon = name.indexOf(":");
  const file = context.captureNames?.get(name) ?? name.slice(colon + 1);
  return name.startsWith("sample:")
    ? { zh: `样例 ${file}，连接 ${connection}`, en: `sample ${file}, connection ${connection}` }
    : { zh: `${file}，连接 ${connection}`, en: `${file}, connection ${connection}` };
}

export interface CaptureRefParts {
  capture: string;
  connection: number;
  seed: number;
  profile: ProfileName;
}

/** The id a capture question is shown and answered under: stable for the same capture, connection, seed and profile. */
export function captureQuestionId(ref: CaptureRefParts): string {
  return `capture-${ref.capture}-${ref.connection}-${ref.profile}-${(ref.seed >>> 0).toString(36)}`;
}

/** The question a capture reference names, or null when the capture or connection is missing or offers nothing to ask. */
export function captureRefQuestion(ref: CaptureRefParts, context: QuestionContext): Question | null {
  const replay = captureConnection(context, ref.capture, ref.connection, ref.profile);
  if (!replay) return null;
  return captureQuestion(replay, ref.seed >>> 0, captureLabel(context, ref.capture, ref.connection), ref.profile, captureQuestionId(ref));
}
