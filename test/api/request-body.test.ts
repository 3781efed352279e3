import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { readBody, readEmptyBody, readJson, readPathId } from "@/lib/server/request-body";
import { chunkedBody, ORIGIN, post, streamed } from "./route-harness";

vi.mock("server-only", () => ({}));

const schema = z.strictObject({ name: z.string() });

async function refusal(result: { response: Response } | object) {
  expect(result).toHaveProperty("response");
  const response = (result as { response: Response }).response;
  return { status: response.status, body: await response.json() };
}

describe("readBody", () => {
  it("reads a JSON body with or without a UTF-8 charset", async () => {
    expect(await readBody(post("/x", { name: "Ada" }), schema)).toEqual({ data: { name: "Ada" } });
    expect(await readBody(post("/x", { name: "名" }, { "content-type": "Application/JSON; charset=UTF-8" }), schema)).toEqual({ data: { name: "名" } });
  });

  it.each([
    ["text/plain", "text/plain is not accepted: send application/json"],
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded is not accepted: send application/json"],
    ["multipart/form-data; boundary=x", "multipart/form-data is not accepted: send application/json"],
    ["application/json; charset=latin1", "charset latin1 is not accepted: JSON is UTF-8"],
    ["application/jsonp", "application/jsonp is not accepted: send application/json"],
  ])("refuses Content-Type %s with a 415, so a cross-site form cannot post (issue 10)", async (type, message) => {
    expect(await refusal(await readBody(post("/x", { name: "Ada" }, { "content-type": type }), schema))).toEqual({
      status: 415,
      body: { error: "the request body must be JSON", fields: { "content-type": message } },
    });
  });

  it("refuses a body without a Content-Type", async () => {
    const request = new Request(`${ORIGIN}/x`, { method: "POST", body: '{"name":"Ada"}' });
    request.headers.delete("content-type");
    expect((await refusal(await readBody(request, schema))).status).toBe(415);
  });

  it("refuses a lone UTF-16 surrogate, naming where it is (issue 10: a 500 before)", async () => {
    const request = new Request(`${ORIGIN}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"\\ud800"}' });
    expect(await refusal(await readBody(request, schema))).toEqual({
      status: 400,
      body: { error: "the request body is not valid", fields: { name: "must be valid Unicode text (it holds a lone UTF-16 surrogate)" } },
    });
    const nested = new Request(`${ORIGIN}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":[{"b":"ok"},{"\\udc00":1}]}' });
    expect((await refusal(await readJson(nested))).body.fields).toEqual({ "a.1": "must be valid Unicode text (it holds a lone UTF-16 surrogate)" });
  });

  it("keeps characters outside the BMP, which JSON escapes as a surrogate pair", async () => {
    const request = new Request(`${ORIGIN}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"\\ud83d\\ude00"}' });
    expect(await readBody(request, schema)).toEqual({ data: { name: "😀" } });
  });

  it("refuses bytes that are not UTF-8, and text that is not JSON", async () => {
    const bytes = new Request(`${ORIGIN}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect(await refusal(await readJson(bytes))).toEqual({ status: 400, body: { error: "the request body must be UTF-8 text", fields: { body: "is not valid UTF-8" } } });
    const text = new Request(`${ORIGIN}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":' });
    expect((await refusal(await readJson(text))).status).toBe(400);
  });

  it("refuses a body over the limit by its Content-Length without reading it", async () => {
    const request = post("/x", { name: "x".repeat(200) });
    expect(await refusal(await readJson(request, { maxBytes: 100, tooLargeMessage: "too big" }))).toEqual({ status: 413, body: { error: "too big" } });
  });

  it("cuts off a chunked body with no Content-Length at the limit, and reads no further (issue 10: a 150 MB upload was taken whole)", async () => {
    let pulled = 0;
    const source = chunkedBody(150 * 1024 * 1024).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    const request = streamed("/x", source);
    expect(request.headers.get("content-length")).toBeNull();
    expect((await refusal(await readJson(request, { maxBytes: 1024 * 1024 }))).status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("names every problem of a body that parses but does not fit, by field", async () => {
    expect(await refusal(await readBody(post("/x", { name: 1, extra: true }), schema))).toEqual({
      status: 400,
      body: { error: "the request body is not valid", fields: { name: "Invalid input: expected string, received number", body: 'Unrecognized key: "extra"' } },
    });
  });

  it("refuses a body nested a million levels deep before JSON.parse spends seconds on it", async () => {
    const deep = `{"name":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`;
    const request = new Request(`${ORIGIN}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: deep });
    expect(await refusal(await readBody(request, schema, { maxBytes: 4 * 1024 * 1024 }))).toEqual({
      status: 400,
      body: { error: "the request body is not valid", fields: { body: "must not nest more than 32 levels deep" } },
    });
  });

  it("counts only brackets outside strings when it measures depth", async () => {
    const request = post("/x", { name: "[".repeat(100) + '\\"{' });
    expect(await readBody(request, schema)).toEqual({ data: { name: "[".repeat(100) + '\\"{' } });
  });
});

describe("readEmptyBody", () => {
  it("takes no body at all, or {} as JSON", async () => {
    expect(await readEmptyBody(new Request(`${ORIGIN}/x`, { method: "POST" }))).toEqual({ ok: true });
    expect(await readEmptyBody(post("/x", {}))).toEqual({ ok: true });
  });

  it("refuses a form post and a body it would ignore", async () => {
    const form = new Request(`${ORIGIN}/x`, { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect((await refusal(await readEmptyBody(form))).status).toBe(415);
    expect((await refusal(await readEmptyBody(post("/x", { a: 1 })))).status).toBe(400);
  });
});

describe("readPathId", () => {
  it.each([
    ["", "must not be empty"],
    ["x".repeat(201), "must be at most 200 characters"],
    ["\ud800", "must be valid Unicode text without control characters"],
    ["a\u0000b", "must be valid Unicode text without control characters"],
  ])("refuses %j with a 400 naming the id", async (id, message) => {
    expect(await refusal(await readPathId(Promise.resolve({ id }), "session"))).toEqual({
      status: 400,
      body: { error: "the session id in the path is not valid", fields: { id: message } },
    });
  });

  it("passes an id that may exist, however odd", async () => {
    expect(await readPathId(Promise.resolve({ id: "%ff%fe" }), "session")).toEqual({ id: "%ff%fe" });
    expect(await readPathId(Promise.resolve({ id: "会话-😀" }), "session")).toEqual({ id: "会话-😀" });
  });
});
