// Backend selection: PGlite without DATABASE_URL, PostgreSQL with it, a one-line error naming the variable otherwise.
import { describe, expect, it } from "vitest";
import { describeConnectionError, resolveDatabaseConfig } from "@/lib/db/config";
import { EnvError, readEnv, type EnvSource } from "@/lib/env";

const configFor = (source: EnvSource) => resolveDatabaseConfig(readEnv(source));

describe("resolveDatabaseConfig", () => {
  it("uses the embedded database under .data/ when DATABASE_URL is absent or blank", () => {
    for (const env of [{}, { DATABASE_URL: "" }, { DATABASE_URL: "   " }]) {
      const c = configFor(env);
      expect(c.kind).toBe("pglite");
      expect(c.kind === "pglite" && c.dataDir.endsWith("/.data/pglite")).toBe(true);
    }
  });

  it("honours KOZA_DATA_DIR for the embedded database", () => {
    const c = configFor({ KOZA_DATA_DIR: "/tmp/koza-x" });
    expect(c).toEqual({ kind: "pglite", dataDir: "/tmp/koza-x/pglite" });
  });

  it("uses PostgreSQL for postgres:// and postgresql:// URLs, redacting the password", () => {
    for (const url of ["postgres://u:secret@db.example:5433/koza", "postgresql://u:secret@db.example:5433/koza"]) {
      const c = configFor({ DATABASE_URL: url });
      expect(c.kind).toBe("postgres");
      expect(c.kind === "postgres" && c.display).toBe("db.example:5433/koza");
    }
  });

  it.each([
    ["not a url", /not a valid URL/],
    ["mysql://u:p@h/db", /must start with postgres:\/\//],
    ["postgres://u:p@h:5432", /no database name/],
    ["postgres:///koza", /no host/],
  ])("rejects %s with a one-line error naming DATABASE_URL", (url, message) => {
    let error: unknown;
    try {
      configFor({ DATABASE_URL: url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toMatch(/^DATABASE_URL/);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("explains connection failures in one line without the password", () => {
    const config = configFor({ DATABASE_URL: "postgres://u:hunter2@db.example:5432/koza" });
    expect(describeConnectionError({ code: "ENOTFOUND" }, config)).toBe("DATABASE_URL host cannot be found (db.example:5432/koza)");
    expect(describeConnectionError({ code: "28P01" }, config)).toMatch(/wrong user name or password/);
    expect(describeConnectionError({ code: "ECONNREFUSED" }, config)).toMatch(/refused/);
    expect(describeConnectionError({ code: "XX", message: "boom\nstack" }, config)).not.toMatch(/hunter2|\n/);
  });
});
