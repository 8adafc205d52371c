// Owns the one Prisma client of the process (on globalThis, so dev reloads and tests share it) and its backend.
import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { lockDataDir } from "./pglite";
import { readEnv } from "@/lib/env";
import { resolveDatabaseConfig, type DatabaseConfig } from "./config";

// Password hashes and authored question data (keys, explanations) stay out of every query result
// unless the code that grades or reviews asks for them by name.
const GLOBAL_OMIT = {
  user: { passwordHash: true },
  questionVersion: { data: true },
} as const;

type Adapter = NonNullable<ConstructorParameters<typeof PrismaClient>[0]["adapter"]>;

/** Every Prisma client (the app's, the tests', the bench's) is built here, so the omit rules above cannot drift. */
export function createPrismaClient(adapter: Adapter) {
  return new PrismaClient({ adapter, omit: GLOBAL_OMIT });
}
export type Db = ReturnType<typeof createPrismaClient>;

function createClient(config: DatabaseConfig): Db {
  return createPrismaClient(createAdapter(config));
}

const DEFAULT_POOL_SIZE = 10;

/** Connections per instance to PostgreSQL; PGlite is one in-process session. */
export function poolSize(config: DatabaseConfig = databaseConfig()): number {
  if (config.kind === "pglite") return 1;
  return readEnv().DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE;
}

function createAdapter(config: DatabaseConfig) {
  if (config.kind === "postgres") return new PrismaPg({ connectionString: config.url, max: poolSize(config) });
  lockDataDir(config.dataDir);
  return new PrismaPGlite(new PGlite(config.dataDir));
}

type Holder = { client?: Db; config?: DatabaseConfig };
declare global {
  var __koza_db: Holder | undefined;
}
const state: Holder = (globalThis.__koza_db ??= {});

/** The process-wide client, created on first use so builds and imports never open the database. */
export function db(): Db {
  if (!state.client) {
    state.config = resolveDatabaseConfig();
    state.client = createClient(state.config);
  }
  return state.client;
}

export function databaseConfig(): DatabaseConfig {
  return state.config ?? resolveDatabaseConfig();
}

export function databaseKind(): DatabaseConfig["kind"] {
  return databaseConfig().kind;
}

/** Tests swap in a client over a fresh database; nothing else calls this. */
export function setDbForTests(client: Db, config: DatabaseConfig): void {
  state.client = client;
  state.config = config;
}

export { createClient };
