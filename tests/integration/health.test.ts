// /api/health on the configured backend, and a 503 with a one-line reason when the database is unreachable.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { createClient, setDbForTests } from "@/lib/db/client";
import { resolveDatabaseConfig } from "@/lib/db/config";
import { readEnv } from "@/lib/env";
import { withTestDatabase, usingPostgres } from "./support/database";

const database = withTestDatabase();

describe("/api/health", () => {
  it("reports ok and the backend in use", async () => {
    database();
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, db: usingPostgres ? "postgres" : "pglite" });
    expect(body.migrations).toBeGreaterThan(0);
  });

  it("answers 503 with a one-line reason when PostgreSQL cannot be reached", async () => {
    const t = database();
    // A loopback port with nothing listening: refused at once, never leaves the machine.
    const config = resolveDatabaseConfig(readEnv({ DATABASE_URL: "postgres://koza:x@127.0.0.1:1/koza" }));
    const previous = { client: t.db };
    setDbForTests(createClient(config), config);
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.ok).toBe(false);
      expect(body.reason).toMatch(/DATABASE_URL/);
      expect(body.reason).not.toMatch(/\n|at .*\.ts/);
      expect(body.reason).not.toContain(":x@");
    } finally {
      setDbForTests(
        previous.client,
        usingPostgres ? { kind: "postgres", url: t.url!, display: "test" } : { kind: "pglite", dataDir: ":memory:" },
      );
    }
  });
});
