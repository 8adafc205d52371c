import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/integration/setup.ts"],
          // next-auth's ESM imports "next/server" without an extension, which Node's resolver refuses; run through
          // Vite's resolver instead, so the real /api/auth handler loads (the authorization matrix probes it).
          server: { deps: { inline: ["next-auth", "@auth/core"] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One PGlite instance per worker is ~100 MB and initdb is CPU-bound: two workers fit two cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
