import { NextResponse, type NextRequest } from "next/server";
import { forwardedHttps } from "@/lib/server/forwarded-https";

/*
 * The Content-Security-Policy of every page, with a fresh nonce per request.
 * Next reads the nonce back from the request's own CSP header while it renders
 * and puts it on each of its scripts and inline styles (next/dist/server/
 * app-render/get-script-nonce-from-header.js), so no inline script runs without
 * it: an injected <script>, an onerror= attribute or a javascript: link is
 * refused by the browser even if it ever got past React's escaping.
 *
 * The headers that never change (nosniff, frame and referrer policies, HSTS
 * behind HTTPS) and the CSP of API routes and build assets come from
 * next.config.js, which covers paths this proxy does not run on.
 */

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Next decodes every path segment to match dynamic routes, and an invalid escape (`/quiz/%ff%fe`) fails there
  // with a bare "Internal Server Error". The proxy runs first, so such a path is answered here.
  if (!isDecodablePath(pathname)) return undecodablePath(request);
  if (pathname.startsWith("/api/")) return NextResponse.next();
  return withPageSecurityPolicy(request);
}

/** Each %XX escape, taken together, is UTF-8: what decodeURIComponent accepts. */
function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** An API caller gets a JSON error like any other bad request; a person gets the site's own not-found page. */
function undecodablePath(request: NextRequest): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "the path has an invalid percent-escape (not UTF-8)", fields: { path: "invalid percent-escape" } }, { status: 400 });
  }
  // A path no route has, so Next renders app/not-found.tsx with a 404, in the page's own CSP.
  return withPageSecurityPolicy(request, new URL("/_undecodable-path", request.url));
}

function withPageSecurityPolicy(request: NextRequest, rewriteTo?: URL): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, { https: forwardedHttps(request.headers), development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  // For a server component that renders a script of its own: <Script nonce={(await headers()).get("x-nonce")}>.
  requestHeaders.set("x-nonce", nonce);
  const response = rewriteTo ? NextResponse.rewrite(rewriteTo, { request: { headers: requestHeaders } }) : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

function pageContentSecurityPolicy(nonce: string, { https, development }: { https: boolean; development: boolean }): string {
  const directives = [
    "default-src 'self'",
    // Not 'strict-dynamic': it would trust any script that a script inserts (inline, or from any host), so a DOM sink
    // such as createContextualFragment would run its <script>. Every chunk Next loads comes from this origin ('self').
    // React rebuilds server error stacks with eval in development only.
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ""}`,
    // Next's dev overlay injects unnonced <style> elements.
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // React renders style={{…}} props (chart bars, diagram font sizes) as style attributes in the server HTML;
    // an attribute can carry no nonce, and it cannot run script.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only behind HTTPS: on plain http (a laptop on a classroom network) it would send every asset request to a port nothing serves.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export const config = {
  // API routes answer JSON and build assets are files: next.config.js gives these same paths (/api/… and
  // /_next/static/…) a CSP that allows nothing, and the proxy stays off the hottest paths, except for an API
  // path with a percent sign, which may not decode.
  // Link prefetches are not documents, need no nonce, and skip the proxy's cost, as Next's CSP guide advises.
  matcher: [
    "/api/:path(.*%.*)",
    {
      source: "/((?!api/|_next/static/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
