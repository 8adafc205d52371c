// Owns the bench's databases: an in-memory PGlite, or a throw-away database on a loopback PostgreSQL server
// (refused for any other host; an unreachable server is one clear sentence, not a hang).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { createPrismaClient, setDbForTests, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { pgliteRunner, postgresRunner, type SqlRunner } from "@/lib/db/sql";
import { treeCpuSeconds } from "@/scripts/load/app-instances";
import { postgresBackendCpuMs, type Meter } from "./measure";

export type Backend = {
  kind: "pglite" | "postgres";
  db: Db;
  runner: SqlRunner;
  meter: Meter;
  /** PostgreSQL: the bench database's URL, for an app server to share it. PGlite lives inside this process: none. */
  databaseUrl?: string;
  dispose: () => Promise<void>;
};

export class BenchInputError extends Error {}

export async function openPglite(): Promise<Backend> {
  const pglite = new PGlite();
  const runner = pgliteRunner(pglite);
  await applyMigrations(runner);
  const db = createPrismaClient(new PrismaPGlite(pglite));
  setDbForTests(db, { kind: "pglite", dataDir: ":memory:" });
  // PGlite runs in this process: its CPU is part of process.cpuUsage(), so there is no separate database figure.
  return { kind: "pglite", db, runner, meter: { dbCpu: async () => null }, dispose: () => pglite.close() };
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

/** Refuses anything but a loopback server: the bench creates and drops databases. */
export function checkLoopback(serverUrl: string): URL {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new BenchInputError(`BENCH_DATABASE_URL is not a URL: ${serverUrl}`);
  }
  if (!/^postgres(ql)?:$/.test(url.protocol))
    throw new BenchInputError(`BENCH_DATABASE_URL must be a postgres:// URL, not ${url.protocol}`);
  const socket = url.searchParams.get("host");
  if (!LOOPBACK.has(url.hostname) && !(socket && socket.startsWith("/")))
    throw new BenchInputError(`The bench runs only against a PostgreSQL on this machine (loopback); refusing host ${url.hostname}.`);
  return url;
}

/**
 * A throwaway database bench_<pid> on a loopback server. With `postmasterPid` (a server this bench started and no one
 * else uses) the database CPU is the whole server's, closed connections included; otherwise it is the CPU of the
 * backends connected to bench_<pid> at each reading.
 */
/** Checks a BENCH_DATABASE_URL before the run starts: loopback, and answering. One clear sentence otherwise. */
export async function checkServer(serverUrl: string): Promise<void> {
  const url = checkLoopback(serverUrl);
  const c = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
  } catch (error) {
    throw new BenchInputError(`PostgreSQL at ${url.host || "the local socket"} is unreachable (${(error as Error).message}).`);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function openPostgres(serverUrl: string, o: { postmasterPid?: number } = {}): Promise<Backend> {
  const url = checkLoopback(serverUrl);
  const name = `bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new BenchInputError(`PostgreSQL at ${url.host || "the local socket"} is unreachable (${(error as Error).message}).`);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  const runner = await postgresRunner(url.toString());
  await applyMigrations(runner);
  const db = createPrismaClient(new PrismaPg({ connectionString: url.toString(), max: 10 }));
  setDbForTests(db, { kind: "postgres", url: url.toString(), display: `bench ${name}` });
  return {
    kind: "postgres",
    db,
    runner,
    databaseUrl: url.toString(),
    meter: {
      dbCpu: o.postmasterPid ? async () => treeCpuSeconds(o.postmasterPid!) * 1000 : () => postgresBackendCpuMs(runner),
    },
    dispose: async () => {
      await db.$disconnect();
      await runner.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
