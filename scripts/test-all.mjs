// `npm test`: typecheck, lint, content check, unit, integration (PGlite; PostgreSQL too when TEST_DATABASE_URL is set)
// and end-to-end tests (Playwright against `next build && next start`, system Chromium).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ensureDiffTool } from "./lib/prisma-diff.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const only = process.argv.slice(2);

const steps = [
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["typecheck-tools", bin("tsc"), ["--noEmit", "-p", "tsconfig.tools.json"]],
  ["lint", bin("eslint"), ["--max-warnings=0", "."]],
  ["format", bin("prettier"), ["--check", "."]],
  ["content", bin("tsx"), ["--conditions=react-server", "scripts/content-check.ts"]],
  ["unit", bin("vitest"), ["run", "--project", "unit"]],
  ["integration", bin("vitest"), ["run", "--project", "integration"]],
  ["e2e", bin("playwright"), ["test"]],
];

/**
 * End-to-end tests use the system's Chromium (never a Playwright download). On a fresh Debian machine where we are
 * root, install it the way CI does; elsewhere say exactly what to install.
 */
function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  if (candidates.some((p) => existsSync(p))) return true;
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (canApt) {
    console.log("Chromium is missing: installing Debian's chromium package for the end-to-end tests…");
    const env2 = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env: env2 });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: env2 });
    if (existsSync("/usr/bin/chromium")) return true;
  }
  console.error("The end-to-end tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.");
  return false;
}

ensureDiffTool();
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}`);
  if (name === "e2e" && !ensureChromium()) {
    results.push([name, false]);
    break;
  }
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  results.push([name, r.status === 0]);
  if (r.status !== 0) break;
}
const passed = results.filter(([, ok]) => ok).length;
const failed = results.length - passed;
console.log(`\n${results.map(([n, ok]) => `${ok ? "✓" : "✗"} ${n}`).join("  ")}`);
console.log(`steps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
