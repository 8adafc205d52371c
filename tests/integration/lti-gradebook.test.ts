// Gradebook CSV presets LMS importers accept (issue 14 item 7), through the real route on real grades: Canvas's fixed
// header and points per assignment (blank for none, no reserved words), Moodle's one identifier column then points;
// formula escaping on names only; an instructor of another class gets not found.
import { beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { db } from "@/lib/db/client";
import { GET as scoresCsvGET } from "@/app/teach/classes/[id]/scores.csv/route";
import { canvasColumnTitle, escapeFormula, formatPoints, gradebookCsv } from "@/lib/lti/gradebook-csv";
import { settle } from "@/tests/support/next";
import { answerAndSubmit, startAssignedAttemptAs } from "@/tests/support/start-attempt";
import { CONTENT_TABLES, truncateAll, withTestDatabase } from "./support/database";
import { signInAs } from "./support/session";
import { createAssignment, createClassWith, createUser, seedCourse } from "./support/fixtures";

const database = withTestDatabase();
let classId: string;
let teacher: { id: string };
let other: { id: string };
let alice: { id: string; email: string };
let mallory: { id: string; email: string };
let plazaMax = 0;

beforeAll(async () => {
  await truncateAll(database(), { keep: CONTENT_TABLES });
  await seedCourse();
  teacher = await createUser("INSTRUCTOR", "teacher");
  other = await createUser("INSTRUCTOR", "other");
  alice = await createUser("LEARNER", "Alice");
  mallory = await createUser("LEARNER", "=HYPERLINK(1)");
  classId = (await createClassWith(teacher.id, [alice.id, mallory.id])).id;
  await createClassWith(other.id, []);
  const plaza = await createAssignment(classId, "plaza-accord-quiz");
  await createAssignment(classId, "friend-shoring-quiz");
  signInAs(alice.id);
  const items = await answerAndSubmit(await startAssignedAttemptAs(plaza.id), [0]);
  plazaMax = items.length;
});

async function download(preset: string | null, as: string) {
  signInAs(as);
  const url = `http://koza.test/teach/classes/${classId}/scores.csv${preset ? `?preset=${preset}` : ""}`;
  return settle(() => scoresCsvGET(new Request(url), { params: Promise.resolve({ id: classId }) }));
}

async function csvOf(preset: string): Promise<string[][]> {
  const outcome = await download(preset, teacher.id);
  expect(outcome.kind).toBe("value");
  const res = (outcome as { value: Response }).value;
  expect(res.headers.get("content-type")).toContain("text/csv");
  return Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data;
}

describe("gradebook CSV presets", () => {
  it("Canvas: the fixed header, one column per assignment in points, blank for no score, names escaped", async () => {
    const [header, ...rows] = await csvOf("canvas");
    const plaza = await db().quiz.findUniqueOrThrow({ where: { slug: "plaza-accord-quiz" }, select: { title: true } });
    const friend = await db().quiz.findUniqueOrThrow({ where: { slug: "friend-shoring-quiz" }, select: { title: true } });
    expect(header).toEqual([
      "Student",
      "ID",
      "SIS User ID",
      "SIS Login ID",
      "Section",
      canvasColumnTitle(plaza.title),
      canvasColumnTitle(friend.title),
    ]);
    for (const h of header!) expect(h).not.toMatch(/final|current|unposted|override/i);
    const byLogin = new Map(rows.map((r) => [r[3], r]));
    expect(byLogin.get(alice.email)).toEqual(["Alice", "", "", alice.email, "", String(plazaMax - 1), ""]);
    expect(byLogin.get(mallory.email)![0]).toBe("'=HYPERLINK(1)");
    expect(byLogin.get(mallory.email)!.slice(5)).toEqual(["", ""]);
  });

  it("Moodle: one identifier column (email) then one column per quiz, in points", async () => {
    const [header, ...rows] = await csvOf("moodle");
    expect(header![0]).toBe("Email address");
    expect(header).toHaveLength(3);
    const byEmail = new Map(rows.map((r) => [r[0], r]));
    expect(byEmail.get(alice.email)).toEqual([alice.email, String(plazaMax - 1), ""]);
    expect(rows).toHaveLength(2);
  });

  it("today's export is unchanged, an unknown preset is not found, and another class's instructor gets not found", async () => {
    const full = await download(null, teacher.id);
    expect(await (full as { value: Response }).value.text()).toMatch(/^Name,Email,/);
    expect(await download("blackboard", teacher.id)).toEqual({ kind: "not-found" });
    expect(await download("canvas", other.id)).toEqual({ kind: "not-found" });
    expect(await download("canvas", alice.id)).toEqual({ kind: "not-found" });
  });

  it("formats the matched columns as is and escapes only names", () => {
    expect(canvasColumnTitle("Final exam: current events")).toBe("End exam: Present events");
    expect(canvasColumnTitle("Quiz 1", "4242")).toBe("Quiz 1 (4242)");
    expect(escapeFormula("+1 Sam")).toBe("'+1 Sam");
    expect(escapeFormula("Sam")).toBe("Sam");
    expect([formatPoints(0), formatPoints(null), formatPoints(2.456), formatPoints(3)]).toEqual(["0", "", "2.46", "3"]);
    const csv = gradebookCsv(
      { assignments: [{ id: "a", title: "=Quiz", maxPoints: 2 }], students: [{ id: "s", name: "-x", email: "-e@x", points: { a: 0 } }] },
      "moodle",
    );
    expect(csv).toBe("Email address,=Quiz\r\n-e@x,0"); // matched columns are never altered
  });
});
