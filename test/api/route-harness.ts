import { AsyncLocalStorage } from "node:async_hooks";

/*
 * Calls the app's route handlers in-process, as Next would: a real Request
 * in, the handler's Response out. What Next supplies around a handler
 * (cookies() and headers() from next/headers) comes from the request being
 * handled; cookies the handler sets are collected as Set-Cookie would carry
 * them. Test files mock "next/headers" with `nextHeaders` below.
 */

interface Scope {
  request: Request;
  jar: Map<string, string>;
  set: Map<string, string>;
}

const scope = new AsyncLocalStorage<Scope>();

function current(): Scope {
  const found = scope.getStore();
  if (!found) throw new Error("next/headers used outside a request (call the handler through callRoute)");
  return found;
}

export const nextHeaders = {
  async cookies() {
    const { jar, set } = current();
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      has: (name: string) => jar.has(name),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => {
        jar.set(name, value);
        set.set(name, value);
      },
    };
  },
  async headers() {
    return current().request.headers;
  },
};

function cookieJar(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}

export interface RouteReply {
  status: number;
  contentType: string | null;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** Cookies the handler set. */
  cookies: Map<string, string>;
  headers: Headers;
}

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

export async function callRoute(handler: Handler, request: Request, params: { id: string } = { id: "" }): Promise<RouteReply> {
  const state: Scope = { request, jar: cookieJar(request.headers.get("cookie")), set: new Map() };
  const response = await scope.run(state, () => handler(request, { params: Promise.resolve(params) }));
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get("content-type"), text, json, cookies: state.set, headers: response.headers };
}

export const ORIGIN = "http://localhost:3000";

/** A POST with a JSON body (or the given raw body and headers). */
export function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** A body sent in chunks with no Content-Length (Transfer-Encoding: chunked), `total` bytes of `fill`. */
export function chunkedBody(total: number, fill = 0x20, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(fill));
    },
  });
}

/** A Request whose body streams; `duplex` is what undici needs for a stream body. */
export function streamed(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = { "content-type": "application/json" }): Request {
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}
