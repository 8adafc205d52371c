// Owns AUTH_SECRET: required in production; the embedded mode generates one under .data/ and reuses it.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "@/lib/db/config";

export class MissingSecretError extends Error {
  name = "MissingSecretError";
}

export function embeddedSecretFile(): string {
  return path.join(process.env.KOZA_DATA_DIR ? path.resolve(process.env.KOZA_DATA_DIR) : DATA_DIR, "auth-secret");
}

/** Production (NODE_ENV=production with DATABASE_URL) never invents a secret: several instances must share one. */
export function resolveAuthSecret(env: Record<string, string | undefined> = process.env, { create = true } = {}): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === "production" && env.DATABASE_URL)
    throw new MissingSecretError("AUTH_SECRET is not set; production needs one (generate it with: openssl rand -base64 32)");
  const file = embeddedSecretFile();
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  if (!create) throw new MissingSecretError(`AUTH_SECRET is not set and ${file} does not exist; run npm start once`);
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
