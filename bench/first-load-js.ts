// First-load JavaScript per main route, as a browser really loads it, against a baseline built in the same run: a
// bare Next.js page (one layout, one page, no dependencies) built and served beside the app. Chromium opens each
// page and every script the HTML references is gzipped and summed; budget = baseline + 25 kB gzip (DESIGN.md §6).
// Also weighs the class page of a 2,000-student class with results (its HTML must stay under 200 kB).
// Run by `npm run bench -- --js`, or alone:  node_modules/.bin/tsx --conditions=react-server bench/first-load-js.ts
// Both builds run every time (so the numbers are of the current sources); BENCH_JS_REUSE_BUILD=1 reuses .next.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";

export const ALLOWANCE_KB = 25;
export const CLASS_PAGE_BUDGET_KB = 200;
const root = path.resolve(import.meta.dirname, "..");
const bareDir = path.join(root, ".bench-bare");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const PORT = Number(process.env.BENCH_JS_PORT ?? 3410);
const BARE_PORT = PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const DEMO_PASSWORD = "koza-demo-password";
const BIG_CLASS_STUDENTS = 2000;

type RouteSize = { route: string; scripts: number; gzipKB: number; overBaselineKB: number; withinBudget: boolean; lazyAfterLoadKB: number };

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/**
 * First-load JS = the scripts the server's HTML itself references (module scripts; `nomodule` polyfills are skipped
 * by modern browsers), gzipped. Chunks a page imports lazily after hydration (charts, CSV) are reported apart.
 */
async function measure(page: Page, url: string): Promise<{ scripts: number; bytes: number; lazyBytes: number }> {
  const all = new Map<string, number>();
  const onResponse = async (res: import("@playwright/test").Response) => {
    if (res.request().resourceType() !== "script" || !res.ok()) return;
    try {
      all.set(new URL(res.url()).pathname, gzipSync(await res.body()).length);
    } catch {
      // aborted by navigation
    }
  };
  page.on("response", onResponse);
  const response = await page.goto(url);
  const html = (await response?.text()) ?? "";
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const initial = [...html.matchAll(/<script\b([^>]*)\bsrc="([^"]+)"([^>]*)>/g)]
    .filter((m) => !/nomodule/i.test(m[1] + m[3]))
    .map((m) => new URL(m[2], url).pathname);
  let bytes = 0;
  for (const src of initial) bytes += all.get(src) ?? gzipSync(await (await page.request.get(new URL(src, url).toString())).body()).length;
  const lazyBytes = [...all.entries()].filter(([src]) => !initial.includes(src)).reduce((sum, [, n]) => sum + n, 0);
  return { scripts: initial.length, bytes, lazyBytes };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${BASE}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard/);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, what: string) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
}

