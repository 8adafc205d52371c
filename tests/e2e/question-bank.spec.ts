// An instructor's own bank in a real browser: create a bank, write a single-choice question with the keyboard alone,
// see the learner's preview, save, change the key (a new version) and run the regrade dry run; axe-clean throughout.
import { test, expect, type Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { INSTRUCTOR_INVITE, signUp, uniqueEmail } from "./support/accounts";

async function expectAxeClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** Focuses a control and types into it with the keyboard. */
async function typeInto(page: Page, label: string | RegExp, text: string) {
  await page.getByLabel(label, { exact: typeof label === "string" }).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

test("an instructor writes a question with the keyboard, previews it, saves, changes the key and dry-runs a regrade", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, { name: "Bea Bank", email: uniqueEmail("bea"), invite: INSTRUCTOR_INVITE });
  await page.goto("/teach/bank");
  await typeInto(page, "New bank name", "Plaza drills");
  await page.getByRole("button", { name: "Create bank" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Plaza drills/ })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("link", { name: "New question in Plaza drills" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("New question in Plaza drills");
  const key = `e2e-plaza-year-${Date.now().toString(36)}`;
  await typeInto(page, "Key", key);
  await typeInto(page, "Prompt", "In which year did the G5 sign the Plaza Accord?");
  await typeInto(page, "Option 1 text", "1985");
  await typeInto(page, "Option 2 text", "1987");
  await typeInto(page, "Option 3 text", "1971");
  // Three options are enough: remove the fourth with its button, by keyboard.
  await page.getByRole("button", { name: "Remove option 4" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Option 4 text")).toHaveCount(0);

  // The preview is the learner's own control: the options as radio buttons, nothing marked.
  const preview = page.getByRole("region", { name: "Preview (as a student sees it)" });
  await expect(preview.getByText("In which year did the G5 sign the Plaza Accord?")).toBeVisible();
  await expect(preview.getByRole("radio")).toHaveCount(3);
  await expect(preview.getByRole("radio", { name: "1985" })).not.toBeChecked();
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Save question" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/teach\/bank\/[^/]+\/questions\/[^/]+$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("version 1");

  // Change the key: option 2 becomes the correct one (Space on its radio), saved as version 2.
  await page.getByLabel("Option 2 is correct").focus();
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Option 2 is correct")).toBeChecked();
  await page.getByRole("button", { name: "Save question" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Saved as version 2." })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("version 2");

  // Past attempts: the dry run lists what a regrade would change (nobody answered yet) and changes nothing.
  const pastAttempts = page.getByRole("region", { name: "Past attempts" });
  await pastAttempts.getByRole("button", { name: /Regrade past attempts/ }).focus();
  await page.keyboard.press("Enter");
  await expect(pastAttempts.getByRole("status")).toContainText(
    "Dry run: 0 attempts would be regraded against version 2. Nothing has changed yet.",
  );
  await expectAxeClean(page);
});
