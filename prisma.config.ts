import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseProvider, databaseUrl } from "./lib/server/database-url";
import { postgresMigrationAdapter } from "./lib/server/postgres-migration-adapter";

// Prisma 7's CLI needs a native engine download that this network refuses;
// Prisma 6.19 runs its schema engine as WebAssembly through the driver adapter.
// DATABASE_URL picks the provider: a postgresql:// URL uses the PostgreSQL
// schema and its own migration history (prisma/postgresql/), anything else SQLite.
const url = databaseUrl();
const postgres = databaseProvider(url) === "postgresql";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgresql/migrations" : "prisma/migrations" },
  async adapter() {
    return postgres ? postgresMigrationAdapter(url) : new PrismaBetterSQLite3({ url });
  },
});
