/*
 * Whether a request reached SynAck over HTTPS. `next start` itself serves
 * plain http; a TLS-terminating proxy in front says https in
 * X-Forwarded-Proto. Behind a chain of proxies the header lists one value per
 * hop, and the first is what the browser used, so only the first counts.
 *
 * One rule for everything that depends on it: HSTS (next.config.js, HTTPS_ONLY,
 * the same pattern anchored by Next), upgrade-insecure-requests in the page CSP
 * (proxy.ts) and the Secure flag on every cookie the server sets.
 */

export const FORWARDED_HTTPS = /^\s*https\s*(,.*)?$/;

/** The request came to the proxy in front over HTTPS. */
export function forwardedHttps(headers: Headers): boolean {
  return FORWARDED_HTTPS.test(headers.get("x-forwarded-proto") ?? "");
}

/** Browsers treat http://localhost as a secure context, and keep a Secure cookie there. */
function isLoopbackHost(headers: Headers): boolean {
  const host = (headers.get("host") ?? "").replace(/:\d+$/, "").toLowerCase();
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/**
 * Whether a cookie set in reply to this request should be Secure: over HTTPS,
 * and on localhost, where browsers store Secure cookies over plain http. On any
 * other plain-http host (a laptop on a classroom network) a Secure cookie would
 * be dropped by the browser, and the learner would lose their identity.
 */
export function secureCookies(headers: Headers): boolean {
  return forwardedHttps(headers) || isLoopbackHost(headers);
}
