import { describe, expect, it } from "vitest";
import { forwardedHttps, secureCookies } from "@/lib/server/forwarded-https";

describe("forwardedHttps: only the first X-Forwarded-Proto counts", () => {
  it.each([
    [undefined, false],
    ["http", false],
    ["https", true],
    [" https ", true],
    ["https, http", true],
    ["http, https", false],
    ["httpsx", false],
    ["", false],
  ])("X-Forwarded-Proto %j → %s", (proto, https) => {
    const headers = new Headers(proto === undefined ? {} : { "x-forwarded-proto": proto });
    expect(forwardedHttps(headers)).toBe(https);
  });
});

describe("secureCookies", () => {
  it.each([
    [{ host: "synack.example", "x-forwarded-proto": "https" }, true],
    [{ host: "synack.lan:3000" }, false],
    [{ host: "synack.lan:3000", "x-forwarded-proto": "http, https" }, false],
    [{ host: "localhost:3000" }, true],
    [{ host: "127.0.0.1:3000" }, true],
    [{ host: "[::1]:3000" }, true],
    [{ host: "LOCALHOST" }, true],
    [{}, false],
  ])("%j → %s", (headers, secure) => {
    expect(secureCookies(new Headers(headers))).toBe(secure);
  });
});
