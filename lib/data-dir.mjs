// Owns the embedded mode's files: the data folder (.data/ or KOZA_DATA_DIR) and the AUTH_SECRET generated in it, and the
// rule for when that mode's defaults stop applying (production on PostgreSQL). Plain JavaScript so `npm start`
// (scripts/start.mjs, plain node) and the app (through lib/env.ts) share one copy; types in data-dir.d.mts.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export class MissingSecretError extends Error {
  name = "MissingSecretError";
}

/** The data folder: KOZA_DATA_DIR (relative to the project root) or <root>/.data. */
export function dataDir(env, root) {
  return env.KOZA_DATA_DIR
    ? path.resolve(/*turbopackIgnore: true*/ root, env.KOZA_DATA_DIR)
    : path.join(/*turbopackIgnore: true*/ root, ".data");
}

/** Production on a shared PostgreSQL: no demo accounts, and every instance must bring the same AUTH_SECRET. */
export function isProductionDatabase(env) {
  return env.NODE_ENV === "production" && Boolean(env.DATABASE_URL);
}

/**
 * AUTH_SECRET, or the embedded mode's own one in <data folder>/auth-secret, created on first use unless `create` is
 * false. Production never invents a secret: several instances must share one.
 */
export function authSecret(env, root, { create = true } = {}) {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (isProductionDatabase(env))
    throw new MissingSecretError("AUTH_SECRET is not set; production needs one (generate it with: openssl rand -base64 32)");
  const file = path.join(dataDir(env, root), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  if (!create) throw new MissingSecretError(`AUTH_SECRET is not set and ${file} does not exist; run npm start once`);
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
