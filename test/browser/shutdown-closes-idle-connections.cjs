/*
 * Preloaded (NODE_OPTIONS=--require) into the test servers that app-server.ts starts.
 *
 * `next start` on SIGTERM calls server.close() and exits once it has closed. Node's close()
 * closes the connections idle at that moment, but one that is busy then (a request in flight:
 * a link prefetch, a background save) goes back to keep-alive after its response and is
 * closed only when its keep-alive timeout runs out. The test servers keep idle connections
 * 10 minutes (see startApp), so such a stop took 10 minutes (persistence test, a CI run).
 *
 * Here a closing server closes each connection as soon as it is idle: in-flight requests
 * still finish, as a graceful shutdown should, and nothing waits on a keep-alive timer.
 */
"use strict";
const http = require("node:http");

const close = http.Server.prototype.close;
http.Server.prototype.close = function closeThenCloseIdleConnections(...args) {
  const sweep = setInterval(() => this.closeIdleConnections(), 50);
  this.once("close", () => clearInterval(sweep));
  return close.apply(this, args);
};
