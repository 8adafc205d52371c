// Issue 16 in a real browser: joining a class from the dashboard (a wrong code first), dates in the browser's zone,
// the start page of a timed quiz (the clock starts there), one Continue with time left, a hideable calm timer;
// "Review missed questions" opening that attempt's misses and ending with a summary; an instructor's home.
import { test, expect, type Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { INSTRUCTOR_INVITE, PASSWORD, signUp, uniqueEmail } from "./support/accounts";

/** Seeded by the embedded mode's demo data (lib/dal/demo-seed.ts): a class with a timed Plaza Accord quiz. */
const DEMO_JOIN_CODE = "DEMO-PLAZA-1985";
const DEMO_CLASS = "Demo class: U.S.–Japan trade";

async function axeClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

test.use({ timezoneId: "Asia/Tokyo" });

test("a student joins by code, sees dates in their zone, and starts a timed quiz from its start page", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, { name: "Jo Joiner", email: uniqueEmail("jo") });

  // A wrong code: the box is offered again with what was typed, the field marked and the reason given.
  const codeField = page.getByLabel("Class join code");
  await codeField.fill("WRONG-CODE-1");
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(page.getByText("That join code does not match any class.", { exact: false })).toBeVisible();
  await expect(codeField).toHaveValue("WRONG-CODE-1");
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await axeClean(page);

  await codeField.fill(DEMO_JOIN_CODE.toLowerCase());
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(page).toHaveURL(/\/dashboard\?joined=/);
  const joined = page.getByRole("status").filter({ hasText: `You joined ${DEMO_CLASS}.` });
  await expect(joined).toBeVisible();
  await expect(joined.getByRole("link", { name: "See the work assigned to you" })).toHaveAttribute("href", "#assigned-work");
  await expect(page.getByText("You are already in this class")).toHaveCount(0);

  // Dates in the browser's zone: the zone is stored once, then the server renders in it (no "UTC" left).
  const card = page.locator("#assigned-work li").filter({ hasText: "Quiz: The Plaza Accord" });
  await expect(async () => {
    await page.reload();
    await expect(card).not.toContainText("UTC", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const due = card.locator("dd time").first();
  const expected = await due.evaluate((el) =>
    new Date(el.getAttribute("datetime")!).toLocaleTimeString("en-US", { timeZone: "Asia/Tokyo", hour: "numeric", minute: "2-digit" }),
  );
  expect((await due.textContent())!.replace(/\s/g, " ")).toContain(expected.replace(/\s/g, " "));
  await axeClean(page);

  // The dashboard's Start opens the start page; nothing has started yet.
  await card.getByRole("link", { name: /^Start/ }).click();
  await expect(page).toHaveURL(/\/assignments\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Quiz: The Plaza Accord" })).toBeVisible();
  await expect(page.getByTestId("time-limit")).toHaveText(/^20 minutes, counted from when you press Start attempt/);
  await expect(page.getByTestId("attempts-left")).toHaveText("3 of 3");
  await expect(page.getByTestId("review-policy")).toContainText("as soon as you submit");
  await axeClean(page);
  const startPage = page.url();
  await page.goto("/dashboard");
  await expect(card.getByRole("link", { name: /^Start/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Continue/ })).toHaveCount(0);

  // "Start attempt" starts the clock and opens the attempt.
  await page.goto(startPage);
  await page.getByRole("button", { name: "Start attempt" }).click();
  await expect(page).toHaveURL(/\/attempts\/[a-z0-9]+$/);
  const timer = page.getByTestId("timer");
  await expect(timer).toHaveText(/Time left 1?9:\d\d/);
  // Calm, not a warning, at the start of a 20-minute quiz.
  await expect(timer).toHaveAttribute("data-warning", "false");
  // Hidden and shown again by keyboard.
  await page.getByRole("button", { name: "Hide timer" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Timer hidden")).toBeVisible();
  await expect(timer).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Show timer" })).toBeFocused();
  await axeClean(page);
  await page.keyboard.press("Enter");
  await expect(timer).toBeVisible();

  // Back on the dashboard: one Continue for the open attempt, with its time left.
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: /^Continue/ })).toHaveCount(1);
  await expect(card.getByTestId("time-left")).toHaveText(/^\d+ minutes left \(ends /);
  await axeClean(page);
});

test("'Review missed questions' opens that attempt's misses now and ends with a summary", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, { name: "Mo Missed", email: uniqueEmail("mo") });
  await page.goto("/practice/plaza-accord");
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page).toHaveURL(/\/attempts\/[a-z0-9]+$/);
  const attemptPath = new URL(page.url()).pathname;
  // Submit without answering: every question is a miss (an untouched ordering question still counts as answered).
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { name: /Your score/ })).toBeVisible();

  const link = page.getByRole("link", { name: /^Review missed questions \(\d+\)$/ });
  const missed = Number((await link.textContent())!.match(/\((\d+)\)/)![1]);
  expect(missed).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/review\\?attempt=${attemptPath.split("/").pop()}$`));
  await expect(page.getByRole("heading", { level: 1, name: /^Missed questions: / })).toBeVisible();
  await axeClean(page);

  // No waiting for the spaced schedule: each miss is shown once, answered, and the session ends with its summary.
  for (let i = 0; i < missed; i++) {
    await page.getByRole("button", { name: "Check answer" }).click();
    await expect(page.getByText(/This question comes back/)).toBeVisible();
    await page.getByRole("button", { name: "Next question" }).click();
    if (i < missed - 1) await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Session complete" })).toBeVisible();
  const summary = page.getByTestId("review-summary");
  await expect(summary).toContainText(`${missed} question`);
  await expect(summary).toContainText("Next due");
  await axeClean(page);
});

test("an instructor lands on /teach, whose class cards show this week's work and flagged questions", async ({ page }) => {
  const email = uniqueEmail("tia");
  await signUp(page, { name: "Tia Teacher", email, invite: INSTRUCTOR_INVITE });
  await expect(page).toHaveURL(/\/teach$/);
  await page.getByLabel("Class name").fill("Period 3 Econ");
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Period 3 Econ");

  // Signing in again lands on the classes, not on a learner dashboard.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/teach$/, { timeout: 20_000 });
  const cardOf = page.getByRole("article", { name: "Period 3 Econ" });
  await expect(cardOf.getByRole("heading", { name: "Due this week" })).toBeVisible();
  await expect(cardOf).toContainText("Nothing is due this week.");
  await expect(cardOf.getByRole("heading", { name: "Flagged by item statistics" })).toBeVisible();
  await axeClean(page);
});
