import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests run once per database: always on the embedded PGlite, and on a real
// PostgreSQL as well when TEST_POSTGRES_URL points at one (.ci/run starts a throwaway cluster).
const alias = { "@": path.resolve(__dirname, "src") };
const postgresUrl = process.env.TEST_POSTGRES_URL;

const integration = (name: string, env: Record<string, string>, groupOrder: number) => ({
  resolve: { alias },
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    env,
    // One migrated PGlite image / PostgreSQL template per run, copied by every test database; and the
    // TypeScript entry points that tests start as child processes, bundled once (node-command.ts).
    globalSetup: ["tests/setup/integration-databases.ts", "tests/setup/cli-bundles.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file opens its own database; two cores are not enough to run many at once.
    maxWorkers: 2,
    // Vitest refuses projects with different maxWorkers in one group; this also runs the databases one after the other.
    sequence: { groupOrder },
  },
});

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/ca/**/*.test.ts"],
          testTimeout: 60_000,
          // Vitest's default in a run is one worker fewer than the cores: one of CI's two cores sat idle.
          maxWorkers: 2,
        },
      },
      integration("integration-pglite", { TEST_DB: "pglite" }, 1),
      ...(postgresUrl ? [integration("integration-postgres", { TEST_DB: "postgres", TEST_POSTGRES_URL: postgresUrl }, 2)] : []),
    ],
  },
});
