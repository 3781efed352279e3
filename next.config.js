/*
 * Security headers on every response, pages, API routes and build assets alike.
 * Pages get their Content-Security-Policy, with a nonce per request, from
 * proxy.ts; the responses it does not run on (API routes, /_next/static) get
 * one here that allows nothing, since neither is a document that should load anything.
 */
const EVERY_RESPONSE = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // frame-ancestors 'none' in the CSP says the same to browsers that read CSP; this is for those that do not.
  { key: "X-Frame-Options", value: "DENY" },
  // No part of a URL (quiz and interview session ids) leaves the site; requests within it keep their Referer.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

const NOTHING_ALLOWED = { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" };

// HSTS means something only over HTTPS, and `next start` serves plain http: the TLS-terminating proxy in front says
// https in X-Forwarded-Proto (its first value). Anchored by Next as ^…$; the same test as lib/server/forwarded-https.ts.
const HTTPS_ONLY = [{ type: "header", key: "x-forwarded-proto", value: "\\s*https\\s*(,.*)?" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Several dev servers (one per person or test run) can share a checkout, each with its own build folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // better-sqlite3 is a native module: keep it (and Prisma's adapter) out of the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  // Every page's <title> goes in the <head> of the first bytes sent, for every browser: by default Next sends it after
  // the page's content ("streaming metadata"), so a page shown before it has none (axe's document-title, on a page
  // loaded under load in CI), and a screen reader or a tab has no name for it yet. Our generateMetadata functions only
  // read the language cookie (and a note's title, which its page reads too), so waiting for them costs nothing.
  htmlLimitedBots: /.*/,
  reactStrictMode: true,
  async headers() {
    return [
      { source: "/:path*", headers: EVERY_RESPONSE },
      { source: "/:path*", has: HTTPS_ONLY, headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000" }] },
      { source: "/api/:path+", headers: [NOTHING_ALLOWED] },
      { source: "/_next/static/:path+", headers: [NOTHING_ALLOWED] },
    ];
  },
};

export default nextConfig;
