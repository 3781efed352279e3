import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxies } from "@/lib/server/login-rate-limit";

const address = (forwardedFor: string | undefined, trustProxy: string | undefined) =>
  clientAddress(new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }), { ...process.env, TRUST_PROXY: trustProxy });

describe("clientAddress: the login limits' address, from the X-Forwarded-For values our proxies wrote", () => {
  it.each([
    ["no TRUST_PROXY: everyone is one bucket", "192.0.2.1", undefined, "direct"],
    ["TRUST_PROXY=0: the same", "192.0.2.1", "0", "direct"],
    ["one proxy that replaces the header (deploy/nginx.conf)", "192.0.2.1", "1", "192.0.2.1"],
    ["one proxy that appends: the client's own value on the left is not taken", "203.0.113.9, 192.0.2.1", "1", "192.0.2.1"],
    ["one proxy that appends to a long forged list", "1.1.1.1, 2.2.2.2, 3.3.3.3, 192.0.2.1", "1", "192.0.2.1"],
    ["two proxies (a CDN, then nginx), each appending", "203.0.113.9, 192.0.2.1, 198.51.100.5", "2", "192.0.2.1"],
    ["two proxies, but only one value: the leftmost, which a proxy wrote", "198.51.100.5", "2", "198.51.100.5"],
    ["IPv6, upper case", "2001:DB8::1", "1", "2001:db8::1"],
    ["no header behind a proxy: a bucket of its own", undefined, "1", "unknown"],
    ["a value that is no address", "<script>", "1", "unknown"],
  ])("%s", (_, forwardedFor, trustProxy, expected) => {
    expect(address(forwardedFor, trustProxy)).toBe(expected);
  });

  it.each(["true", "yes", "1.5", "-1", "10", "one"])("refuses TRUST_PROXY=%j rather than guess what it means", (value) => {
    expect(() => trustedProxies(value)).toThrow(`TRUST_PROXY must be how many proxies are in front of SynAck, 0 to 9 (1 behind one nginx), not "${value}"`);
  });
});
