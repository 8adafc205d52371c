// Measures "practice starts": from the click on "Start practice" to the first question on screen, in a real browser
// against a running server (issue 16, item 17). Prints each sample and the median.
// Usage: node scripts/measure-practice-start.mjs http://127.0.0.1:4371 [samples=6]
import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const samples = Number(process.argv[3] ?? 6);
const TOPICS = ["postwar-reconstruction", "trade-friction-1980s", "plaza-accord", "tpp-to-cptpp", "friend-shoring", "reading-the-numbers"];
const PASSWORD = "correct horse battery staple 7";
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
});
const times = [];
try {
  for (let n = 0; n < samples; n++) {
    const page = await browser.newPage({ baseURL: base });
    const email = `measure-${Date.now()}-${n}@measure.test`;
    await page.goto("/signup");
    await page.getByLabel("Name", { exact: true }).fill(`Measure ${n}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/signin/, { timeout: 30_000 });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard/, { timeout: 30_000 });
    await page.goto(`/practice/${TOPICS[n % TOPICS.length]}`);
    const button = page.getByRole("button", { name: "Start practice" });
    await button.waitFor();
    const t0 = Date.now();
    await button.click();
    await page
      .getByText(/Question 1 of/)
      .first()
      .waitFor({ timeout: 30_000 });
    const ms = Date.now() - t0;
    times.push(ms);
    console.log(`sample ${n + 1}: ${ms} ms (${TOPICS[n % TOPICS.length]})`);
    await page.close();
  }
} finally {
  await browser.close();
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`median ${sorted[Math.floor(sorted.length / 2)]} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms over ${times.length} starts`);
