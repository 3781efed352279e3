import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

/*
 * The server tests run twice: on SQLite in "unit", and on PostgreSQL in
 * "postgresql" when SYNACK_TEST_POSTGRES_URL names a server (.ci/run starts a
 * throwaway cluster: scripts/throwaway-postgres.sh). Files that test SQLite
 * itself (its connection, its pragmas, its file on a full disk) run on SQLite only.
 */
const SERVER_TESTS = ["test/server/**/*.test.ts", "test/api/**/*.test.ts", "test/db/**/*.test.ts"];
const SQLITE_ONLY = [
  "test/server/sqlite-connection.test.ts",
  "test/server/serialized-adapter.test.ts",
  "test/server/sqlite-snapshot-client.test.ts",
  "test/api/storage-failure.test.ts",
  // It checks both providers itself, in the unit project.
  "test/db/migration-drift.test.ts",
];
const postgresUrl = process.env.SYNACK_TEST_POSTGRES_URL;
// Whole app servers on the browser tests' build (two `npm start`s on one database; nginx in front of two servers), so they are browser tests.
const WHOLE_SERVER_TESTS = ["test/deploy/two-servers.test.ts", "test/deploy/nginx.test.ts"];
if (!postgresUrl) process.stderr.write("vitest: SYNACK_TEST_POSTGRES_URL is not set, so the server tests run on SQLite only (README, Tests)\n");

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/browser/**", ...WHOLE_SERVER_TESTS],
          environment: "node",
          // The SQLite files every test database is copied from (test/server/sqlite-template.ts).
          globalSetup: ["test/setup/sqlite-templates.ts"],
          setupFiles: ["test/setup/fail-on-console.ts"],
          // Hang guards, not timing goals: a CLI test starts tsx as a process, which took over 20 s on a 2-core
          // machine at load 14 (.ci/run failed there), so the guards are minutes, far above any healthy run.
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      ...(postgresUrl
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgresql",
                include: SERVER_TESTS,
                exclude: SQLITE_ONLY,
                environment: "node",
                env: { SYNACK_TEST_DATABASE: "postgresql" },
                globalSetup: ["test/db/postgres-global-setup.ts"],
                setupFiles: ["test/setup/fail-on-console.ts"],
                testTimeout: 300_000,
                hookTimeout: 600_000,
              },
            },
          ]
        : []),
      {
        resolve: { alias },
        test: {
          name: "browser",
          // test/deploy's servers (two `npm start`s, nginx in front of two servers) run on the browser tests' build: one build for all.
          include: ["test/browser/**/*.test.ts", ...WHOLE_SERVER_TESTS],
          environment: "node",
          // One production build and one server for all browser tests; the files run one at a time against it.
          globalSetup: ["test/browser/global-setup.ts"],
          fileParallelism: false,
          // Tests marked concurrent (accessibility.test.ts's walks) run two at a time: one per core.
          maxConcurrency: 2,
          // Hang guards, not timing goals: the suite must pass on a busy 2-core machine (the crash test's 20
          // restarts took over 5 minutes at load 14).
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
