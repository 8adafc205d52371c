// Demo accounts only outside production: production is NODE_ENV=production with a DATABASE_URL.
import { describe, expect, it } from "vitest";
import { isProductionDatabase } from "@/lib/data-dir.mjs";

describe("isProductionDatabase", () => {
  it("is production only with NODE_ENV=production and a DATABASE_URL", () => {
    expect(isProductionDatabase({ NODE_ENV: "production", DATABASE_URL: "postgres://h/db" })).toBe(true);
    expect(isProductionDatabase({ NODE_ENV: "production" })).toBe(false);
    expect(isProductionDatabase({ DATABASE_URL: "postgres://h/db" })).toBe(false);
    expect(isProductionDatabase({ NODE_ENV: "development", DATABASE_URL: "postgres://h/db" })).toBe(false);
  });
});
