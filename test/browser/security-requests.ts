import { request } from "node:http";
import type { BrowserContext } from "playwright-core";

/*
 * Requests as they reach SynAck from the outside: with any Host, and with the
 * X-Forwarded-Proto that a TLS-terminating proxy in front of `next start` adds.
 * Node's fetch cannot set Host, and follows redirects; these requests do neither.
 */

export interface RawReply {
  status: number;
  /** Header names in lower case; repeated headers (Set-Cookie) joined by "\n". */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawRequest(appUrl: string, path: string, { method = "GET", headers = {}, body }: RawRequest = {}): Promise<RawReply> {
  const app = new URL(appUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: app.hostname, port: app.port, path, method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        const replyHeaders: Record<string, string> = {};
        for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
          const name = incoming.rawHeaders[i]!.toLowerCase();
          const value = incoming.rawHeaders[i + 1]!;
          replyHeaders[name] = name in replyHeaders ? `${replyHeaders[name]}\n${value}` : value;
        }
        resolve({ status: incoming.statusCode!, headers: replyHeaders, body: Buffer.concat(chunks) });
      });
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}

export const HTTPS_ORIGIN = "https://synack.test";

/**
 * Serves the app to this browser context at https://synack.test, as a TLS proxy
 * in front of it would: every request goes to the real server with
 * `Host: synack.test` and `X-Forwarded-Proto: https`, and the page is a secure
 * context, so Secure cookies, HSTS and upgrade-insecure-requests behave as in production.
 */
export async function serveAsHttps(context: BrowserContext, appUrl: string): Promise<void> {
  await context.route(`${HTTPS_ORIGIN}/**`, async (route) => {
    const incoming = route.request();
    const url = new URL(incoming.url());
    const headers: Record<string, string> = { ...(await incoming.allHeaders()), host: new URL(HTTPS_ORIGIN).host, "x-forwarded-proto": "https" };
    // The reply goes back to Chromium as bytes: keep it unencoded.
    delete headers["accept-encoding"];
    const reply = await rawRequest(appUrl, url.pathname + url.search, { method: incoming.method(), headers, body: incoming.postDataBuffer() ?? undefined });
    await route.fulfill({ status: reply.status, headers: reply.headers, body: reply.body });
  });
}

/** Set-Cookie lines by cookie name, attributes lower-cased: {name: {value, httponly: "", samesite: "lax", ...}}. */
export function setCookies(reply: RawReply): Record<string, Record<string, string>> {
  const cookies: Record<string, Record<string, string>> = {};
  for (const line of (reply.headers["set-cookie"] ?? "").split("\n").filter(Boolean)) {
    const [pair, ...attributes] = line.split(";").map((part) => part.trim());
    const [name, ...value] = pair!.split("=");
    cookies[name!] = { value: value.join("=") };
    for (const attribute of attributes) {
      const [key, ...rest] = attribute.split("=");
      cookies[name!]![key!.toLowerCase()] = rest.join("=").toLowerCase();
    }
  }
  return cookies;
}
