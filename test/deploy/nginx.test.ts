import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent, request as httpsRequest } from "node:https";
import { mkdtempSync } from "node:fs";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MAX_CAPTURE_BYTES } from "@/lib/capture";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { syntheticCapture } from "../../bench/capture";
import { copyDatabase, databaseUrlOf, freePorts, prepareDatabase, startApp, stopApp, type AppServer } from "../browser/app-server";
import { createPostgresDatabase, dropPostgresDatabase } from "../db/test-postgres";
import { nginxBinary, startNginx, stopNginx, type NginxServer } from "./nginx-server";

/*
 * deploy/nginx.conf, run: rendered with free ports and a self-signed
 * certificate, in front of two `next start` servers of the browser tests'
 * build on one database (PostgreSQL when SYNACK_TEST_POSTGRES_URL names a
 * server, else one SQLite file that both open in WAL mode). Everything goes
 * through nginx over https, as a browser would, under a name that is not
 * localhost (the app marks cookies Secure on localhost whatever the scheme).
 * Which server answered, and whether nginx's cache did, is told by headers
 * that only this test's nginx adds ($upstream_addr, $upstream_cache_status),
 * not the config under test.
 */

const NAME = "synack.test";
const UPSTREAM_HEADER = "x-synack-upstream";
const CACHE_HEADER = "x-synack-cache";
const nginx = nginxBinary();
const template = inject("templateDatabasePath");
const postgresServer = process.env.SYNACK_TEST_POSTGRES_URL;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The app server that answered (host:port), from this test's header. */
  upstream: string;
  json(): Record<string, unknown>;
}

let database = "";
let servers: AppServer[] = [];
let proxy: NginxServer;
/** A client per nginx, trusting that nginx's own certificate. */
const agents = new Map<NginxServer, Agent>();
const agentFor = (via: NginxServer) => agents.get(via) ?? agents.set(via, new Agent({ ca: via.certificate, keepAlive: true })).get(via)!;
let db: PrismaClient;
let port: number;

interface SendOptions {
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  plain?: boolean;
  /** Another nginx than the main one. */
  via?: NginxServer;
}

/** One request to nginx, on 127.0.0.1 under NAME, https unless `plain`. */
function send(method: string, path: string, options: SendOptions = {}): Promise<Reply> {
  const via = options.via ?? proxy;
  const url = new URL(path, options.plain ? via.httpUrl : via.httpsUrl);
  const headers = { host: url.host, ...options.headers, ...(options.body === undefined ? {} : { "content-length": String(Buffer.byteLength(options.body)) }) };
  const common = { host: "127.0.0.1", port: url.port, method, path: `${url.pathname}${url.search}`, headers };
  return new Promise((resolve, reject) => {
    const request = options.plain ? httpRequest(common) : httpsRequest({ ...common, servername: NAME, agent: agentFor(via) });
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode!, headers: response.headers, body, upstream: String(response.headers[UPSTREAM_HEADER] ?? ""), json: () => JSON.parse(body.toString("utf8")) as Record<string, unknown> });
      });
    });
    request.end(options.body);
  });
}

