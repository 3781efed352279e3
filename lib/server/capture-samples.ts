import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SampleCapture } from "../learn/capture-samples";

/** A shipped sample's bytes. Only names from SAMPLE_CAPTURES reach here, so no request path ever becomes a file path. */
export async function readSampleCapture(name: SampleCapture): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(process.cwd(), "content", "captures", name)));
}
