// An instructor imports a Moodle XML question with an embedded picture; a student of their class takes a quiz with it
// and sees the picture, served by the app (never hot-linked), with its description, on an axe-clean attempt page.
import path from "node:path";
import { test, expect } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { INSTRUCTOR_INVITE, signUp, uniqueEmail } from "./support/accounts";

const FIXTURE = path.join(import.meta.dirname, "../fixtures/bank-formats/pictured.moodle.xml");

test("an imported image shows in the student's attempt", async ({ browser }) => {
  const instructor = await (await browser.newContext()).newPage();
  await signUp(instructor, { name: "Ida Imager", email: uniqueEmail("ida"), invite: INSTRUCTOR_INVITE });
  await instructor.getByLabel("Class name").fill("Pictures class");
  await instructor.getByRole("button", { name: "Create class" }).click();
  await expect(instructor.getByRole("heading", { level: 1 })).toHaveText("Pictures class");
  const classPath = new URL(instructor.url()).pathname;
  const joinLink = await instructor.getByLabel("Join link").inputValue();

  await instructor.goto("/teach/bank/import");
  await instructor.getByLabel("Bank to import into").selectOption("new");
  await instructor.getByLabel("Name of the new bank").fill("Pictured");
  await instructor.getByLabel("Default topic").selectOption({ index: 1 });
  await instructor.getByLabel("GIFT or Moodle XML file").setInputFiles(FIXTURE);
  await instructor.getByRole("button", { name: "Show the import report" }).click();
  await instructor.getByRole("button", { name: /Confirm import \(1 questions?\)/ }).click({ timeout: 20_000 });
  await expect(instructor.getByRole("status").filter({ hasText: "Imported into Pictured: 1 new questions" })).toBeVisible({
    timeout: 30_000,
  });

  const student = await (await browser.newContext()).newPage();
  await signUp(student, { name: "Pia Pupil", email: uniqueEmail("pia"), next: new URL(joinLink).pathname });
  await student.getByRole("button", { name: /Join/ }).click();
  await expect(student.getByText(/You joined|already in this class/)).toBeVisible();

  await instructor.goto(`${classPath}/assignments`);
  await instructor.getByText("Make a quiz for this class").click();
  await instructor.getByLabel("Title").fill("Picture quiz");
  await instructor.getByLabel("Search the text").fill("pictured");
  await instructor.getByRole("list", { name: "Questions matching the filters" }).getByRole("checkbox").first().check();
  await instructor.getByRole("button", { name: "Create the quiz" }).click();
  await expect(instructor.getByText(/Created “Picture quiz”/)).toBeVisible({ timeout: 20_000 });
  await instructor.reload();
  await instructor.getByText("Assign one quiz").click();
  await instructor.getByLabel("Quiz", { exact: true }).selectOption({ label: "Picture quiz" });
  await instructor.getByRole("button", { name: "Assign this quiz" }).click();
  await expect(instructor.getByRole("heading", { name: "Assignments (1)" })).toBeVisible({ timeout: 20_000 });

  await student.goto("/dashboard");
  await student
    .getByRole("link", { name: /^Start/ })
    .first()
    .click();
  await student.getByRole("button", { name: "Start attempt" }).click();
  await expect(student).toHaveURL(/\/attempts\//, { timeout: 20_000 });

  const prompt = student.locator("#q0-prompt");
  const image = prompt.getByRole("img", { name: "Yen per dollar, 1984 to 1988" });
  await expect(image).toBeVisible();
  expect(await image.getAttribute("src")).toMatch(/^\/api\/images\/[A-Za-z0-9_-]{24}$/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
  // The radio group is still named by the prompt it belongs to.
  await expect(student.getByRole("radiogroup", { name: /What does the pictured chart of the yen show/ })).toBeVisible();
  expect(await axeViolations(student)).toEqual([]);

  const res = await student.request.get((await image.getAttribute("src"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});
