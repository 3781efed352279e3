import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { expect, it, onTestFinished } from "vitest";

/*
 * The preload that lets a test server stop while a client keeps its connection (app-server.ts). A browser test
 * only by where it lives: it starts no app and no browser.
 * The server below keeps idle connections an hour (the test servers: 10 minutes), and a request is in flight
 * when close() is called: its connection must close once the response is sent, and close() must finish.
 * Without the preload the child waits out the hour, and the test fails on the browser project's hang guard (15 minutes).
 */
const SERVER_CLOSING_WITH_A_REQUEST_IN_FLIGHT = `
const http = require("node:http");
let release;
const closing = new Promise((resolve) => (release = resolve));
const server = http.createServer(async (request, response) => {
  server.close(() => console.log("server closed"));
  release();
  await closing;
  response.end("answered after close()");
});
server.keepAliveTimeout = 3600000;
server.listen(0, "127.0.0.1", () => {
  const agent = new http.Agent({ keepAlive: true });
  http.get({ host: "127.0.0.1", port: server.address().port, agent }, (response) => {
    let body = "";
    response.on("data", (chunk) => (body += chunk));
    response.on("end", () => console.log(body));
    response.socket.on("close", () => console.log("the server closed the kept-alive connection"));
  });
});
`;

it("a closing server finishes the request in flight, then closes its connection without waiting out keep-alive", async () => {
  const child = spawn(process.execPath, ["--require", resolve("test/browser/shutdown-closes-idle-connections.cjs"), "-e", SERVER_CLOSING_WITH_A_REQUEST_IN_FLIGHT]);
  onTestFinished(() => void child.kill("SIGKILL"));
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.on("exit", done));
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout.trim().split("\n").sort()).toEqual(["answered after close()", "server closed", "the server closed the kept-alive connection"]);
});
