// Practice that teaches as you go, quiz navigation and phone widths, in a real browser: a hint from the lesson, "Check"
// with the explanation of that question only, "Try a similar question" after a miss, the summary of what to review;
// the question panel with flags that survive a reload, focus on jumps and on "Review and submit"; no sideways scroll
// at 390 px on an attempt with matching questions or on the class page. axe stays clean in light and dark mode.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { test, expect, type Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { INSTRUCTOR_INVITE, signUp, uniqueEmail } from "./support/accounts";

type BankQuestion = {
  key: string;
  type: string;
  prompt: string;
  explanation: string;
  options?: { text: string; correct?: boolean }[];
  answer?: boolean;
};

/** The authored banks (test-side only), to answer a question wrongly on purpose and to look for leaked explanations. */
function bankQuestions(): BankQuestion[] {
  const dir = path.resolve("content/banks");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => (parse(readFileSync(path.join(dir, f), "utf8")) as { questions: BankQuestion[] }).questions);
}

async function startPractice(page: Page, topic: string) {
  await page.goto(`/practice/${topic}`);
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page).toHaveURL(/\/attempts\/[a-z0-9]+$/);
  await expect(page.getByText(/Question 1 of/)).toBeVisible();
}

// Each test signs up and runs axe in light and dark mode on several page states: slower than the default minute.
test.describe.configure({ timeout: 180_000 });

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

test("practice: hint, check with feedback, a similar question after a miss, and what to review", async ({ page }) => {
  await signUp(page, { name: "Pia Practice", email: uniqueEmail("pia") });
  await startPractice(page, "plaza-accord");
  const bank = bankQuestions();
  const questions = page.locator("li[id^=question-]");

  // Find a single-choice or true/false question on the page, to answer it wrongly on purpose.
  let target = -1;
  let authored: BankQuestion | undefined;
  for (let i = 0; i < (await questions.count()); i++) {
    const prompt = (await questions.nth(i).locator("[id$=-prompt]").textContent())?.trim();
    authored = bank.find((q) => q.prompt.trim() === prompt && (q.type === "single" || q.type === "truefalse"));
    if (authored) {
      target = i;
      break;
    }
  }
  expect(target, "a single-choice or true/false question was drawn").toBeGreaterThanOrEqual(0);
  const item = questions.nth(target);
  const pageText = await page.content();
  expect(pageText.includes(authored!.explanation.slice(0, 60))).toBe(false);

  // The hint names the lesson section and links to it; it comes before any answer.
  await item.getByRole("button", { name: "Show a hint" }).click();
  await expect(item.getByRole("heading", { name: /Hint from the lesson/ })).toBeVisible();
  await expect(item.getByRole("link", { name: "Read the whole section" })).toHaveAttribute("href", /^\/learn\/plaza-accord#/);

  if (authored!.type === "single") {
    const wrong = authored!.options!.find((o) => !o.correct)!;
    await item.getByLabel(wrong.text, { exact: true }).check();
  } else {
    await item.getByLabel(authored!.answer ? "False" : "True", { exact: true }).check();
  }
  await expect(item.locator("[data-save-state=saved]")).toBeVisible();
  await item.getByRole("button", { name: "Check", exact: true }).click();
  await expect(item.getByRole("heading", { name: /^Incorrect/ })).toBeVisible();
  await expect(item.getByText(authored!.explanation.slice(0, 60))).toBeVisible();
  await expect.poll(() => activeId(page)).toBe(`q${target}-result`);
  // The checked answer is frozen; the other questions still carry no explanation.
  await expect(item.locator("input").first()).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);

  const count = await questions.count();
  await item.getByRole("button", { name: "Try a similar question" }).click();
  await expect(questions).toHaveCount(count + 1);
  await expect.poll(() => activeId(page)).toBe(`q${count}-heading`);
  await expect(page.getByRole("heading", { name: new RegExp(`Question ${count + 1} of ${count + 1}`) })).toBeVisible();
  await expect(item.getByRole("button", { name: /Go to the similar question/ })).toBeVisible();

  await page.getByRole("button", { name: "Review and submit" }).click();
  await expect.poll(() => activeId(page)).toBe("summary-heading");
  await expect(page.getByText(/You checked 1: 0 right\./)).toBeVisible();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { name: "What to review" })).toBeVisible();
  await expect(page.getByRole("region", { name: "What to review" }).getByRole("link").first()).toHaveAttribute(
    "href",
    /^\/learn\/plaza-accord#/,
  );
  expect(await axeViolations(page)).toEqual([]);
});

