// Owns the bench's throwaway PostgreSQL server, for a default run with no BENCH_DATABASE_URL: a fresh cluster in a
// temp folder (initdb, trust auth, loopback only, fsync off as in .ci/run), stopped and deleted when the bench ends,
// however it ends. Needs the PostgreSQL 15 server binaries at /usr/lib/postgresql/15/bin.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assertPortFree, freePort, runStep } from "@/scripts/load/app-instances";
import { BenchInputError } from "./backends";

export const PG_BIN = "/usr/lib/postgresql/15/bin";

export function hasPostgresServer(): boolean {
  return existsSync(path.join(PG_BIN, "initdb")) && existsSync(path.join(PG_BIN, "pg_ctl"));
}

export type Cluster = { url: string; display: string; postmasterPid: number; stop: () => Promise<void> };

/** initdb refuses to run as root: then the cluster belongs to the system's postgres user. */
function runAs(): { user: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { user: "postgres", uid, gid };
  } catch {
    throw new BenchInputError("running as root, and there is no postgres user to own a throwaway cluster; set BENCH_DATABASE_URL");
  }
}

export async function startThrowawayPostgres(port?: number): Promise<Cluster> {
  const chosen = port ?? (await freePort());
  await assertPortFree(chosen).catch(() => {
    throw new BenchInputError(`port ${chosen} on 127.0.0.1 is already in use; choose another with --pg-port`);
  });
  const owner = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), "koza-bench-pg-"));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const cmd = (bin: string, args: string[]) =>
    owner ? { cmd: "runuser", args: ["-u", owner.user, "--", path.join(PG_BIN, bin), ...args] } : { cmd: path.join(PG_BIN, bin), args };
  const step = async (bin: string, args: string[], what: string) => {
    const c = cmd(bin, args);
    const r = await runStep(c.cmd, c.args, { cwd: dir, env: { ...process.env, LC_ALL: "C.UTF-8" }, timeoutMs: 60_000 });
    if (r.code !== 0) throw new BenchInputError(`${what} failed: ${r.output.trim().split("\n").at(-1) || "no output"}`);
  };
  let started = false;
  const stopNow = () => {
    if (started) {
      const c = cmd("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      spawnSync(c.cmd, c.args, { stdio: "ignore", timeout: 20_000 });
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Whatever ends the bench (an error, Ctrl-C) also ends the cluster.
  process.once("exit", stopNow);
  try {
    await step("initdb", ["-D", data, "-U", "koza", "--auth=trust", "-E", "UTF8", "--no-sync"], "initdb of the throwaway PostgreSQL");
    const options = `-h 127.0.0.1 -p ${chosen} -k ${dir} -c fsync=off -c max_connections=50`;
    await step("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", options, "start"], "starting the throwaway PostgreSQL");
    started = true;
  } catch (error) {
    stopNow();
    process.removeListener("exit", stopNow);
    throw error;
  }
  const postmasterPid = Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url: `postgres://koza@127.0.0.1:${chosen}/postgres`,
    display: `a throwaway PostgreSQL 15 on 127.0.0.1:${chosen} (fsync off)`,
    postmasterPid,
    stop: async () => {
      if (started) {
        const c = cmd("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
        await runStep(c.cmd, c.args, { cwd: dir, env: process.env, timeoutMs: 30_000 });
        started = false;
      }
      stopNow();
      process.removeListener("exit", stopNow);
    },
  };
}