const json = (body: unknown) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** A server that takes each request and drops the connection before answering (a crash mid-request): what it was sent. */
async function failingServer(): Promise<{ address: string; methods: string[]; close(): void }> {
  const methods: string[] = [];
  const server = createNetServer((socket) => {
    socket.once("data", (chunk: Buffer) => {
      methods.push(chunk.toString("latin1").split(" ")[0]!);
      socket.destroy();
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return { address: `127.0.0.1:${address.port}`, methods, close: () => server.close() };
}

/** An instructor signed in (a session row, as a sign-in leaves it): the cookie. */
async function instructorCookie(): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const instructor = await db.instructor.create({ data: { email: `nginx-${randomBytes(4).toString("hex")}@school.example`, passwordHash: "unused: the test signs in with a session row" } });
  await db.instructorSession.create({ data: { instructorId: instructor.id, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) } });
  return `synack_instructor=${token}`;
}

describe.skipIf(!nginx)(
  nginx ? `deploy/nginx.conf in front of two servers on one ${postgresServer ? "PostgreSQL database" : "SQLite file"}` : "deploy/nginx.conf (skipped: nginx is not installed; apt-get install nginx, or set NGINX_PATH)",
  () => {
    beforeAll(async () => {
      if (postgresServer) {
        database = createPostgresDatabase("template0");
        prepareDatabase(database);
      } else {
        database = join(mkdtempSync(join(tmpdir(), "synack-nginx-db-")), "app.db");
        copyDatabase(template, database);
      }
      db = createPrismaClient(databaseUrlOf(database));
      // Two app servers, then nginx's http and https ports, then those of the second nginx (a failing server, below).
      port = await freePorts(6);
      // TRUST_PROXY=1: nginx is the one proxy in front, and the login limits count per address from its X-Forwarded-For.
      servers = await Promise.all([0, 1].map((i) => startApp(database, port + i, { env: { TRUST_PROXY: "1" } })));
      proxy = await startNginx({
        upstreams: servers.map((server) => new URL(server.url).host),
        httpPort: port + 2,
        httpsPort: port + 3,
        serverName: NAME,
        httpDirectives: [`add_header ${UPSTREAM_HEADER} $upstream_addr always;`, `add_header ${CACHE_HEADER} $upstream_cache_status always;`],
      });
    });

    afterAll(async () => {
      for (const agent of agents.values()) agent.destroy();
      if (proxy) await stopNginx(proxy);
      await Promise.all(servers.map((server) => stopApp(server)));
      await db?.$disconnect();
      if (postgresServer && database) dropPostgresDatabase(database);
    });

    it("spreads requests over both servers", async () => {
      const replies = [];
      for (let i = 0; i < 8; i++) replies.push(await send("GET", "/api/health"));
      expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(200));
      expect(new Set(replies.map((reply) => reply.upstream))).toEqual(new Set(servers.map((server) => new URL(server.url).host)));
    });

    it("keeps a learner made on one server on the other; the cookie is Secure and HSTS is sent (X-Forwarded-Proto: https reached the app)", async () => {
      const made = await send("POST", "/api/profile", json({ displayName: "Across Servers" }));
      expect(made.status).toBe(200);
      expect(made.headers["strict-transport-security"]).toBe("max-age=31536000");
      const setCookie = (made.headers["set-cookie"] ?? []).find((line) => line.startsWith("synack_learner="));
      expect(setCookie).toMatch(/; Secure/i);
      expect(setCookie).toMatch(/; HttpOnly/i);
      const cookie = setCookie!.split(";")[0]!;
      // least_conn takes turns between idle servers: the next request or the one after goes to the other.
      let other: Reply | undefined;
      for (let i = 0; i < 6 && !other; i++) {
        const reply = await send("POST", "/api/profile", { ...json({ newCardsPerDay: 13 }), headers: { ...json({}).headers, cookie } });
        expect(reply.status).toBe(200);
        if (reply.upstream !== made.upstream) other = reply;
      }
      expect(other, "no request went to the second server").toBeDefined();
      expect(other!.json()).toMatchObject({ displayName: "Across Servers", newCardsPerDay: 13 });
      // The same learner: the second server set no new cookie.
      expect(other!.headers["set-cookie"]).toBeUndefined();
    });

    it("replaces the client's X-Forwarded-For: forged addresses buy no extra sign-in guesses", async () => {
      // 20 failures per address in 15 minutes (lib/server/login-rate-limit.ts). Each guess claims another address and
      // another account; if the claim reached the app, each would count in a bucket of its own and the 21st would be tried.
      for (let i = 0; i < 20; i++) {
        const reply = await send("POST", "/api/instructor/login", { ...json({ email: `forger${i}@school.example`, password: "a guess" }), headers: { ...json({}).headers, "x-forwarded-for": `203.0.113.${i}` } });
        expect(reply.status).toBe(401);
      }
      const refused = await send("POST", "/api/instructor/login", { ...json({ email: "forger-last@school.example", password: "a guess" }), headers: { ...json({}).headers, "x-forwarded-for": "198.51.100.7" } });
      expect(refused.status).toBe(429);
      const scopes = await db.loginAttempt.groupBy({ by: ["scope"], where: { scope: { startsWith: "ip:" } }, _count: { _all: true } });
      expect(scopes.map((row) => [row.scope, row._count._all])).toEqual([["ip:127.0.0.1", 20]]);
    });

    it("passes a 30 MiB capture to the app, and answers a larger body with a JSON 413 in the app's words", async () => {
      const cookie = await instructorCookie();
      const upload = (bytes: Uint8Array) => send("POST", "/api/instructor/captures", { headers: { cookie, "content-type": "application/vnd.tcpdump.pcap", "x-file-name": "large.pcap" }, body: bytes });
      const bytes = syntheticCapture(4, 131, 60_000);
      expect(bytes.length).toBeGreaterThan(30 * 1024 * 1024);
      const stored = await upload(bytes);
      expect(stored.status, stored.body.toString("utf8").slice(0, 300)).toBe(201);
      expect(stored.json()).toMatchObject({ size: bytes.length, name: "large.pcap" });
      expect(stored.json().connections).toHaveLength(4);

      const tooLarge = await upload(new Uint8Array(MAX_CAPTURE_BYTES + 1));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers["content-type"]).toBe("application/json");
      expect(tooLarge.json()).toMatchObject({ error: "the file is larger than 32 MiB" });
      // nginx answered, not an app server.
      expect(tooLarge.upstream).toBe("");
    });

    it("redirects plain http to https, path and query kept", async () => {
      const reply = await send("GET", "/review?from=nginx", { plain: true });
      expect(reply.status).toBe(301);
      expect(reply.headers.location).toBe(`${proxy.httpsUrl}/review?from=nginx`);
    });

    it("serves /_next/static/ files with a year's immutable caching, compressed, from nginx's cache once fetched", async () => {
      const page = await send("GET", "/");
      expect(page.status).toBe(200);
      const script = /\/_next\/static\/[^"']+\.js/.exec(page.body.toString("utf8"))?.[0];
      expect(script, "the home page names no /_next/static/ script").toBeDefined();
      const first = await send("GET", script!, { headers: { "accept-encoding": "gzip" } });
      expect(first.status).toBe(200);
      expect(first.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(first.headers["content-encoding"]).toBe("gzip");
      const again = await send("GET", script!, { headers: { "accept-encoding": "gzip" } });
      expect(again.headers[CACHE_HEADER]).toBe("HIT");
      expect(again.upstream).toBe("");
    });

    it("answers no request for another host name", async () => {
      await expect(send("GET", "/api/health", { headers: { host: `elsewhere.test:${new URL(proxy.httpsUrl).port}` } })).rejects.toThrow();
    });

    describe("with a server that drops requests mid-way (before it answers)", () => {
      let failing: Awaited<ReturnType<typeof failingServer>>;
      let second: NginxServer;
      const app = () => new URL(servers[0]!.url).host;

      beforeAll(async () => {
        failing = await failingServer();
        second = await startNginx({ upstreams: [failing.address, app()], httpPort: port + 4, httpsPort: port + 5, serverName: NAME, httpDirectives: [`add_header ${UPSTREAM_HEADER} $upstream_addr always;`] });
      });
      afterAll(async () => {
        if (second) await stopNginx(second);
        failing?.close();
      });

      it("never sends a POST to a second server: the one that failed may have stored it", async () => {
        // The two servers take turns; a POST is never retried, so the failing server's turn is the 502.
        const replies: Reply[] = [];
        for (let i = 0; i < 4 && !failing.methods.includes("POST"); i++) replies.push(await send("POST", "/api/profile", { ...json({ newCardsPerDay: 9 }), via: second }));
        expect(failing.methods).toEqual(["POST"]);
        const lost = replies.filter((reply) => reply.status !== 200);
        expect(lost.map((reply) => [reply.status, reply.upstream])).toEqual([[502, failing.address]]);
      });

      it("passes a GET that a server dropped on to the other server", async () => {
        let retried: Reply | undefined;
        for (let i = 0; i < 4 && !retried; i++) {
          const reply = await send("GET", "/api/health", { via: second });
          expect(reply.status).toBe(200);
          if (reply.upstream.includes(",")) retried = reply;
        }
        expect(retried?.upstream).toBe(`${failing.address}, ${app()}`);
        expect(failing.methods.filter((method) => method === "GET")).toHaveLength(1);
      });
    });
  },
);
