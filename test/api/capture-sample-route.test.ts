import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/learn/capture/samples/[file]/route";
import { readCapture } from "@/lib/capture";
import { SAMPLE_CAPTURES } from "@/lib/learn/capture-samples";
import { ORIGIN } from "./route-harness";

vi.mock("server-only", () => ({}));

/*
 * GET /learn/capture/samples/:file serves the shipped samples by exact name
 * and nothing else: a traversal, an encoded one, another file of the folder
 * or an unknown name is a 404 with a JSON error naming the field, never a 500
 * and never a file's bytes. Next hands the handler the decoded segment, so
 * the cases are given as Next would pass them.
 */

async function get(file: string) {
  const response = await GET(new Request(`${ORIGIN}/learn/capture/samples/${encodeURIComponent(file)}`), { params: Promise.resolve({ file }) });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("GET /learn/capture/samples/:file", () => {
  it.each(SAMPLE_CAPTURES)("%s: its bytes, with its media type and cache headers, readable as a capture", async (name) => {
    const { response, bytes } = await get(name);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(name.endsWith(".pcapng") ? "application/x-pcapng" : "application/vnd.tcpdump.pcap");
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(Number(response.headers.get("content-length"))).toBe(bytes.byteLength);
    expect(bytes).toEqual(new Uint8Array(readFileSync(`content/captures/${name}`)));
    expect(readCapture(bytes).segments.length).toBeGreaterThan(0);
  });

  const refused = [
    "..",
    "../package.json",
    "../../prisma/schema.prisma",
    "..%2fpackage.json",
    "%2e%2e%2fpackage.json",
    "..\\package.json",
    "/etc/passwd",
    "README.md",
    "raw-ip.pcap/..",
    "raw-ip.pcap\u0000.txt",
    "RAW-IP.PCAP",
    " raw-ip.pcap",
    "no-such.pcap",
    "",
    "x".repeat(5000),
  ];
  it.each(refused)("%j: 404 with a JSON error naming the file, no bytes of any file", async (name) => {
    const { response, bytes } = await get(name);
    expect(response.status).toBe(404);
    const body = JSON.parse(new TextDecoder().decode(bytes)) as { error: string; fields: Record<string, string> };
    expect(body.error).toMatch(/no sample capture/);
    expect(Object.keys(body.fields)).toEqual(["file"]);
  });
});
