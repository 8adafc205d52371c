// A self-learner's loop in a real browser: sign up (no class) → practise a topic by keyboard, leaving one question
// unanswered → submit and read the review → the missed question comes back in /review (FSRS "Again" = about a
// minute) and is answered there → the dashboard shows the topic's mastery moved, the attempt and the score history.
import { test, expect, type Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { signUp, uniqueEmail } from "./support/accounts";

const TOPIC = "plaza-accord";

async function axeClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** What has keyboard focus, and which question (li#question-N) it belongs to. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    return {
      tag: el.tagName.toLowerCase(),
      type: (el as HTMLInputElement).type ?? "",
      text: el.textContent?.trim() ?? "",
      name: (el as HTMLInputElement).name ?? "",
      id: el.id,
      question: el.closest("li[id^=question-]")?.id ?? "",
      inReview: Boolean(el.closest("section[aria-labelledby=review-card-heading]")),
    };
  });
}

/** Answers the focused control with the keyboard; returns false when it is not an answer control. */
async function answerFocused(page: Page, f: NonNullable<Awaited<ReturnType<typeof focused>>>): Promise<boolean> {
  if (f.tag === "input" && (f.type === "radio" || f.type === "checkbox")) await page.keyboard.press("Space");
  else if (f.tag === "input" && f.type === "text") await page.keyboard.type("1985");
  else if (f.tag === "select") await page.keyboard.press("ArrowDown");
  else if (f.tag === "button" && f.text === "Down") await page.keyboard.press("Enter");
  else return false;
  return true;
}

test("a self-learner practises, reviews a missed question on schedule and sees progress move", async ({ page }) => {
  // Waiting for FSRS's first "Again" step (one minute) is part of the story.
  test.setTimeout(240_000);
  await signUp(page, { name: "Sam Self", email: uniqueEmail("sam") });

  // Dashboard before: no class needed, the topic not started, nothing to review, practice links for every topic.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Your dashboard" })).toBeVisible();
  const plazaBar = page.getByRole("progressbar", { name: /Plaza Accord.*mastery level/ });
  await expect(plazaBar).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByTestId("review-due-count")).toContainText("No questions to review yet");
  await axeClean(page);
  await page.getByRole("link", { name: /^Practise: The Plaza Accord/ }).click();
  await expect(page).toHaveURL(new RegExp(`/practice/${TOPIC}$`));

  // Start and answer by keyboard alone, leaving question 1 unanswered (a sure miss).
  await page.getByRole("button", { name: "Start practice" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/attempts\/[a-z0-9]+$/);
  await expect(page.getByText(/Question 1 of/)).toBeVisible();
  const touched = new Set<string>();
  await page
    .locator("main")
    .focus()
    .catch(() => undefined);
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (!f) continue;
    if (f.tag === "button" && f.text === "Review and submit") {
      await page.keyboard.press("Enter");
      break;
    }
    if (!f.question || f.question === "question-1") continue;
    const key = `${f.question}:${f.tag === "button" ? "ordering" : f.name || f.id}`;
    if (touched.has(key)) continue;
    if (await answerFocused(page, f)) touched.add(key);
  }
  await expect(page.getByRole("heading", { name: "Ready to submit?" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Question 1" })).toBeVisible(); // listed as unanswered
  await expect(page.getByText("All answers saved")).toBeVisible();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if ((await focused(page))?.text === "Submit answers") break;
  }
  await page.keyboard.press("Enter");

  // The review of the attempt: score, the missed question marked, explanations.
  await expect(page.getByRole("heading", { name: /Your score/ })).toBeVisible();
  // Question 1 was left alone: "Not answered", or, when it is an ordering question, graded as the order shown (issue 16
  // item 6), which a shuffle makes at best partly right.
  await expect(page.getByText(/(Not answered|Incorrect|Partly correct) · /).first()).toBeVisible();
  await expect(page.getByText("Explanation").first()).toBeVisible();
  const attemptPath = new URL(page.url()).pathname;

  // Right away, the dashboard knows the review schedule: nothing due yet, the next one within minutes.
  await page.goto("/dashboard");
  await expect(page.getByTestId("review-due-count")).toContainText(/due for review now|comes back in \d+ minutes?/);

  // The missed question is due about a minute after the attempt: /review shows it then (reloading until it does).
  await page.goto("/review");
  await expect(page.getByRole("heading", { level: 1, name: "Spaced review" })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  await axeClean(page);

  // Answer it by keyboard, check, and read the key, the explanation and the lesson link.
  await page
    .locator("main")
    .focus()
    .catch(() => undefined);
  let answered = false;
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (!f?.inReview) continue;
    if (f.tag === "button" && f.text === "Check answer") {
      await page.keyboard.press("Enter");
      break;
    }
    if (!answered && (await answerFocused(page, f))) answered = true;
  }
  await expect(page.getByText(/This question comes back in/)).toBeVisible();
  await expect(page.getByText("Correct answer", { exact: true })).toBeVisible();
  await expect(page.getByText("Explanation", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /Read the lesson section on/ })).toHaveAttribute("href", new RegExp(`^/learn/${TOPIC}#`));
  await axeClean(page);
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(
    page.getByRole("button", { name: "Check answer" }).or(page.getByRole("heading", { name: /Nothing is due|Session complete/ })),
  ).toBeVisible();
  await expect(page.getByText(/Plaza Accord.*: You will likely remember about \d+% of this topic in a week\./)).toBeVisible();

  // The dashboard now shows the topic's mastery moved, the attempt under recent attempts, and the history's numbers.
  await page.goto("/dashboard");
  await expect(plazaBar).not.toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByRole("link", { name: /Quiz: The Plaza Accord: \d+%/ })).toHaveAttribute("href", attemptPath);
  await page.getByText("Show the numbers as a table").click();
  await expect(page.getByRole("table").getByRole("columnheader", { name: /Plaza Accord/ })).toBeVisible();
  await page.getByText("How levels are decided").click();
  await expect(page.getByText(/Mastered: at least/)).toBeVisible();
  await axeClean(page);
});
