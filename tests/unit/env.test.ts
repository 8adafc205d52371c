// lib/env.ts: every variable validated, a bad one reported in one sentence naming it; the embedded mode's folder and
// generated secret come from lib/data-dir.mjs, which `npm start` shares.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ENV_NAMES, EnvError, dataFolder, readEnv } from "@/lib/env";
import { MissingSecretError, resolveAuthSecret } from "@/lib/auth/secret";

function errorOf(source: Record<string, string>): Error {
  try {
    readEnv(source);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

describe("readEnv", () => {
  it("treats blank values as unset and reads numbers and flags", () => {
    const env = readEnv({ DATABASE_URL: " ", AUTH_SECRET: "", DATABASE_POOL_SIZE: " 12 ", KOZA_DISABLE_SWEEP: "1" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.DATABASE_POOL_SIZE).toBe(12);
    expect(env.KOZA_DISABLE_SWEEP).toBe(true);
    expect(readEnv({}).KOZA_DISABLE_SWEEP).toBe(false);
  });

  it.each([
    [{ DATABASE_POOL_SIZE: "0" }, /^DATABASE_POOL_SIZE must be a whole number from 1/],
    [{ DATABASE_POOL_SIZE: "ten" }, /^DATABASE_POOL_SIZE .*"ten"/],
    [{ DATABASE_POOL_SIZE: "2.5" }, /^DATABASE_POOL_SIZE/],
    [{ DATABASE_URL: "postgres:///koza" }, /^DATABASE_URL has no host/],
    [{ NODE_ENV: "staging" }, /^NODE_ENV must be development, production or test/],
    [{ KOZA_INSTRUCTOR_INVITE_CODE: "short" }, /^KOZA_INSTRUCTOR_INVITE_CODE must be at least 8 characters/],
    [{ AUTH_GITHUB_ID: "id-only" }, /^AUTH_GITHUB_SECRET is not set: set both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET/],
    [{ AUTH_GOOGLE_SECRET: "secret-only" }, /^AUTH_GOOGLE_ID is not set/],
    [{ SMTP_URL: "mail.example:25" }, /^SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    [{ SMTP_URL: "smtp://mail.example:25" }, /^KOZA_PUBLIC_URL is not set: mail links need it when SMTP_URL is set/],
    [{ KOZA_PUBLIC_URL: "javascript:alert(1)" }, /^KOZA_PUBLIC_URL must be an http/],
  ])("refuses %j with one sentence naming the variable", (source, message) => {
    const error = errorOf(source);
    expect(error).toBeInstanceOf(EnvError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });
});

describe(".env.example", () => {
  it("has a line for every variable the app reads", () => {
    const lines = readFileSync(path.join(process.cwd(), ".env.example"), "utf8").split("\n");
    expect(ENV_NAMES.length).toBeGreaterThan(10);
    for (const name of ENV_NAMES) expect(lines, name).toContain(`${name}=`);
  });
});

describe("the embedded data folder and its AUTH_SECRET", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), "koza-env-"));
    dirs.push(d);
    return d;
  };

  it("is .data/ in the project unless KOZA_DATA_DIR names another folder", () => {
    expect(dataFolder(readEnv({}))).toBe(path.join(process.cwd(), ".data"));
    expect(dataFolder(readEnv({ KOZA_DATA_DIR: "/tmp/koza-x" }))).toBe("/tmp/koza-x");
  });

  it("generates the secret once, private to the owner, and reuses it", () => {
    const dir = tempDir();
    expect(() => resolveAuthSecret(readEnv({ KOZA_DATA_DIR: dir }), { create: false })).toThrow(MissingSecretError);
    const secret = resolveAuthSecret(readEnv({ KOZA_DATA_DIR: dir }));
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(secret);
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret(readEnv({ KOZA_DATA_DIR: dir }))).toBe(secret);
    expect(resolveAuthSecret(readEnv({ KOZA_DATA_DIR: dir, AUTH_SECRET: "from-env" }))).toBe("from-env");
  });

  it("never invents one for production on PostgreSQL", () => {
    const env = readEnv({ KOZA_DATA_DIR: tempDir(), NODE_ENV: "production", DATABASE_URL: "postgres://u:p@h:5432/koza" });
    expect(() => resolveAuthSecret(env)).toThrow(/^AUTH_SECRET is not set; production needs one/);
  });
});
