import { createSocket } from "node:dgram";
import { connect, createServer, type Server, type Socket } from "node:net";

/*
 * The real connections behind content/captures/: run by scripts/make-sample-captures.sh
 * while tcpdump listens on the loopback interface.
 *   npx tsx scripts/sample-connections.ts close|refused-reset|half-close PORT
 * Each scenario prints one line saying which ports it used, for the README.
 * Pauses between steps keep the segments of one step apart in the capture.
 */
const [scenario = "", portText = ""] = process.argv.slice(2);
const port = Number(portText);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function listen(server: Server, host: string, listenPort: number): Promise<void> {
  return new Promise((resolve) => server.listen(listenPort, host, resolve));
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.once("close", () => resolve()));
}

/** Client connects, sends "hello", the server answers "hi", the client closes first, then the server. */
async function normalClose(): Promise<void> {
  const server = createServer((socket) => {
    socket.on("data", () => socket.write("hi\n"));
    // allowHalfOpen is false: once the client's FIN arrives Node ends the server's side too.
  });
  await listen(server, "127.0.0.1", port);
  const client = connect({ host: "127.0.0.1", port });
  await connected(client);
  report("close", client);
  await pause(200);
  client.write("hello\n");
  await new Promise((resolve) => client.once("data", resolve));
  await pause(200);
  client.end();
  await closed(client);
  server.close();
}

/** A connect to a closed port (RST+ACK), then a connection the client aborts with RST, then a UDP datagram to a closed port. */
async function refusedAndReset(): Promise<void> {
  const refused = connect({ host: "127.0.0.1", port: port + 1 });
  await connected(refused).catch((error: NodeJS.ErrnoException) => console.log(`refused: ${error.code} on port ${port + 1}`));
  await pause(200);
  const server = createServer((socket) => socket.on("error", () => undefined));
  await listen(server, "127.0.0.1", port);
  const client = connect({ host: "127.0.0.1", port });
  await connected(client);
  report("reset", client);
  await pause(200);
  client.write("abort\n");
  await pause(200);
  client.resetAndDestroy();
  await pause(200);
  server.close();
  const udp = createSocket("udp4");
  await new Promise((resolve) => udp.send("ping\n", port + 2, "127.0.0.1", resolve));
  console.log(`udp: 127.0.0.1:${udp.address().port} -> 127.0.0.1:${port + 2}`);
  await pause(200);
  udp.close();
}

/** On ::1: the client sends a request and shuts down its sending side; the server keeps sending, then ends. */
async function halfClose(): Promise<void> {
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.resume();
    socket.on("end", async () => {
      for (const part of ["one\n", "two\n", "three\n"]) {
        socket.write(part);
        await pause(100);
      }
      socket.end();
    });
  });
  await listen(server, "::1", port);
  const client = connect({ host: "::1", port, allowHalfOpen: true });
  await connected(client);
  report("half-close", client);
  client.resume();
  await pause(200);
  client.write("request\n");
  client.end();
  await closed(client);
  server.close();
}

function report(name: string, socket: Socket): void {
  console.log(`${name}: client ${socket.localAddress}:${socket.localPort} -> server ${socket.remoteAddress}:${socket.remotePort}`);
}

const scenarios: Record<string, () => Promise<void>> = { close: normalClose, "refused-reset": refusedAndReset, "half-close": halfClose };
const run = scenarios[scenario];
if (!run || !Number.isInteger(port) || port < 1024) {
  console.error(`usage: sample-connections.ts ${Object.keys(scenarios).join("|")} PORT`);
  process.exit(2);
}
await run();
