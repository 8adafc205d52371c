// A second app server with its own embedded database, for tests that stop and restart the server.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export class OwnServer {
  readonly dataDir = mkdtempSync(path.join(tmpdir(), "koza-e2e-own-"));
  private child: ChildProcess | null = null;
  /** Everything the server wrote to stdout and stderr (e.g. a reset link logged because no SMTP_URL is set). */
  output = "";
  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env() {
    const env: NodeJS.ProcessEnv = { ...process.env, KOZA_DATA_DIR: this.dataDir, NEXT_TELEMETRY_DISABLED: "1" };
    delete env.DATABASE_URL;
    return env;
  }

  /** Migrates and seeds (first time), then serves the existing production build. */
  async start(): Promise<void> {
    const setup = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/db-setup.ts"], {
      cwd: root,
      env: this.env(),
      encoding: "utf8",
    });
    if (setup.status !== 0) throw new Error(`db setup failed: ${setup.stderr}`);
    this.child = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(this.port), "-H", "127.0.0.1"], {
      cwd: root,
      env: this.env(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Read both pipes to the end: an unread pipe would fill up and stall the server.
    for (const stream of [this.child.stdout, this.child.stderr])
      stream?.on("data", (chunk: Buffer) => void (this.output += chunk.toString("utf8")));
    for (let i = 0; i < 100; i++) {
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the server did not become healthy");
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
    this.child = null;
  }
}