async function serve(args: string[], env: NodeJS.ProcessEnv, port: number, probe: string): Promise<ChildProcess> {
  const child = spawn(bin("next"), ["start", ...args, "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: "ignore" });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${probe}`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`next start on port ${port} did not answer within 60 s (is the port taken?)`);
}

/** The bare page: the framework's own first load, built by the same Next.js with the same settings. */
function buildBare(env: NodeJS.ProcessEnv) {
  rmSync(bareDir, { recursive: true, force: true });
  mkdirSync(path.join(bareDir, "app"), { recursive: true });
  writeFileSync(path.join(bareDir, "package.json"), `{ "name": "bench-bare", "private": true }\n`);
  writeFileSync(path.join(bareDir, "next.config.mjs"), "export default {};\n");
  writeFileSync(
    path.join(bareDir, "app", "layout.jsx"),
    'export default function Layout({ children }) { return <html lang="en"><body>{children}</body></html>; }\n',
  );
  writeFileSync(path.join(bareDir, "app", "page.jsx"), "export default function Page() { return <p>Hello</p>; }\n");
  run(bin("next"), ["build", bareDir], env, "building the bare Next.js page");
}

export async function measureFirstLoadJs() {
  for (const port of [PORT, BARE_PORT])
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        () => true,
        () => false,
      )
    )
      throw new Error(`port ${port} is taken; set BENCH_JS_PORT`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KOZA_DATA_DIR: mkdtempSync(path.join(tmpdir(), "koza-bench-js-")),
    NEXT_TELEMETRY_DISABLED: "1",
    KOZA_DISABLE_SWEEP: "1",
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "1",
  };
  delete env.DATABASE_URL;
  run(bin("tsx"), ["--conditions=react-server", "scripts/db-setup.ts"], env, "database setup");
  run(
    bin("tsx"),
    ["--conditions=react-server", "bench/seed-big-class.ts", String(BIG_CLASS_STUDENTS)],
    env,
    "seeding the 2,000-student class",
  );
  buildBare(env);
  if (!(process.env.BENCH_JS_REUSE_BUILD && existsSync(path.join(root, ".next", "BUILD_ID"))))
    run(bin("next"), ["build"], env, "building the app");

  const bare = await serve([bareDir], env, BARE_PORT, "/");
  const server = await serve([], env, PORT, "/api/health");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  try {
    const baseline = await measure(await (await browser.newContext()).newPage(), `http://127.0.0.1:${BARE_PORT}/`);
    const baselineKB = kb(baseline.bytes);
    const routes: RouteSize[] = [];
    const add = async (page: Page, route: string, url: string) => {
      const m = await measure(page, url);
      const gzipKB = kb(m.bytes);
      routes.push({
        route,
        scripts: m.scripts,
        gzipKB,
        overBaselineKB: Math.round((gzipKB - baselineKB) * 10) / 10,
        withinBudget: gzipKB <= baselineKB + ALLOWANCE_KB,
        lazyAfterLoadKB: kb(m.lazyBytes),
      });
    };
    const anon = await (await browser.newContext()).newPage();
    await add(anon, "/", `${BASE}/`);
    await add(anon, "/learn", `${BASE}/learn`);
    await add(anon, "/learn/[topic]", `${BASE}/learn/plaza-accord`);

    const learner = await (await browser.newContext()).newPage();
    await signIn(learner, "student1@koza.test");
    await add(learner, "/dashboard", `${BASE}/dashboard`);
    await learner.goto(`${BASE}/practice/plaza-accord`);
    await learner.getByRole("button", { name: "Start practice" }).click();
    await learner.waitForURL(/\/attempts\//);
    const attemptUrl = learner.url();
    const fresh = await (await browser.newContext({ storageState: await learner.context().storageState() })).newPage();
    await add(fresh, "/attempts/[id]", attemptUrl);
    await add(fresh, "/review", `${BASE}/review`);

    const teacher = await (await browser.newContext()).newPage();
    await signIn(teacher, "instructor@koza.test");
    const fresh2 = await (await browser.newContext({ storageState: await teacher.context().storageState() })).newPage();
    await add(fresh2, "/teach", `${BASE}/teach`);
    // The class with results (2,000 students): charts and the score table are on this page.
    await add(fresh2, "/teach/classes/[id]", `${BASE}/teach/classes/bench-class`);
    await add(fresh2, "/teach/classes/[id]/items", `${BASE}/teach/classes/bench-class/items`);

    // The whole class page response (HTML with Next's inline RSC payload), as served, at 2,000 students.
    const classPage = async (query: string) => {
      const res = await fresh2.request.get(`${BASE}/teach/classes/bench-class${query}`);
      const body = await res.body();
      return {
        query: query || "(first page)",
        status: res.status(),
        htmlKB: kb(body.length),
        gzipKB: kb(gzipSync(body).length),
        withinBudget: kb(body.length) < CLASS_PAGE_BUDGET_KB,
      };
    };
    const classPageSize = {
      students: BIG_CLASS_STUDENTS,
      budgetKB: CLASS_PAGE_BUDGET_KB,
      pages: [await classPage(""), await classPage("?sort=overall&dir=desc&page=7"), await classPage("?q=Student%2000019")],
    };
    return { baselineKB, allowanceKB: ALLOWANCE_KB, budgetKB: Math.round((baselineKB + ALLOWANCE_KB) * 10) / 10, routes, classPageSize };
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    bare.kill("SIGTERM");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  measureFirstLoadJs()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
