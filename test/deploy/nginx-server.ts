import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderNginxConf } from "@/lib/deploy/nginx-conf";

/*
 * deploy/nginx.conf run for real, for the nginx test and `npm run bench --
 * --servers N`: rendered with free ports and a self-signed certificate made by
 * openssl, inside a main config of its own whose every file (pid, logs, temp
 * folders, cache) is in one temporary folder, so nothing of the machine's own
 * nginx (/etc/nginx, /var/log/nginx, port 80) is read or touched. nginx runs in
 * the foreground as this process's child and is stopped by its pid.
 */

/** Debian's nginx; NGINX_PATH for another. */
export function nginxBinary(): string | null {
  const candidates = [process.env.NGINX_PATH, "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"].filter((path): path is string => !!path);
  for (const path of candidates) if (spawnSync(path, ["-v"]).status === 0) return path;
  const found = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

export interface NginxOptions {
  upstreams: readonly string[];
  httpPort: number;
  httpsPort: number;
  /** The name in server_name and in the certificate. */
  serverName: string;
  /** Directives added to the main config's http {} block (a test's own headers). */
  httpDirectives?: readonly string[];
}

export interface NginxServer {
  httpsUrl: string;
  httpUrl: string;
  /** The self-signed certificate (PEM), to trust in a client. */
  certificate: string;
  prefix: string;
  process: ChildProcess;
  /** nginx's error log so far. */
  errorLog(): string;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** A certificate for `name` (and 127.0.0.1), valid two days, signed by its own key. */
function selfSignedCertificate(folder: string, name: string): { certificate: string; key: string } {
  const certificate = join(folder, "cert.pem");
  const key = join(folder, "key.pem");
  run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", `/CN=${name}`, "-addext", `subjectAltName=DNS:${name},IP:127.0.0.1`, "-keyout", key, "-out", certificate]);
  return { certificate, key };
}

function mainConfig(prefix: string, siteFile: string, httpDirectives: readonly string[]): string {
  return [
    "daemon off;",
    "worker_processes 2;",
    // Workers run as nginx's configured user when started as root, and could not enter this temporary folder (0700).
    ...(process.getuid?.() === 0 ? ["user root root;"] : []),
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    "events { worker_connections 2048; }",
    "http {",
    `  access_log ${prefix}/access.log;`,
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${prefix}/${kind}_temp;`),
    ...httpDirectives.map((directive) => `  ${directive}`),
    `  include ${siteFile};`,
    "}",
    "",
  ].join("\n");
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => socket.end(() => resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** Renders deploy/nginx.conf for `options`, checks it with `nginx -t` and serves it; ready once both ports accept connections. */
export async function startNginx(options: NginxOptions): Promise<NginxServer> {
  const binary = nginxBinary();
  if (!binary) throw new Error("nginx is not installed (Debian: apt-get install nginx), or set NGINX_PATH");
  const prefix = mkdtempSync(join(tmpdir(), "synack-nginx-"));
  const { certificate, key } = selfSignedCertificate(prefix, options.serverName);
  const siteFile = join(prefix, "synack.conf");
  writeFileSync(
    siteFile,
    renderNginxConf(readFileSync("deploy/nginx.conf", "utf8"), {
      upstreams: options.upstreams,
      httpPort: options.httpPort,
      httpsPort: options.httpsPort,
      listenAddress: "127.0.0.1",
      serverName: options.serverName,
      certificate,
      certificateKey: key,
      cachePath: join(prefix, "static-cache"),
    }),
  );
  const configFile = join(prefix, "nginx.conf");
  writeFileSync(configFile, mainConfig(prefix, siteFile, options.httpDirectives ?? []));
  // -e: the error log before the config is read, which would otherwise be the machine's /var/log/nginx/error.log.
  const args = ["-p", prefix, "-c", configFile, "-e", join(prefix, "error.log")];
  run(binary, [...args, "-t", "-q"]);
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const errorLog = () => {
    try {
      return readFileSync(join(prefix, "error.log"), "utf8");
    } catch {
      return "";
    }
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output}\n${errorLog()}`);
    if ((await listening(options.httpsPort)) && (await listening(options.httpPort))) {
      return {
        httpsUrl: `https://${options.serverName}:${options.httpsPort}`,
        httpUrl: `http://${options.serverName}:${options.httpPort}`,
        certificate: readFileSync(certificate, "utf8"),
        prefix,
        process: child,
        errorLog,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`nginx did not listen on ${options.httpPort} and ${options.httpsPort} within 30 s:\n${output}\n${errorLog()}`);
}

/** Stops nginx gracefully (SIGQUIT: requests in flight are finished). */
export async function stopNginx(server: NginxServer): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    server.process.once("exit", () => resolve());
    server.process.kill("SIGQUIT");
  });
}
