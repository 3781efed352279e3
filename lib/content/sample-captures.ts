import { readCapture } from "../capture";
import { replayCapture } from "../capture/replay-capture";
import type { ContentFile } from "./content-model";

/*
 * The sample captures in content/captures, as the content check sees them:
 * a quiz's capture slot must name a sample that exists ("sample:<file>")
 * and a connection the sample has. Each sample named is read once. Uploads
 * ("upload:<id>") live in the database; the builder checks those.
 */
export class SampleCaptures {
  private readonly bytes = new Map<string, Uint8Array>();
  private readonly connections = new Map<string, number | string>();

  constructor(files: readonly ContentFile[]) {
    for (const file of files) if (file.bytes) this.bytes.set(file.path.split(/[\\/]/).pop()!, file.bytes);
  }

  /** What is wrong with a slot naming `capture` and `connection`, with the field to report it at, or null. */
  problem(capture: string, connection: number): { field: "capture" | "connection"; message: string } | null {
    if (!capture.startsWith("sample:")) return null;
    const name = capture.slice("sample:".length);
    const bytes = this.bytes.get(name);
    if (!bytes) {
      const known = [...this.bytes.keys()].sort().join(", ") || "none";
      return { field: "capture", message: `no sample capture "${name}" in content/captures; samples: ${known}` };
    }
    const count = this.connectionCount(name, bytes);
    if (typeof count === "string") return { field: "capture", message: `${name} cannot be read: ${count}` };
    if (connection > count) return { field: "connection", message: `${name} has ${count} TCP connection${count === 1 ? "" : "s"}, no connection ${connection}` };
    return null;
  }

  private connectionCount(name: string, bytes: Uint8Array): number | string {
    let count = this.connections.get(name);
    if (count === undefined) {
      try {
        count = replayCapture(readCapture(bytes)).connections.length;
      } catch (error) {
        count = error instanceof Error ? error.message : String(error);
      }
      this.connections.set(name, count);
    }
    return count;
  }
}