test("navigation: the panel shows answered and flagged, flags survive a reload, jumps focus the heading clear of the sticky bar", async ({
  page,
}) => {
  await signUp(page, { name: "Nav Nora", email: uniqueEmail("nora") });
  await startPractice(page, "tpp-to-cptpp");
  const panel = page.getByRole("navigation", { name: "Questions" });
  await expect(panel.getByRole("button", { name: /^Question 2: unanswered$/ })).toBeVisible();

  await page
    .locator("#question-2")
    .getByRole("button", { name: /Flag for review/ })
    .click();
  await expect(panel.getByRole("button", { name: /^Question 2: unanswered, flagged$/ })).toBeVisible();
  // Stored on the server: wait for it, then reload.
  await expect
    .poll(async () => {
      await page.reload();
      return page
        .getByRole("navigation", { name: "Questions" })
        .getByRole("button", { name: /^Question 2: unanswered, flagged$/ })
        .count();
    })
    .toBe(1);
  await expect(page.locator("#question-2").getByRole("button", { name: /Flag for review/ })).toHaveAttribute("aria-pressed", "true");

  // Jump to the last question from the panel: focus lands on its heading, which is not hidden under the sticky bar.
  const last = (await panel.getByRole("button").count()) - 1;
  await panel.getByRole("button", { name: new RegExp(`^Question ${last + 1}:`) }).click();
  await expect.poll(() => activeId(page)).toBe(`q${last}-heading`);
  const geometry = await page.evaluate((id) => {
    const heading = document.getElementById(id)!.getBoundingClientRect();
    const bar = document.querySelector(".sticky")!.getBoundingClientRect();
    return { headingTop: heading.top, barBottom: bar.bottom, viewport: window.innerHeight };
  }, `q${last}-heading`);
  expect(geometry.headingTop).toBeGreaterThanOrEqual(geometry.barBottom);
  expect(geometry.headingTop).toBeLessThan(geometry.viewport);

  await page.getByRole("button", { name: "Review and submit" }).click();
  await expect.poll(() => activeId(page)).toBe("summary-heading");
  await expect(page.getByText(/flagged for review/)).toBeVisible();
  await page
    .getByRole("button", { name: /⚑ Question 2|Question 2/ })
    .last()
    .click();
  await expect.poll(() => activeId(page)).toBe("q1-heading");
  expect(await axeViolations(page)).toEqual([]);
});

test.describe("phone width (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  test("an attempt with matching questions does not scroll sideways", async ({ page }) => {
    await signUp(page, { name: "Mo Match", email: uniqueEmail("mo") });
    // Practice draws the least-seen questions first, so a few attempts reach the topic's matching questions.
    for (let round = 0; round < 6; round++) {
      await startPractice(page, "friend-shoring");
      if ((await page.locator("li[id^=question-] select").count()) > 0) break;
      await page.getByRole("button", { name: "Review and submit" }).click();
      await page.getByRole("button", { name: "Submit answers" }).click();
      await expect(page.getByRole("heading", { name: /Your score/ })).toBeVisible();
    }
    const select = page.locator("li[id^=question-] select").first();
    await expect(select).toBeVisible();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    const box = (await select.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
  });

  test("the class page does not scroll sideways", async ({ browser }) => {
    const instructorContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const studentContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const instructor = await instructorContext.newPage();
    await signUp(instructor, { name: "Ines Instructor", email: uniqueEmail("ines"), invite: INSTRUCTOR_INVITE });
    await instructor.goto("/teach");
    await instructor.getByLabel("Class name").fill("Period 3 Economics with a long name");
    await instructor.getByRole("button", { name: "Create class" }).click();
    await expect(instructor.getByRole("heading", { level: 1 })).toContainText("Period 3");
    const classPath = new URL(instructor.url()).pathname;
    const joinLink = await instructor.getByLabel("Join link").inputValue();

    const student = await studentContext.newPage();
    await signUp(student, { name: "Sofia Studentwithaverylongsurname", email: uniqueEmail("sofia"), next: new URL(joinLink).pathname });
    await student.getByRole("button", { name: /Join/ }).click();
    await expect(student.getByText(/You joined|already in this class/)).toBeVisible();

    await instructor.goto(`${classPath}/students`);
    await expect(instructor.getByRole("table").filter({ hasText: "Sofia Studentwithaverylongsurname" }).first()).toBeVisible();
    expect(await scrollWidth(instructor)).toBeLessThanOrEqual(390);
    expect(await axeViolations(instructor)).toEqual([]);
    await instructorContext.close();
    await studentContext.close();
  });
});
