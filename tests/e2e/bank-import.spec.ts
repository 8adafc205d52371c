// An instructor imports a GIFT file in a real browser: the report first (axe-clean), nothing written until Confirm,
// then the import into a new bank, and the bank exports back as GIFT.
import path from "node:path";
import { test, expect } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { INSTRUCTOR_INVITE, signUp, uniqueEmail } from "./support/accounts";

const FIXTURE = path.join(import.meta.dirname, "../fixtures/bank-formats/moodle-features.gift.txt");

test("an instructor reads the import report, confirms, and exports the new bank", async ({ page }) => {
  await signUp(page, { name: "Ines Importer", email: uniqueEmail("ines"), invite: INSTRUCTOR_INVITE });
  await page.goto("/teach/bank/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import questions");
  await page.getByLabel("Bank to import into").selectOption("new");
  await page.getByLabel("Name of the new bank").fill("From Moodle");
  await page.getByLabel("Default topic").selectOption({ index: 1 });
  await page.getByLabel("GIFT or Moodle XML file").setInputFiles(FIXTURE);
  await page.getByRole("button", { name: "Show the import report" }).click();

  const report = page.getByRole("region", { name: /Import report for From Moodle/ });
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(report.getByRole("table", { name: "Every question in the file" })).toContainText("essay question needs a human marker");
  await expect(report.getByRole("table", { name: "Every question in the file" })).toContainText("invalid weight 33.3%");
  expect(await axeViolations(page)).toEqual([]);

  await report.getByRole("button", { name: /Confirm import \(14 questions\)/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported into From Moodle: 14 new questions" })).toBeVisible({
    timeout: 30_000,
  });

  await page.reload();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "GIFT of From Moodle" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(file, "utf8")).toContain("[id:plaza-year]");
});
