// First-load JavaScript per main route, as a browser really loads it: Chromium opens each page of a production build
// and every script response is gzipped and summed (DESIGN.md §6 budget: 130 kB gzip). Run by bench/run.ts, or alone:
//   node_modules/.bin/tsx --conditions=react-server bench/first-load-js.ts      (builds first if there is no .next)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";

export const FIRST_LOAD_BUDGET_KB = 130;
const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const PORT = Number(process.env.BENCH_JS_PORT ?? 3410);
const BASE = `http://127.0.0.1:${PORT}`;
const DEMO_PASSWORD = "koza-demo-password";

type RouteSize = { route: string; scripts: number; gzipKB: number; withinBudget: boolean; lazyAfterLoadKB: number };

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/**
 * First-load JS = the scripts the server's HTML itself references (module scripts; `nomodule` polyfills are skipped
 * by modern browsers), gzipped. Chunks a page imports lazily after hydration (charts, CSV) are reported apart.
 */
async function measure(page: Page, route: string, url: string): Promise<RouteSize> {
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
  let initialBytes = 0;
  for (const src of initial) {
    const size = all.get(src) ?? gzipSync(await (await page.request.get(new URL(src, url).toString())).body()).length;
    initialBytes += size;
  }
  const lazyBytes = [...all.entries()].filter(([src]) => !initial.includes(src)).reduce((sum, [, n]) => sum + n, 0);
  return { route, scripts: initial.length, gzipKB: kb(initialBytes), withinBudget: kb(initialBytes) <= FIRST_LOAD_BUDGET_KB, lazyAfterLoadKB: kb(lazyBytes) };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${BASE}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard/);
}

async function startServer(): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, KOZA_DATA_DIR: mkdtempSync(path.join(tmpdir(), "koza-bench-js-")), NEXT_TELEMETRY_DISABLED: "1", KOZA_DISABLE_SWEEP: "1" };
  delete env.DATABASE_URL;
  const setup = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/db-setup.ts"], { cwd: root, env, stdio: "ignore" });
  if (setup.status !== 0) throw new Error("database setup failed");
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) spawnSync(bin("next"), ["build"], { cwd: root, env, stdio: "inherit" });
  const child = spawn(bin("next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], { cwd: root, env, stdio: "ignore" });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error("the server did not start");
}

export async function measureFirstLoadJs(): Promise<{ budgetKB: number; routes: RouteSize[] }> {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
  try {
    const routes: RouteSize[] = [];
    const anon = await (await browser.newContext()).newPage();
    routes.push(await measure(anon, "/", `${BASE}/`));
    routes.push(await measure(anon, "/learn", `${BASE}/learn`));
    routes.push(await measure(anon, "/learn/[topic]", `${BASE}/learn/plaza-accord`));

    const learner = await (await browser.newContext()).newPage();
    await signIn(learner, "student1@koza.test");
    routes.push(await measure(learner, "/dashboard", `${BASE}/dashboard`));
    await learner.goto(`${BASE}/practice/plaza-accord`);
    await learner.getByRole("button", { name: "Start practice" }).click();
    await learner.waitForURL(/\/attempts\//);
    const attemptUrl = learner.url();
    const fresh = await (await browser.newContext({ storageState: await learner.context().storageState() })).newPage();
    routes.push(await measure(fresh, "/attempts/[id]", attemptUrl));
    routes.push(await measure(fresh, "/review", `${BASE}/review`));

    const teacher = await (await browser.newContext()).newPage();
    await signIn(teacher, "instructor@koza.test");
    await teacher.goto(`${BASE}/teach`);
    const classHref = await teacher.locator('a[href^="/teach/classes/"]').first().getAttribute("href");
    const fresh2 = await (await browser.newContext({ storageState: await teacher.context().storageState() })).newPage();
    routes.push(await measure(fresh2, "/teach/classes/[id]", `${BASE}${classHref}`));
    return { budgetKB: FIRST_LOAD_BUDGET_KB, routes };
  } finally {
    await browser.close();
    server.kill("SIGTERM");
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
