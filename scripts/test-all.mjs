// `npm test`: typecheck, lint, content check, unit, integration (PGlite; PostgreSQL too when TEST_DATABASE_URL is set)
// and end-to-end tests (Playwright against `next build && next start`, system Chromium).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureDiffTool } from "./lib/prisma-diff.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const only = process.argv.slice(2);

const steps = [
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["lint", bin("eslint"), ["--max-warnings=0", "."]],
  ["content", bin("tsx"), ["--conditions=react-server", "scripts/content-check.ts"]],
  ["unit", bin("vitest"), ["run", "--project", "unit"]],
  ["integration", bin("vitest"), ["run", "--project", "integration"]],
  ["e2e", bin("playwright"), ["test"]],
];

ensureDiffTool();
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  results.push([name, r.status === 0]);
  if (r.status !== 0) break;
}
const passed = results.filter(([, ok]) => ok).length;
const failed = results.length - passed;
console.log(`\n${results.map(([n, ok]) => `${ok ? "✓" : "✗"} ${n}`).join("  ")}`);
console.log(`steps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
