// Accounts and classes in a real browser: sign up → out → in; an instructor's class joined by link; another class is a 404.
import { test, expect } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { INSTRUCTOR_INVITE, signIn, signOut, signUp, uniqueEmail } from "./support/accounts";

test("sign up, sign out and sign in again; a wrong password gets one generic message", async ({ page }) => {
  const email = uniqueEmail("ada");
  await signUp(page, { name: "Ada Learner", email });
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Ada Learner");
  await signOut(page);

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\w/ })).toHaveText("That email and password do not match an account.");
  // What was typed stays (the wrong password is cleared), and both fields are outlined as invalid.
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(await axeViolations(page)).toEqual([]);

  await signIn(page, email);
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Ada Learner");
});

test("sign-up refuses a common password with a clear message", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name", { exact: true }).fill("Weak");
  await page.getByLabel("Email").fill(uniqueEmail("weak"));
  await page.getByLabel("Password", { exact: true }).fill("1234567890");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/That password is too easy to guess/)).toBeVisible();
  await expect(page).toHaveURL(/\/signup/);
  // Everything typed is still there; only the password is marked invalid.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Weak");
  await expect(page.getByLabel("Email")).toHaveValue(/^weak-/);
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
});

test("an instructor's class is joined by link and the student appears on the roster; others get a 404", async ({ browser }) => {
  const instructorContext = await browser.newContext();
  const studentContext = await browser.newContext();
  const instructor = await instructorContext.newPage();
  await signUp(instructor, { name: "Iris Instructor", email: uniqueEmail("iris"), invite: INSTRUCTOR_INVITE });
  await instructor.goto("/teach");
  await instructor.getByLabel("Class name").fill("Trade 101");
  await instructor.getByLabel("Term (optional)").fill("Spring");
  await instructor.getByRole("button", { name: "Create class" }).click();
  await expect(instructor.getByRole("heading", { level: 1 })).toContainText("Trade 101");
  const classUrl = instructor.url();
  const joinLink = await instructor.getByLabel("Join link").inputValue();
  expect(joinLink).toMatch(/\/join\/[A-Z0-9-]+$/);
  expect(await axeViolations(instructor)).toEqual([]);

  const student = await studentContext.newPage();
  const joinPath = new URL(joinLink).pathname;
  await signUp(student, { name: "Sol Student", email: uniqueEmail("sol"), next: joinPath });
  await student.getByRole("button", { name: /Join Trade 101/ }).click();
  // Joining opens the dashboard's confirmation (never "already in this class" for the join just made).
  await expect(student).toHaveURL(/\/dashboard\?joined=/);
  await expect(student.getByRole("status").filter({ hasText: "You joined Trade 101." })).toBeVisible();

  await instructor.goto(`${new URL(classUrl).pathname}/students`);
  await expect(instructor.getByRole("table").filter({ hasText: "Sol Student" })).toBeVisible();

  // A learner who does not teach it gets a 404 for the class page, not a 403 that confirms it exists.
  const response = await student.goto(new URL(classUrl).pathname);
  expect(response?.status()).toBe(404);
  await instructorContext.close();
  await studentContext.close();
});

test("a forged or tampered session cookie is no session at all", async ({ browser }) => {
  const context = await browser.newContext();
  // A made-up token, and one that claims an instructor role: neither decrypts with the server's secret.
  for (const value of ["forged", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..role.INSTRUCTOR.x"]) {
    await context.clearCookies();
    await context.addCookies([{ name: "authjs.session-token", value, domain: "127.0.0.1", path: "/" }]);
    const page = await context.newPage();
    await page.goto("/teach");
    await expect(page).toHaveURL(/\/signin\?next=%2Fteach/);
    await page.close();
  }
  await context.close();
});
