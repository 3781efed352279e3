import "server-only";
import { forwardedHttps } from "./forwarded-https";

/*
 * The origin a browser used to reach SynAck, for links handed to others (a
 * quiz's /q/<code> link and its QR code). Behind a proxy the first
 * X-Forwarded-Host and X-Forwarded-Proto values are what the browser used,
 * the same first-hop rule lib/server/forwarded-https.ts applies to HTTPS.
 */
export function requestOrigin(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || headers.get("host") || "localhost";
  // A host header is the client's to write: keep only what a host name and port can hold.
  const safeHost = /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : "localhost";
  return `${forwardedHttps(headers) ? "https" : "http"}://${safeHost}`;
}
