// "Forgot password?" end to end (the link comes from the server log, as on a machine without SMTP), and the class page
// in tabs: Overview with who handed in what, Assignments with the question picker, Scores with an empty search state,
// Students, Settings; no sideways scroll at 390 px; axe clean in light and dark mode on every state.
import { test, expect, type Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { INSTRUCTOR_INVITE, PASSWORD, signUp, uniqueEmail } from "./support/accounts";
import { OwnServer } from "./support/own-server";

test.describe.configure({ timeout: 240_000 });

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("forgot password: a mailed (here: logged) link sets a new password once, and the old one stops working", async ({ browser }) => {
  const server = new OwnServer(3102);
  await server.start();
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const email = uniqueEmail("fern");
    await signUp(page, { name: "Fern Forgetful", email });
    await page.getByRole("button", { name: "Sign out" }).click();

    await page.goto("/signin");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgot your password?");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "If an account uses that email" })).toBeVisible();
    // The email stays typed, and an unknown email gets the very same answer.
    await expect(page.getByLabel("Email")).toHaveValue(email);
    expect(await axeViolations(page)).toEqual([]);

    await expect.poll(() => /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(server.output)?.[1] ?? "").not.toBe("");
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(server.output)![1]!;
    await page.goto(`/reset-password/${token}`);
    await expect(page.getByText(email)).toBeVisible();
    // The same strength rules as sign-up: a weak one is refused next to its field.
    await page.getByLabel("New password", { exact: true }).fill("1234567890");
    await page.getByLabel("New password again").fill("1234567890");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    expect(await axeViolations(page)).toEqual([]);

    const fresh = "a fresh passphrase for fern 42";
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByLabel("New password again").fill(fresh);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(/\/signin\?reset=1/, { timeout: 20_000 });
    await expect(page.getByRole("status").filter({ hasText: "Your new password is saved" })).toBeVisible();

    // The old password no longer works; the new one does.
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
    await page.getByLabel("Password").fill(fresh);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard/, { timeout: 20_000 });

    // The link worked once.
    await page.goto(`/reset-password/${token}`);
    await expect(page.getByText(/expired or was already used/)).toBeVisible();
    await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  } finally {
    await server.stop();
  }
});

test("the class page is split into tabs that fit a phone and pass axe", async ({ browser }) => {
  const instructorContext = await browser.newContext();
  const studentContext = await browser.newContext();
  const instructor = await instructorContext.newPage();
  await signUp(instructor, { name: "Tam Teacher", email: uniqueEmail("tam"), invite: INSTRUCTOR_INVITE });
  await instructor.getByLabel("Class name").fill("Period 3 Econ");
  await instructor.getByRole("button", { name: "Create class" }).click();
  await expect(instructor.getByRole("heading", { level: 1 })).toHaveText("Period 3 Econ");
  const classPath = new URL(instructor.url()).pathname;
  const tabs = instructor.getByRole("navigation", { name: "Class sections" });
  await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  const joinLink = await instructor.getByLabel("Join link").inputValue();

  const student = await studentContext.newPage();
  await signUp(student, { name: "Sofia Studentwithaverylongsurname", email: uniqueEmail("sofia"), next: new URL(joinLink).pathname });
  await student.getByRole("button", { name: /Join/ }).click();
  // The same allowance as practice.spec.ts: a refresh racing the join may show the join page's "already in" state.
  await expect(student.getByText(/You joined|already in this class/)).toBeVisible();

  // Assignments: assign the module, then build a fixed quiz by ticking questions in the picker.
  await tabs.getByRole("link", { name: "Assignments" }).click();
  await expect(instructor).toHaveURL(new RegExp(`${classPath}/assignments$`));
  await instructor.getByText(/^Assign the whole module/).click();
  await instructor.getByRole("button", { name: "Assign the whole module" }).click();
  await expect(instructor.getByRole("heading", { name: /Assignments \([1-9]/ })).toBeVisible({ timeout: 20_000 });
  await instructor.getByText("Make a quiz for this class").click();
  await instructor.getByLabel("Title").fill("Picked by hand");
  await instructor.getByLabel("Search the text").fill("Plaza");
  const picks = instructor.getByRole("list", { name: "Questions matching the filters" }).getByRole("checkbox");
  await picks.nth(0).check();
  await picks.nth(1).check();
  await expect(instructor.getByText(/^2 of at most/)).toBeVisible();
  expect(await axeViolations(instructor)).toEqual([]);
  await instructor.getByRole("button", { name: "Create the quiz" }).click();
  await expect(instructor.getByText(/Created “Picked by hand”/)).toBeVisible({ timeout: 20_000 });

  // Overview: who has handed in what, per assignment.
  await tabs.getByRole("link", { name: "Overview" }).click();
  const status = instructor.getByRole("table", { name: "Students per status, for each assignment" });
  await expect(status).toBeVisible();
  await expect(status.getByRole("columnheader", { name: "Missing" })).toBeVisible();
  expect(await axeViolations(instructor)).toEqual([]);

  // Scores: units on scores, a student who never started is "Not started", a search that matches nobody says so.
  await tabs.getByRole("link", { name: "Scores" }).click();
  const table = instructor.getByRole("table", { name: /Per-topic scores/ });
  await expect(table.getByRole("rowheader", { name: "Sofia Studentwithaverylongsurname" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "Not started" })).toBeVisible();
  const download = instructor.getByRole("link", { name: "Download the full table (CSV)" });
  await expect(download).toHaveAttribute("download", /^Period 3 Econ scores \d{4}-\d{2}-\d{2}\.csv$/);
  expect(await axeViolations(instructor)).toEqual([]);
  await instructor.getByLabel("Find a student (name or email)").fill("nobody-like-this");
  await instructor.getByRole("button", { name: "Search" }).click();
  await expect(instructor.getByText("No student in this class matches “nobody-like-this”.")).toBeVisible();
  await expect(download).toHaveCount(0);
  await expect(instructor.getByRole("table", { name: /Per-topic scores/ })).toHaveCount(0);
  expect(await axeViolations(instructor)).toEqual([]);

  // Students and Settings.
  await tabs.getByRole("link", { name: "Students" }).click();
  await expect(instructor.getByRole("table", { name: "Students in this class" })).toContainText("Sofia Studentwithaverylongsurname");
  expect(await axeViolations(instructor)).toEqual([]);
  await tabs.getByRole("link", { name: "Settings" }).click();
  await expect(instructor.getByRole("heading", { name: "Instructors" })).toBeVisible();
  expect(await axeViolations(instructor)).toEqual([]);

  // A phone: no tab scrolls the page sideways.
  await instructor.setViewportSize({ width: 390, height: 844 });
  for (const tab of ["", "/assignments", "/scores", "/students", "/settings"]) {
    await instructor.goto(classPath + tab);
    await expect(instructor.getByRole("heading", { level: 1 })).toHaveText("Period 3 Econ");
    expect(await scrollWidth(instructor), `${tab || "/"} at 390 px`).toBeLessThanOrEqual(390);
  }
  expect(await axeViolations(instructor)).toEqual([]);
  await instructorContext.close();
  await studentContext.close();
});
