// Owns the choice of database backend: PGlite under .data/ by default, PostgreSQL when DATABASE_URL is set.
import path from "node:path";

export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string; display: string };

/** A configuration problem a person can fix; the message is one line naming the variable. */
export class DatabaseConfigError extends Error {
  name = "DatabaseConfigError";
}

export const DATA_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.KOZA_DATA_DIR ?? path.join(process.cwd(), ".data"));

export function resolveDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    const dataDir = env.KOZA_DATA_DIR ? path.resolve(/*turbopackIgnore: true*/ env.KOZA_DATA_DIR) : DATA_DIR;
    return { kind: "pglite", dataDir: path.join(dataDir, "pglite") };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseConfigError("DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:")
    throw new DatabaseConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol.replace(/:$/, "")}://)`,
    );
  if (!url.hostname && !url.searchParams.get("host"))
    throw new DatabaseConfigError("DATABASE_URL has no host (expected postgres://user:password@host:5432/database)");
  if (url.pathname.length <= 1) throw new DatabaseConfigError("DATABASE_URL has no database name after the host");
  return { kind: "postgres", url: raw, display: redactUrl(url) };
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
