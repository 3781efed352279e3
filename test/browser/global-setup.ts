import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildApp, prepareDatabase, startApp, stopApp, type AppServer } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    databasePath: string;
    appPort: number;
  }
}

let server: AppServer | undefined;

/** Builds the app once and serves it for every browser test file. */
export async function setup(project: TestProject) {
  const databasePath = join(mkdtempSync(join(tmpdir(), "synack-browser-")), "app.db");
  prepareDatabase(databasePath);
  buildApp(databasePath);
  const port = 3900 + Math.floor(Math.random() * 90);
  server = await startApp(databasePath, port);
  project.provide("appUrl", server.url);
  project.provide("databasePath", databasePath);
  project.provide("appPort", port);
}

export async function teardown() {
  if (server) await stopApp(server);
}
