// Shared e2e steps: sign up and sign in through the real forms.
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple 7";
/** Set by scripts/e2e-server.mjs for the server under test. */
export const INSTRUCTOR_INVITE = "e2e-instructor-invite";

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@e2e.test`;
}

/**
 * Signs up, then signs in: sign-up answers a new and a taken email alike (a redirect to sign-in with a notice), so it
 * never signs anyone in by itself.
 */
export async function signUp(page: Page, opts: { name: string; email: string; invite?: string; next?: string }) {
  await page.goto(opts.next ? `/signup?next=${encodeURIComponent(opts.next)}` : "/signup");
  await page.getByLabel("Name", { exact: true }).fill(opts.name);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  if (opts.invite) await page.getByLabel(/Instructor invite code/).fill(opts.invite);
  await page.getByRole("button", { name: "Create account" }).click();
  // The server's first sign-up also builds the password-strength dictionaries (once per process): allow for it.
  await expect(page).toHaveURL(/\/signin\?signedUp=1/, { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "Your account is ready" })).toBeVisible();
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Instructors land on their classes, learners on their dashboard (unless a page was asked for).
  await expect(page).toHaveURL(opts.next ?? (opts.invite ? /\/teach$/ : /\/dashboard/), { timeout: 20_000 });
}

export async function signIn(page: Page, email: string, next?: string) {
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : "/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(next ?? /\/dashboard/, { timeout: 20_000 });
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
}
