// A learner opens the lesson index, reads the Plaza Accord lesson (contents, sections, key terms) and goes to practise.
import { test, expect } from "@playwright/test";
import { axeViolations } from "./support/axe";

test("lesson index is accessible and lists the topics in order", async ({ page }) => {
  await page.goto("/learn");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lessons");
  await expect(page.getByRole("heading", { level: 2 }).first()).toContainText("1. ");
  await expect(page.getByRole("link", { name: "Practise The Plaza Accord", exact: false })).toHaveAttribute(
    "href",
    "/practice/plaza-accord",
  );
  expect(await axeViolations(page)).toEqual([]);
});

test("the Plaza Accord lesson reads well, is accessible and leads to practice", async ({ page }) => {
  await page.goto("/learn");
  await page
    .getByRole("heading", { level: 2, name: /Plaza Accord/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/\/learn\/plaza-accord$/);

  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("The Plaza Accord (1985)");
  await expect(page).toHaveTitle(/Plaza Accord/);

  const contents = page.getByRole("navigation", { name: "Contents" });
  await expect(contents).toBeVisible();
  const tocLink = contents.getByRole("link", { name: "Five Governments at the Plaza Hotel" });
  await expect(tocLink).toHaveAttribute("href", "#what-was-agreed");
  await tocLink.click();
  await expect(page).toHaveURL(/#what-was-agreed$/);

  const section = page.getByRole("region", { name: "Five Governments at the Plaza Hotel" });
  await expect(section).toHaveAttribute("id", "what-was-agreed");
  await expect(section.getByText(/^From the article, paragraph 4\b/)).toBeVisible();
  await expect(section.getByRole("link", { name: /G7 Research Group/ })).toHaveAttribute("href", "#source-plaza-statement");
  await expect(section.getByText(/Plaza Hotel in New York City/).first()).toBeVisible();

  const keyTerms = page.getByRole("region", { name: "Key terms" });
  await expect(keyTerms.locator("dl dt", { hasText: "Exchange rate" })).toBeVisible();
  await expect(keyTerms.locator("dl dd").first()).not.toBeEmpty();

  await expect(page.locator("#timeline ol time[datetime='1985-09-22']")).toHaveText("22 September 1985");
  await expect(page.locator("#source-plaza-statement a")).toHaveAttribute("href", /g8\.utoronto\.ca/);

  expect(await axeViolations(page)).toEqual([]);

  const others = page.getByRole("navigation", { name: "Other lessons" });
  await expect(others.getByRole("link", { name: /^← Previous lesson:/ })).toHaveAttribute("href", "/learn/trade-friction-1980s");
  await expect(others.getByRole("link", { name: /^Next lesson:/ })).toHaveAttribute("href", "/learn/tpp-to-cptpp");
  await expect(page.getByRole("heading", { name: "Check your understanding" })).toBeVisible();
  await page.getByRole("link", { name: "Practise this topic" }).click();
  await expect(page).toHaveURL(/\/practice\/plaza-accord$/);
});

test("an unknown topic is a 404, not an error", async ({ page }) => {
  const res = await page.goto("/learn/no-such-topic");
  expect(res?.status()).toBe(404);
});
