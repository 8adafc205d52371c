// An LTI 1.3 launch inside an LMS iframe of another site (the test platform at http://localhost:P framing Koza at
// http://127.0.0.1:Q) completes in Chromium: login initiation, the platform's id_token auto-post, Koza's partitioned
// session cookie and the framing CSP for that origin; the instructor lands on the class, the learner on the quiz.
import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { TestPlatform } from "../support/lti-platform";
import { OwnServer } from "./support/own-server";

const root = path.resolve(import.meta.dirname, "../..");
let platform: TestPlatform;
let koza: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  platform = await TestPlatform.start({ browserHost: "localhost" });
  koza = new OwnServer(4100 + Math.floor(Math.random() * 800));
  // Register the platform in Koza's database before the server opens it (the embedded database has one owner).
  const env: NodeJS.ProcessEnv = { ...process.env, KOZA_DATA_DIR: koza.dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  for (const args of [
    ["scripts/db-setup.ts"],
    [
      "scripts/admin.ts",
      "lti",
      "add",
      "--issuer",
      platform.issuer,
      "--client-id",
      platform.clientId,
      "--deployment",
      platform.deploymentId,
      "--auth-url",
      platform.authUrl,
      "--token-url",
      platform.tokenUrl,
      "--jwks-url",
      platform.jwksUrl,
    ],
  ]) {
    const r = spawnSync(tsx, ["--conditions=react-server", ...args], { cwd: root, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
  }
  await koza.start();
  platform.toolLoginUrl = `${koza.url}/api/lti/login`;
  platform.toolJwks = async () => (await fetch(`${koza.url}/api/lti/jwks`)).json();
});

test.afterAll(async () => {
  await koza?.stop();
  await platform?.stop();
});

test("a launch inside another site's iframe signs the person in and shows the class, then the quiz", async ({ page }) => {
  await page.goto(`${platform.issuer}/course?user=teacher-1&role=Instructor&quiz=plaza-accord-quiz`);
  const frame = page.frameLocator('iframe[title="Koza"]');
  await expect(frame.getByRole("heading", { level: 1, name: "Economics 101" })).toBeVisible({ timeout: 30_000 });

  await page.goto(`${platform.issuer}/course?user=learner-1&role=Learner&quiz=plaza-accord-quiz`);
  await expect(frame.getByRole("heading", { level: 1, name: /Plaza Accord/ })).toBeVisible({ timeout: 30_000 });
  await frame.getByRole("button", { name: "Start attempt" }).click();
  await expect(frame.locator("li[id^=question-]").first()).toBeVisible({ timeout: 30_000 });

  // Framed pages name the platform's origin only; outside the LMS frame (no launch cookie) nothing changed.
  const framed = await page.request.get(`${koza.url}/dashboard`);
  expect(framed.headers()["content-security-policy"]).toContain(`frame-ancestors ${platform.issuer}`);
  const outside = await fetch(`${koza.url}/`);
  expect(outside.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(outside.headers.get("x-frame-options")).toBe("DENY");
});
