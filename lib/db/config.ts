// Owns the choice of database backend: PGlite under .data/ by default, PostgreSQL when DATABASE_URL is set.
import path from "node:path";
import { dataFolder, readEnv, type Env } from "@/lib/env";

export type DatabaseConfig = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; display: string };

/** A problem with the embedded database's folder a person can fix; the message is one line. */
export class DatabaseConfigError extends Error {
  name = "DatabaseConfigError";
}

/** The backend for a validated environment; DATABASE_URL's shape is checked in lib/env.ts. */
export function resolveDatabaseConfig(env: Env = readEnv()): DatabaseConfig {
  if (!env.DATABASE_URL) return { kind: "pglite", dataDir: path.join(dataFolder(env), "pglite") };
  return { kind: "postgres", url: env.DATABASE_URL, display: redactUrl(new URL(env.DATABASE_URL)) };
}

/** host:port/db without credentials, for logs and error messages. */
export function redactUrl(url: URL): string {
  return `${url.hostname || url.searchParams.get("host")}${url.port ? `:${url.port}` : ""}${url.pathname}`;
}

/** Turns a driver error into one line a person can act on (no stack, no password). */
export function describeConnectionError(error: unknown, config: DatabaseConfig): string {
  const e = error as { code?: string; message?: string };
  const where = config.kind === "postgres" ? config.display : config.dataDir;
  switch (e?.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `DATABASE_URL host cannot be found (${where})`;
    case "ECONNREFUSED":
      return `DATABASE_URL refused the connection: is PostgreSQL running at ${where}?`;
    case "ETIMEDOUT":
      return `DATABASE_URL did not answer in time (${where})`;
    case "28P01":
    case "28000":
      return `DATABASE_URL was rejected: wrong user name or password for ${where}`;
    case "3D000":
      return `DATABASE_URL names a database that does not exist (${where})`;
    default:
      return `${config.kind === "postgres" ? "DATABASE_URL" : "embedded database"} unreachable (${where}): ${String(e?.message ?? error).split("\n")[0]}`;
  }
}
