import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/browser/**"],
          environment: "node",
          setupFiles: ["test/setup/fail-on-console.ts"],
          // Hang guards, not timing goals: a CLI test starts tsx as a process, which took over 20 s on a 2-core
          // machine at load 14 (.ci/run failed there), so the guards are minutes, far above any healthy run.
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
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
