import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NGINX_TAGS, renderNginxConf, type NginxSite } from "@/lib/deploy/nginx-conf";

const REPO_CONF = readFileSync("deploy/nginx.conf", "utf8");
const SITE: NginxSite = {
  upstreams: ["127.0.0.1:4001", "127.0.0.1:4002", "127.0.0.1:4003"],
  httpPort: 8080,
  httpsPort: 8443,
  listenAddress: "127.0.0.1",
  serverName: "synack.test",
  certificate: "/tmp/site/cert.pem",
  certificateKey: "/tmp/site/key.pem",
  cachePath: "/tmp/site/static-cache",
};

const directives = (conf: string, name: string) => conf.split("\n").map((line) => line.replace(/#.*$/, "").trim()).filter((line) => line.startsWith(`${name} `) && !line.endsWith("{"));

describe("renderNginxConf on deploy/nginx.conf", () => {
  const rendered = renderNginxConf(REPO_CONF, SITE);

  it("has one upstream server line per app server, each keeping the passive health settings", () => {
    expect(directives(rendered, "server")).toEqual(SITE.upstreams.map((address) => `server ${address} max_fails=3 fail_timeout=10s;`));
  });

  it("listens on the given address and ports only, the IPv6 lines left out", () => {
    expect(directives(rendered, "listen")).toEqual([
      "listen 127.0.0.1:8080;",
      "listen 127.0.0.1:8080 default_server;",
      "listen 127.0.0.1:8443 ssl http2 default_server;",
      "listen 127.0.0.1:8443 ssl http2;",
    ]);
  });

  it("redirects to the https port, and names the site, its certificate and its cache folder", () => {
    expect(directives(rendered, "return")).toContain("return 301 https://$host:8443$request_uri;");
    expect(directives(rendered, "server_name")).toEqual(["server_name synack.test;", "server_name synack.test;"]);
    expect(directives(rendered, "ssl_certificate")).toEqual(["ssl_certificate /tmp/site/cert.pem;"]);
    expect(directives(rendered, "ssl_certificate_key")).toEqual(["ssl_certificate_key /tmp/site/key.pem;"]);
    expect(directives(rendered, "proxy_cache_path")[0]).toMatch(/^proxy_cache_path \/tmp\/site\/static-cache levels=/);
  });

  it("leaves every untagged line as it is", () => {
    const untagged = (conf: string) => conf.split("\n").filter((line) => !/#\s*@[a-z-]+\s*$/.test(line));
    expect(untagged(rendered)).toEqual(untagged(REPO_CONF));
  });

  it("keeps port 443 out of the redirect, and the IPv6 lines, when the site listens everywhere on the standard ports", () => {
    const standard = renderNginxConf(REPO_CONF, { ...SITE, httpPort: 80, httpsPort: 443, listenAddress: undefined });
    expect(directives(standard, "return")).toContain("return 301 https://$host$request_uri;");
    expect(directives(standard, "listen")).toContain("listen [::]:443 ssl http2;");
  });
});

describe("renderNginxConf refuses", () => {
  it("a config without one of the tags, naming it", () => {
    const untagged = REPO_CONF.replace(/\s*# @cache-path/, "");
    expect(() => renderNginxConf(untagged, SITE)).toThrow("deploy/nginx.conf: no line is tagged @cache-path; the tests render these lines");
  });

  it("a tag it does not know, naming the line", () => {
    expect(() => renderNginxConf(`${REPO_CONF}\n# @upstreams`, SITE)).toThrow(/^deploy\/nginx.conf:\d+: unknown tag @upstreams/);
  });

  it("a tagged line without the directive its tag rewrites", () => {
    expect(() => renderNginxConf(`${REPO_CONF}\n    gzip on;  # @certificate`, SITE)).toThrow(/^deploy\/nginx.conf:\d+: this tagged line has no ssl_certificate/);
  });

  it.each([
    ["a path with a space", { certificate: "/tmp/my site/cert.pem" }, 'certificate "/tmp/my site/cert.pem" would break the nginx config'],
    ["a server name with a semicolon", { serverName: "a; include /etc/passwd" }, "serverName"],
    ["a port out of range", { httpsPort: 70_000 }, "httpsPort must be a port number from 1 to 65535, not 70000"],
    ["no app server", { upstreams: [] }, "upstreams: at least one app server is needed"],
  ])("%s", (_, change, message) => {
    expect(() => renderNginxConf(REPO_CONF, { ...SITE, ...change })).toThrow(message);
  });

  it("knows every tag the repo's config uses, and the config uses every tag", () => {
    const used = new Set([...REPO_CONF.matchAll(/#\s*@([a-z-]+)\s*$/gm)].map((match) => match[1]));
    expect([...used].sort()).toEqual([...NGINX_TAGS].sort());
  });
});
