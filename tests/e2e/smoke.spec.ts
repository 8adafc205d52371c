// The home page loads in Chromium, is axe-clean, and the health endpoint reports the embedded database.
import { test, expect } from "@playwright/test";
import { axeViolations } from "./support/axe";

test("home page loads and is accessible", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Allies and Capital");
  await expect(page.getByRole("link", { name: /Plaza Accord/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("health reports the embedded database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, db: "pglite" });
});

test("a signed-out visitor sent to sign-in is told why", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?next=%2Fdashboard/);
  await expect(page.getByRole("status").filter({ hasText: "Sign in to see your dashboard." })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
