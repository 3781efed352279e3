import { describe, expect, inject, it } from "vitest";
import { rawRequest } from "./security-requests";

/*
 * Paths whose percent-escapes are not UTF-8 (`%ff%fe`), or not escapes at all
 * (`%zz`, a lone `%`). Next decodes path segments to match dynamic routes and
 * answered these with a bare 500; proxy.ts answers them first. Asked of the
 * real server: no route-handler test can reach this, it happens in Next's router.
 */

const appUrl = inject("appUrl");
const JSON_BODY = { "content-type": "application/json" };
const BAD = ["%ff%fe", "%E0%A4%A", "%zz", "%", "%C0%AF", "a%ffb", "%ED%A0%80"];

describe("a path that does not decode", () => {
  it.each(BAD)("under /api/ (GET, POST, each route with an id) answers 400 with a JSON error and the API headers: %s", async (bad) => {
    const targets = [
      { path: `/api/sessions/${bad}`, method: "GET" },
      { path: `/api/sessions/${bad}/finish`, method: "POST", body: "{}" },
      { path: `/api/sessions/${bad}/answer`, method: "POST", body: JSON.stringify({ position: 0, response: { kind: "choice", choice: 0 } }) },
      { path: `/api/${bad}`, method: "GET" },
      { path: `/api/review/${bad}`, method: "POST", body: "{}" },
    ];
    for (const { path, method, body } of targets) {
      const reply = await rawRequest(appUrl, path, { method, headers: JSON_BODY, body });
      expect(reply.status, `${method} ${path}`).toBe(400);
      expect(reply.headers["content-type"], path).toMatch(/^application\/json/);
      expect(JSON.parse(reply.body.toString()).error, path).toMatch(/percent-escape/);
      expect(reply.headers["x-content-type-options"], path).toBe("nosniff");
      expect(reply.headers["content-security-policy"], path).toMatch(/default-src 'none'/);
    }
  });

  it.each(BAD)("of a page answers the site's own 404 page, with its nonce CSP: %s", async (bad) => {
    for (const path of [`/quiz/${bad}`, `/interview/${bad}`, `/learn/${bad}`, `/${bad}`, `/learn/scenarios/${bad}`]) {
      const reply = await rawRequest(appUrl, path, { headers: { "accept-language": "en" } });
      expect(reply.status, path).toBe(404);
      expect(reply.headers["content-type"], path).toMatch(/^text\/html/);
      expect(reply.body.toString(), path).toContain("<h1>");
      expect(reply.headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-/);
      expect(reply.headers["x-frame-options"], path).toBe("DENY");
    }
  });
});

describe("a path that does decode", () => {
  it("still reaches its route, escaped or not", async () => {
    expect((await rawRequest(appUrl, "/learn/tcp-states")).status).toBe(200);
    expect((await rawRequest(appUrl, "/learn/%74cp-states")).status).toBe(200);
    const missing = await rawRequest(appUrl, "/api/sessions/%41bc");
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).error).toMatch(/session/);
    expect((await rawRequest(appUrl, "/api/review")).status).toBe(200);
  });
});
