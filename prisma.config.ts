import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./lib/server/database-url";

// Prisma 7's CLI needs a native engine download that this network refuses;
// Prisma 6.19 runs its schema engine as WebAssembly through the driver adapter.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl() });
  },
});
