// Owns the accessibility check every e2e page state runs: axe in light and in dark mode (the app follows the system
// colour scheme, so a contrast problem in one scheme is as real as in the other). Returns readable violations.
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export async function axeViolations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    out.push(...violations.map((v) => `${colorScheme} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`));
  }
  await page.emulateMedia({ colorScheme: null });
  return out;
}
