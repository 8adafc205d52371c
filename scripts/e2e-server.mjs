// Serves the production build for Playwright on a fresh embedded database in a temporary folder.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.argv[2] ?? "3100";
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  KOZA_DATA_DIR: process.env.KOZA_E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "koza-e2e-")),
  KOZA_INSTRUCTOR_INVITE_CODE: "e2e-instructor-invite",
};
delete env.DATABASE_URL;
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(bin("tsx"), ["--conditions=react-server", "scripts/db-setup.ts"]);
if (!process.env.E2E_SKIP_BUILD) step(bin("next"), ["build"]);
const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], { cwd: root, stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
