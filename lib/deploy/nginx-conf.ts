/*
 * deploy/nginx.conf with a site's own values on its tagged lines, so that the
 * tests and the benchmark run the very file an operator copies. A line tagged
 * "# @<tag>" is rewritten as its tag says; every tag must be on some line, and
 * a tag this file does not know is an error, so the config and this renderer
 * cannot drift apart unnoticed.
 */

export interface NginxSite {
  /** host:port of each app server, in order. */
  upstreams: readonly string[];
  httpPort: number;
  httpsPort: number;
  /** Listen on this IPv4 address only (the [::] lines are left out); every address when absent. */
  listenAddress?: string;
  serverName: string;
  certificate: string;
  certificateKey: string;
  /** The folder nginx keeps /_next/static/ files in. */
  cachePath: string;
}

export const NGINX_TAGS = ["upstream", "listen-http", "listen-https", "server-name", "redirect", "certificate", "certificate-key", "cache-path"] as const;
type Tag = (typeof NGINX_TAGS)[number];

export class NginxConfError extends Error {
  override name = "NginxConfError";
}

const TAG = /#\s*@([a-z-]+)\s*$/;
/** A value spliced into a directive: no spaces, quotes, semicolons or braces, which would change the config's syntax. */
const PLAIN = /^[^\s;{}'"#]+$/;

function plain(what: string, value: string): string {
  if (!PLAIN.test(value)) throw new NginxConfError(`${what} "${value}" would break the nginx config: no spaces, quotes, ";", "{", "}" or "#"`);
  return value;
}

function port(what: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new NginxConfError(`${what} must be a port number from 1 to 65535, not ${value}`);
  return value;
}

/** The line with `pattern` replaced, or an error naming the line when it is not there. */
function replaced(line: string, at: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(line)) throw new NginxConfError(`${at}: this tagged line has no ${pattern.source.replace(/\\/g, "")} to replace`);
  return line.replace(pattern, replacement);
}

/** The tagged line as it is for `site`: one line, several (the upstream servers), or none (an IPv6 listen when only IPv4 is wanted). */
function renderLine(line: string, tag: Tag, at: string, site: NginxSite, upstreamSeen: boolean): string[] {
  switch (tag) {
    case "upstream":
      // The first tagged server line is the pattern for every server; the others are the example's and go.
      if (upstreamSeen) return [];
      return site.upstreams.map((address) => replaced(line, at, /server\s+\S+/, `server ${plain("upstream", address)}`));
    case "listen-http":
    case "listen-https": {
      const listenPort = tag === "listen-http" ? port("httpPort", site.httpPort) : port("httpsPort", site.httpsPort);
      const ipv6 = /listen\s+\[::\]:/.test(line);
      if (ipv6 && site.listenAddress) return [];
      const address = ipv6 ? "[::]:" : site.listenAddress ? `${plain("listenAddress", site.listenAddress)}:` : "";
      return [replaced(line, at, /listen\s+(\[::\]:)?\d+/, `listen ${address}${listenPort}`)];
    }
    case "server-name":
      return [replaced(line, at, /server_name\s+[^;]+;/, `server_name ${plain("serverName", site.serverName)};`)];
    case "redirect": {
      const suffix = port("httpsPort", site.httpsPort) === 443 ? "" : `:${site.httpsPort}`;
      return [replaced(line, at, /https:\/\/\$host\$request_uri/, `https://$host${suffix}$request_uri`)];
    }
    case "certificate":
      return [replaced(line, at, /ssl_certificate\s+\S+;/, `ssl_certificate ${plain("certificate", site.certificate)};`)];
    case "certificate-key":
      return [replaced(line, at, /ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${plain("certificateKey", site.certificateKey)};`)];
    case "cache-path":
      return [replaced(line, at, /proxy_cache_path\s+\S+/, `proxy_cache_path ${plain("cachePath", site.cachePath)}`)];
  }
}

/** `template` (deploy/nginx.conf's text, named `file` in errors) with `site`'s values on its tagged lines. */
export function renderNginxConf(template: string, site: NginxSite, file = "deploy/nginx.conf"): string {
  if (site.upstreams.length === 0) throw new NginxConfError("upstreams: at least one app server is needed");
  const seen = new Set<Tag>();
  const out: string[] = [];
  template.split("\n").forEach((line, index) => {
    const tag = TAG.exec(line)?.[1];
    if (tag === undefined) {
      out.push(line);
      return;
    }
    const at = `${file}:${index + 1}`;
    if (!(NGINX_TAGS as readonly string[]).includes(tag)) throw new NginxConfError(`${at}: unknown tag @${tag} (known: ${NGINX_TAGS.map((known) => `@${known}`).join(", ")})`);
    out.push(...renderLine(line, tag as Tag, at, site, seen.has(tag as Tag)));
    seen.add(tag as Tag);
  });
  const missing = NGINX_TAGS.filter((tag) => !seen.has(tag));
  if (missing.length > 0) throw new NginxConfError(`${file}: no line is tagged ${missing.map((tag) => `@${tag}`).join(", ")}; the tests render these lines`);
  return out.join("\n");
}
