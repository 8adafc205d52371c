// `npm start`: migrate and seed the database, build when the sources changed, then serve on PORT (default 3000).
// `npm run dev` does the same but serves with `next dev`.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MissingSecretError, authSecret, dataDir } from "../lib/data-dir.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function fail(message) {
  console.error(`koza: ${message}`);
  process.exit(1);
}

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Secrets: production must bring its own; the embedded mode keeps a generated one in its data folder (lib/data-dir.mjs).
if (!env.AUTH_SECRET) {
  try {
    env.AUTH_SECRET = authSecret(env, root);
  } catch (e) {
    if (e instanceof MissingSecretError) fail(e.message);
    fail(`the data folder ${dataDir(env, root)} is not writable (${e.code ?? e.message}); fix its permissions or set KOZA_DATA_DIR`);
  }
}

if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) run(process.execPath, ["scripts/generate-client.mjs"]);
run(bin("tsx"), ["--conditions=react-server", "scripts/db-setup.ts"]);

/** A fingerprint of everything that goes into a build, so an unchanged checkout starts without rebuilding. */
function sourceStamp() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        hash.update(`${path.relative(root, p)}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of ["app", "lib", "content", "public"]) if (existsSync(path.join(root, d))) walk(path.join(root, d));
  for (const f of ["package-lock.json", "next.config.ts", "postcss.config.mjs", "proxy.ts", "tsconfig.json"])
    if (existsSync(path.join(root, f))) hash.update(`${f}:${statSync(path.join(root, f)).mtimeMs}\n`);
  return hash.digest("hex");
}

const port = env.PORT ?? "3000";
if (dev) {
  spawn(bin("next"), ["dev", "-p", port], { cwd: root, stdio: "inherit", env }).on("exit", (c) => process.exit(c ?? 0));
} else {
  const stampFile = path.join(root, ".next", "koza-build-stamp");
  const stamp = sourceStamp();
  if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
    console.log("koza: building the app (first start, or the sources changed)…");
    run(bin("next"), ["build"]);
    writeFileSync(stampFile, stamp);
  }
  console.log(`koza: serving http://localhost:${port}`);
  const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", port], { cwd: root, stdio: "inherit", env });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}
