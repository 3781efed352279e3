import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildApp, freePorts, prepareDatabase, startApp, stopApp, type AppServer } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    databasePath: string;
    appPort: number;
    /** A migrated database with content loaded and never served: copy it (copyDatabase) for a server of your own. */
    templateDatabasePath: string;
  }
}

let server: AppServer | undefined;

/** Builds the app once and serves it for every browser test file. */
export async function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), "synack-browser-"));
  const databasePath = join(folder, "app.db");
  prepareDatabase(databasePath);
  const templateDatabasePath = join(folder, "template.db");
  copyFileSync(databasePath, templateDatabasePath);
  project.provide("templateDatabasePath", templateDatabasePath);
  await buildApp(databasePath);
  // appPort and the 5 after it: persistence (+1), concurrency (+2, +3), crash (+4), storage faults (+5).
  const port = await freePorts(6);
  server = await startApp(databasePath, port);
  project.provide("appUrl", server.url);
  project.provide("databasePath", databasePath);
  project.provide("appPort", port);
}

export async function teardown() {
  if (server) await stopApp(server);
}
