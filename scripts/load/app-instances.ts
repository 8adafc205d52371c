// Owns the `next start` processes a load run drives: free-port checks, start and readiness, kill/restart, CPU time from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export class LoadSetupError extends Error {
  name = "LoadSetupError";
}

const READY_TIMEOUT_MS = 90_000;

/**
 * Runs a command to completion with a time limit that holds: the command runs in its own process group and the whole
 * group is killed at the limit (tsx and npm start grandchildren that would otherwise keep the pipes, and us, waiting).
 */
export function runStep(
  cmd: string,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; inherit?: boolean },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env, detached: true, stdio: o.inherit ? "inherit" : ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (b: Buffer) => (output = (output + b.toString("utf8")).slice(-20_000));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const timer = setTimeout(() => {
      output += `\ntimed out after ${o.timeoutMs / 1000} s`;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, o.timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      resolve({ code: null, output: e.message });
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h) || h.startsWith("/");
}

/** Resolves when nothing listens on 127.0.0.1:port; a clear error otherwise. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(new LoadSetupError(`port ${port} on 127.0.0.1 is already in use (${e.code}); choose another with --base-port`)),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

/** A port the OS says is free right now (for runs that do not care which one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Every app process this run started and has not stopped: they die with the harness, however it ends. */
const live = new Set<ChildProcess>();
let exitHooked = false;
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once("exit", () => {
    for (const c of live) c.kill("SIGKILL");
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.once(sig, () => {
      console.error(`load: stopped by ${sig}`);
      process.exit(130);
    });
}

export class AppInstance {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** CPU seconds of processes of this instance that have already exited (a killed one's last reading). */
  private retiredCpu = 0;
  readonly log: string[] = [];
  /** Error signatures seen in the app's output (Prisma codes, socket errors), counted across restarts. */
  readonly signals = new Map<string, number>();

  constructor(
    readonly root: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    await assertPortFree(this.port);
    // scripts/serve.mjs is what `npm start` serves with: `next start` plus the socket address in X-Forwarded-For.
    // KOZA_LOAD_CPU_PROF=<dir> writes a V8 CPU profile per app process there (for finding where a request's CPU goes).
    const profile = process.env.KOZA_LOAD_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.KOZA_LOAD_CPU_PROF}`] : [];
    const child = spawn(
      process.execPath,
      [...profile, path.join(this.root, "scripts", "serve.mjs"), "-p", String(this.port), "-H", "127.0.0.1"],
      {
        cwd: this.root,
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.child = child;
    hookExit();
    live.add(child);
    child.once("exit", () => live.delete(child));
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        this.log.push(line);
        for (const m of line.matchAll(/\b(P\d{4}|E[A-Z]{4,}|Error: [^:(]{1,60})/g))
          this.signals.set(m[1], (this.signals.get(m[1]) ?? 0) + 1);
      }
      if (this.log.length > 400) this.log.splice(0, this.log.length - 400);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    await this.waitReady(child);
  }

  private async waitReady(child: ChildProcess): Promise<void> {
    const until = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < until) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new LoadSetupError(`the app on port ${this.port} exited while starting: ${this.log.slice(-3).join(" | ") || "no output"}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new LoadSetupError(`the app on port ${this.port} did not answer /api/health within ${READY_TIMEOUT_MS / 1000} s`);
  }

  /** SIGKILL, no goodbye: what a crashed or OOM-killed instance looks like to its clients. */
  async kill(): Promise<void> {
    if (!this.child?.pid) return;
    this.retiredCpu += treeCpuSeconds(this.child.pid);
    this.child.kill("SIGKILL");
    await this.exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    this.retiredCpu += treeCpuSeconds(child.pid);
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }

  cpuSeconds(): number {
    return this.retiredCpu + (this.child?.pid ? treeCpuSeconds(this.child.pid) : 0);
  }
}

// ---------- CPU accounting ----------

const CLOCK_TICKS = 100; // USER_HZ on Linux

type ProcStat = { pid: number; ppid: number; comm: string; ticks: number; childTicks: number };

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const f = text.slice(close + 2).split(" "); // f[0] = state (field 3)
    // utime, stime, cutime, cstime are fields 14–17 → f[11..14]
    return { pid, ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

function allStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync("/proc"))
    if (/^\d+$/.test(name)) {
      const s = readStat(Number(name));
      if (s) out.push(s);
    }
  return out;
}

/**
 * CPU seconds used by a process, its living descendants, and the children it has already reaped (cutime/cstime):
 * a PostgreSQL postmaster reaps every backend, so its tree reading includes closed connections too.
 */
export function treeCpuSeconds(rootPid: number): number {
  const stats = allStats();
  const byParent = new Map<number, ProcStat[]>();
  for (const s of stats) {
    const list = byParent.get(s.ppid) ?? [];
    list.push(s);
    byParent.set(s.ppid, list);
  }
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) return 0;
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    const s = stack.pop()!;
    ticks += s.ticks + s.childTicks;
    stack.push(...(byParent.get(s.pid) ?? []));
  }
  return ticks / CLOCK_TICKS;
}

/** The postmaster of a backend process (its parent), when that backend runs on this machine and is visible to us. */
export function postmasterOf(backendPid: number): number | null {
  const s = readStat(backendPid);
  if (!s) return null;
  const parent = readStat(s.ppid);
  return parent && /postgres/.test(parent.comm) ? parent.pid : null;
}

export function hasProductionBuild(root: string): boolean {
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(path.join(root, ".next", "server", "server-reference-manifest.json"))
  );
}

/** Sources a production build is made from: a file here newer than .next/BUILD_ID means the build is of another tree. */
const BUILD_INPUTS = ["app", "lib", "public", "proxy.ts", "middleware.ts", "next.config.ts", "next.config.mjs", "package.json"];

/** The first source file newer than the build in .next (relative path), or null when the build is current. */
export function staleBuildInput(root: string): string | null {
  const builtAt = statSync(path.join(root, ".next", "BUILD_ID")).mtimeMs;
  const stack = BUILD_INPUTS.map((p) => path.join(root, p)).filter((p) => existsSync(p));
  while (stack.length) {
    const p = stack.pop()!;
    const s = statSync(p);
    if (s.isDirectory()) stack.push(...readdirSync(p).map((name) => path.join(p, name)));
    else if (s.mtimeMs > builtAt) return path.relative(root, p);
  }
  return null;
}

/**
 * Runs `next build` when .next holds no production build or one older than the sources (one clear line says which,
 * and that the time is not part of any measurement). Returns whether it built.
 */
export async function ensureProductionBuild(root: string, log: (line: string) => void): Promise<boolean> {
  const why = !hasProductionBuild(root) ? "no production build in .next" : staleBuildInput(root);
  if (!why) return false;
  log(
    `${why === "no production build in .next" ? why : `.next is older than ${why}`}: running \`next build\` first (a few minutes, not measured)…`,
  );
  const r = await runStep(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    timeoutMs: 1_200_000,
    inherit: true,
  });
  if (r.code !== 0) throw new LoadSetupError("`next build` failed or took over 20 minutes; fix the build, then run again");
  return true;
}
