// Password policy (length, common passwords, not the email) and argon2id hashing.
import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";

describe("passwordProblem", () => {
  it("accepts a long, uncommon password", () => {
    expect(passwordProblem("plaza accord 1985 yen", "ana@example.com")).toBeNull();
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters, and accepts exactly ${MIN_PASSWORD_LENGTH}`, () => {
    expect(passwordProblem("zq8-vt3-m")).toMatch(/at least 10/);
    expect(passwordProblem("zq8-vt3-mx")).toBeNull();
  });

  it("refuses one of the most common passwords, whatever its case", () => {
    expect(passwordProblem("1234567890")).toMatch(/most common/);
    expect(passwordProblem("QWERTYUIOP")).toMatch(/most common/);
  });

  it("refuses the account's own email, whatever its case", () => {
    expect(passwordProblem("Ana.Tanaka@Example.com", "ana.tanaka@example.com")).toMatch(/email/);
  });

  it(`refuses more than ${MAX_PASSWORD_LENGTH} characters, and accepts exactly ${MAX_PASSWORD_LENGTH}`, () => {
    expect(passwordProblem("x7".repeat(MAX_PASSWORD_LENGTH / 2) + "y")).toMatch(/at most 200/);
    expect(passwordProblem("x7".repeat(MAX_PASSWORD_LENGTH / 2))).toBeNull();
  });
});

describe("hashPassword / verifyPassword", () => {
  it("hashes with argon2id and verifies the same password only", async () => {
    const hash = await hashPassword("plaza accord 1985 yen");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(hash).toContain("m=19456,t=2,p=1");
    expect(await verifyPassword(hash, "plaza accord 1985 yen")).toBe(true);
    expect(await verifyPassword(hash, "plaza accord 1985 YEN")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same password here"), hashPassword("same password here")]);
    expect(a).not.toBe(b);
  });

  it("treats a malformed hash as a mismatch rather than throwing", async () => {
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
  });
});
