// Owns the bench's app server: a production `next start` of this tree (scripts/load/app-instances.ts) on the bench's
// PostgreSQL database, its submit action's id, session cookies minted with its secret, and a meter that reads the
// app process's CPU from /proc (not this process's: the HTTP client is the browser's share, not the server's).
import { randomBytes } from "node:crypto";
import { AppInstance, isLoopbackHost } from "@/scripts/load/app-instances";
import { CookieJar, mintSessionCookie, readActionIds } from "@/scripts/load/http-client";
import type { Backend } from "./backends";
import type { Meter } from "./measure";

export type BenchApp = {
  baseUrl: string;
  submitActionId: string;
  /** Signed in as this learner (a session cookie as sign-in issues it). */
  jarFor: (userId: string) => Promise<CookieJar>;
  /** App process CPU (from /proc) + the database's, for the real path's rounds. */
  meter: Meter;
  stop: () => Promise<void>;
};

export async function startBenchApp(root: string, b: Backend, port: number): Promise<BenchApp> {
  if (!b.databaseUrl) throw new Error("the app server needs a PostgreSQL database (PGlite lives inside one process)");
  const submitActionId = readActionIds(root).get("submitAttemptAction");
  if (!submitActionId) throw new Error("the build in .next has no submitAttemptAction; rebuild it with `npx next build`");
  const secret = randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: b.databaseUrl,
    AUTH_SECRET: secret,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  delete env.KOZA_DATA_DIR;
  const app = new AppInstance(root, port, env);
  await app.start();
  if (!isLoopbackHost(new URL(app.baseUrl).hostname)) throw new Error(`the app URL ${app.baseUrl} is not on this machine`);
  return {
    baseUrl: app.baseUrl,
    submitActionId,
    jarFor: async (userId) => {
      const jar = new CookieJar();
      await mintSessionCookie(jar, { id: userId, role: "LEARNER" }, secret);
      return jar;
    },
    meter: { dbCpu: b.meter.dbCpu, cpu: () => app.cpuSeconds() * 1000 },
    stop: () => app.stop(),
  };
}
