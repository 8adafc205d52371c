// Password policy (length, guessability by zxcvbn, not the email or name) and argon2id hashing.
import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/quiz/limits";

describe("passwordProblem", () => {
  it("accepts a long, uncommon password", () => {
    expect(passwordProblem("plaza accord 1985 yen", "ana@example.com")).toBeNull();
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters, and accepts exactly ${MIN_PASSWORD_LENGTH}`, () => {
    expect(passwordProblem("zq8-vt3-m")).toMatch(/at least 10/);
    expect(passwordProblem("zq8-vt3-mx")).toBeNull();
  });

  it("refuses common and guessable passwords, whatever their case, saying why and what to do", () => {
    for (const weak of ["1234567890", "QWERTYUIOP", "password123", "qwerty123456", "Password2024!", "iloveyou12345"])
      expect(passwordProblem(weak), weak).toMatch(/^That password is too easy to guess — .+\. .+\.$/);
    expect(passwordProblem("password123")).toMatch(/commonly used/);
  });

  it("refuses a password that is only spaces, or one character repeated", () => {
    expect(passwordProblem(" ".repeat(12))).toBe("A password cannot be only spaces.");
    expect(passwordProblem("\t ".repeat(6))).toBe("A password cannot be only spaces.");
    expect(passwordProblem("a".repeat(10))).toBe("A password cannot be one character repeated.");
    expect(passwordProblem("😀".repeat(10))).toBe("A password cannot be one character repeated.");
  });

  it("counts the account's email and name as known words", () => {
    const weakForAna = "ana.tanaka-2024";
    expect(passwordProblem(weakForAna, "someone@example.com", "Someone Else")).toBeNull();
    expect(passwordProblem(weakForAna, "ana.tanaka@example.com", "Ana Tanaka")).toMatch(/too easy to guess/);
  });

  it("accepts the demo password and passphrases of a few uncommon words", () => {
    for (const good of ["koza-demo-password", "correct horse battery staple 7", "another good passphrase", "not the right password"])
      expect(passwordProblem(good, "ada@example.test", "Ada Learner"), good).toBeNull();
  });

  it("refuses the account's own email, whatever its case", () => {
    expect(passwordProblem("Ana.Tanaka@Example.com", "ana.tanaka@example.com")).toMatch(/email/);
  });

  it(`refuses more than ${MAX_PASSWORD_LENGTH} characters, and accepts exactly ${MAX_PASSWORD_LENGTH}`, () => {
    const strong = ("plaza accord 1985 yen, " + "x".repeat(MAX_PASSWORD_LENGTH)).slice(0, MAX_PASSWORD_LENGTH);
    expect(passwordProblem(strong + "y")).toMatch(/at most 200/);
    expect(passwordProblem(strong)).toBeNull();
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
