// Taking a quiz in a real browser: keyboard only from start to submit, nothing lost across a server restart, and no
// answer key, explanation or feedback in any page or RSC payload before the attempt is submitted.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { test, expect, type Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { signUp, uniqueEmail } from "./support/accounts";
import { OwnServer } from "./support/own-server";

async function startPractice(page: Page, topic: string): Promise<string> {
  await page.goto(`/practice/${topic}`);
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page).toHaveURL(/\/attempts\/[a-z0-9]+$/);
  await expect(page.getByText(/Question 1 of/)).toBeVisible();
  return page.url();
}

/** Every explanation and option feedback in the banks: none may reach the browser before submission. */
function secretTexts(): string[] {
  const dir = path.resolve("content/banks");
  const out: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    const bank = parse(readFileSync(path.join(dir, file), "utf8")) as {
      questions: { explanation: string; options?: { feedback: string }[] }[];
    };
    for (const q of bank.questions) {
      out.push(q.explanation.slice(0, 60));
      for (const o of q.options ?? []) out.push(o.feedback.slice(0, 60));
    }
  }
  return out;
}

test("a full attempt by keyboard alone, then the review", async ({ page }) => {
  await signUp(page, { name: "Kim Keyboard", email: uniqueEmail("kim") });
  await startPractice(page, "tpp-to-cptpp");
  expect(await axeViolations(page)).toEqual([]);

  // Walk the page with Tab only, answering whatever control has focus, until "Review and submit".
  const touched = new Set<string>();
  await page
    .locator("main")
    .focus()
    .catch(() => undefined);
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const fieldset = el.closest("li[id^=question-]");
      return {
        tag: el.tagName.toLowerCase(),
        type: (el as HTMLInputElement).type ?? "",
        text: el.textContent?.trim() ?? "",
        name: (el as HTMLInputElement).name ?? "",
        question: fieldset?.id ?? "",
        id: el.id,
      };
    });
    if (!focused) continue;
    if (focused.tag === "button" && focused.text === "Review and submit") {
      await page.keyboard.press("Enter");
      break;
    }
    const isOrderingButton = focused.tag === "button" && (focused.text === "Down" || focused.text === "Up");
    const key = isOrderingButton ? `${focused.question}:ordering` : `${focused.question}:${focused.name || focused.id}`;
    if (!focused.question || touched.has(key)) continue;
    if (focused.tag === "input" && (focused.type === "radio" || focused.type === "checkbox")) {
      await page.keyboard.press("Space");
      touched.add(key);
    } else if (focused.tag === "input" && focused.type === "text") {
      await page.keyboard.type("2017");
      touched.add(key);
    } else if (focused.tag === "select") {
      await page.keyboard.press("ArrowDown");
      touched.add(key);
    } else if (focused.tag === "button" && focused.text === "Down") {
      await page.keyboard.press("Enter");
      touched.add(key);
      // Focus stays on the moved item's controls, so a keyboard user can keep moving it.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest("li[id^=question-]")?.id ?? "lost"))
        .toBe(focused.question);
    }
  }
  await expect(page.getByRole("heading", { name: "Ready to submit?" })).toBeVisible();
  // Tab to the submit button and press it.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const text = await page.evaluate(() => document.activeElement?.textContent?.trim());
    if (text === "Submit answers") break;
  }
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Your score/ })).toBeVisible();
  await expect(page.getByText("Explanation").first()).toBeVisible();
  expect(touched.size).toBeGreaterThanOrEqual(8);
  expect(await axeViolations(page)).toEqual([]);
});

test("no key, explanation or feedback in the page or its RSC payload before submission", async ({ page }) => {
  await signUp(page, { name: "Lee Leak", email: uniqueEmail("leak") });
  const url = await startPractice(page, "plaza-accord");
  const secrets = secretTexts();
  const payloads: string[] = [];
  payloads.push(await (await page.request.get(url)).text());
  payloads.push(await (await page.request.get(url, { headers: { RSC: "1" } })).text());
  payloads.push(await page.content());
  for (const body of payloads) {
    expect(body).not.toMatch(/"(correct|feedback|explanation|accepted|tolerance|acceptedUnits)(Html)?"\s*:/);
    for (const s of secrets) expect(body.includes(s), `leaked: ${s}`).toBe(false);
  }
});

test("every saved answer survives the server stopping and starting again", async ({ browser }) => {
  test.setTimeout(180_000);
  const server = new OwnServer(3101);
  await server.start();
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await signUp(page, { name: "Rae Restart", email: uniqueEmail("rae") });
    const url = await startPractice(page, "friend-shoring");
    // Answer the first text or choice control of each question, then wait until everything shows as saved.
    const items = page.locator("li[id^=question-]");
    const count = await items.count();
    const answered: { index: number; kind: "text" | "radio" | "checkbox" | "select"; value: string }[] = [];
    for (let i = 0; i < count; i++) {
      const item = items.nth(i);
      const text = item.locator("input[type=text]");
      const radio = item.locator("input[type=radio]");
      const checkbox = item.locator("input[type=checkbox]");
      const select = item.locator("select");
      if (await text.count()) {
        await text.first().fill(`answer ${i}`);
        answered.push({ index: i, kind: "text", value: `answer ${i}` });
      } else if (await radio.count()) {
        await radio.last().check();
        answered.push({ index: i, kind: "radio", value: "" });
      } else if (await checkbox.count()) {
        await checkbox.first().check();
        answered.push({ index: i, kind: "checkbox", value: "" });
      } else if (await select.count()) {
        const value = await select.first().locator("option").nth(1).getAttribute("value");
        await select.first().selectOption(value!);
        answered.push({ index: i, kind: "select", value: value! });
      }
    }
    await expect(page.getByRole("status").filter({ hasText: "All answers saved" })).toBeVisible({ timeout: 20_000 });

    await server.stop();
    await server.start();

    await page.goto(url);
    for (const a of answered) {
      const item = items.nth(a.index);
      if (a.kind === "text") await expect(item.locator("input[type=text]").first()).toHaveValue(a.value);
      if (a.kind === "radio") await expect(item.locator("input[type=radio]").last()).toBeChecked();
      if (a.kind === "checkbox") await expect(item.locator("input[type=checkbox]").first()).toBeChecked();
      if (a.kind === "select") await expect(item.locator("select").first()).toHaveValue(a.value);
    }
    expect(answered.length).toBeGreaterThan(0);
    await context.close();
  } finally {
    await server.stop();
  }
});
