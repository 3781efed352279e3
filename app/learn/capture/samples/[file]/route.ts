import { jsonError, handled } from "@/lib/server/api-response";
import { captureContentType, findSampleCapture } from "@/lib/learn/capture-samples";
import { readSampleCapture } from "@/lib/server/capture-samples";

/*
 * GET /learn/capture/samples/:file: one of the sample captures, by its exact
 * name, for the page to read in the browser. Anything else (another file,
 * `..`, an encoded slash) is a 404: the name is looked up in a list, never
 * joined to a path.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  return handled("GET /learn/capture/samples/[file]", async () => {
    const { file } = await params;
    const sample = findSampleCapture(file);
    if (!sample) return jsonError(404, "no sample capture by that name", { file: "not one of the sample captures" });
    const bytes = await readSampleCapture(sample);
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": captureContentType(sample),
        "content-length": String(bytes.byteLength),
        // The samples change only with a new release of the app: a day in any cache, then asked again.
        "cache-control": "public, max-age=86400",
        "content-disposition": `inline; filename="${sample}"`,
      },
    });
  });
}
