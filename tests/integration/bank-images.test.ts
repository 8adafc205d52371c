// Images in imported banks against the real database: a Moodle XML file's embedded pictures are stored once per bank
// in the import's transaction and the stored Markdown points at /api/images/<id>; the route serves them with safe
// headers to the bank's instructors and to learners whose attempt shows them, an image only the explanation shows stays
// hidden until the attempt is finished, SVG and oversized files are refused with nothing written, and exports carry
// the images back out.
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as imageGET } from "@/app/api/images/[imageId]/route";
import { applyBankImport, exportQuestionBank, previewBankImport } from "@/lib/dal/bank-import";
import { getAttemptForViewer, saveAnswer, startAssignedAttempt, submitAttempt } from "@/lib/dal/attempts";
import { createCustomQuiz } from "@/lib/dal/custom-quizzes";
import { db } from "@/lib/db/client";
import type { Question } from "@/lib/content/schema";
import { truncateAll, withTestDatabase } from "./support/database";
import { attemptItems, claimedViewerOf, createClassWith, createUser, realCourse, seedCourse } from "./support/fixtures";
import { signInAs } from "./support/session";

const database = withTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;
const asViewer = (u: User) => ({ ...u, role: u.role });

const RED_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4IScHRwzEcQCxYxBBO0tjggAAAABJRU5ErkJggg==";
const BLUE_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGOQkzsBRwzEcQCcIxBBYbnFHgAAAABJRU5ErkJggg==";
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="4" height="4"/></svg>').toString("base64");

let owner: User;
let other: User;
let learner: User;
let stranger: User;
let bankId: string;
let otherBankId: string;
let classId: string;
let topic: string;

const file = (name: string, b64: string) => `<file name="${name}" path="/" encoding="base64">${b64}</file>`;
const tf = (name: string, html: string, files = "", feedback = "") =>
  `<question type="truefalse"><name><text>${name}</text></name><questiontext format="html"><text><![CDATA[${html}]]></text>${files}</questiontext>` +
  (feedback ? `<generalfeedback format="html">${feedback}</generalfeedback>` : "") +
  `<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>`;
const quiz = (...questions: string[]) => `<?xml version="1.0"?><quiz>${questions.join("")}</quiz>`;

/** Two pictured questions sharing one chart, a feedback-only picture, and a hot-linked image. */
const pictured = () =>
  quiz(
    tf(
      "Chart one",
      `<p>Does the chart show the yen rising?</p><p><img src="@@PLUGINFILE@@/chart.png" alt="Yen per dollar, 1985-88"></p>`,
      file("chart.png", RED_PNG),
      `<text><![CDATA[<p>It does.</p><img src="@@PLUGINFILE@@/key-figure.png">]]></text>${file("key-figure.png", BLUE_PNG)}`,
    ),
    tf(
      "Chart two",
      `<p>Same chart, again: rising?</p><img src="@@PLUGINFILE@@/chart.png" alt="The same chart">`,
      file("chart.png", RED_PNG),
    ),
    tf("Hotlinked", `<p>Is this linked?</p><img src="https://example.com/x.png" alt="A remote picture">`),
  );

async function importInto(user: User, bank: string, text: string) {
  return applyBankImport(asViewer(user), { bankId: bank, format: "moodle-xml", text, defaultTopic: topic });
}

async function bankQuestion(bank: string, name: string): Promise<{ id: string; key: string; q: Question }> {
  const rows = await db().question.findMany({
    where: { bankId: bank },
    select: { id: true, key: true, currentVersion: { select: { data: true } } },
  });
  const row = rows.find((r) => (r.currentVersion!.data as unknown as Question).prompt.toLowerCase().includes(name))!;
  return { id: row.id, key: row.key, q: row.currentVersion!.data as unknown as Question };
}

const idsIn = (text: string) => [...text.matchAll(/\/api\/images\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);

async function fetchImage(as: User | null, id: string): Promise<Response> {
  signInAs(as?.id ?? null);
  return imageGET(new Request(`http://koza.test/api/images/${id}`), { params: Promise.resolve({ imageId: id }) });
}

beforeAll(() => {
  topic = realCourse().lessons[0]!.topic;
});

beforeEach(async () => {
  await truncateAll(database());
  await seedCourse();
  owner = await createUser("INSTRUCTOR");
  other = await createUser("INSTRUCTOR");
  learner = await createUser("LEARNER");
  stranger = await createUser("LEARNER");
  bankId = (await db().questionBank.create({ data: { ownerId: owner.id, name: "Pictures" }, select: { id: true } })).id;
  otherBankId = (await db().questionBank.create({ data: { ownerId: other.id, name: "Other" }, select: { id: true } })).id;
  classId = (await createClassWith(owner.id, [learner.id])).id;
  signInAs(owner.id);
});

describe("importing images", () => {
  it("stores each picture once, rewrites the references, and drops a hot-link to its description", async () => {
    const report = await previewBankImport(asViewer(owner), { bankId, format: "moodle-xml", text: pictured(), defaultTopic: topic });
    expect(await db().bankImage.count()).toBe(0); // the report writes nothing
    expect(report.rows.map((r) => r.status)).toEqual(["imported", "imported", "imported"]);
    expect(report.rows[2]!.warnings.join()).toMatch(/another site .*never hot-links/);

    const result = await importInto(owner, bankId, pictured());
    expect(result.created).toBe(3);
    const images = await db().bankImage.findMany({ select: { id: true, mime: true, bankId: true } });
    expect(images).toHaveLength(2); // chart.png twice, stored once; key-figure.png
    expect(images.every((i) => i.mime === "image/png" && i.bankId === bankId && i.id.length === 24)).toBe(true);

    const one = await bankQuestion(bankId, "yen rising");
    const two = await bankQuestion(bankId, "same chart");
    const [chart] = idsIn(one.q.prompt);
    expect(one.q.prompt).toBe(`Does the chart show the yen rising?\n![Yen per dollar, 1985-88](/api/images/${chart})`);
    expect(idsIn(two.q.prompt)).toEqual([chart]);
    expect(one.q.explanation).toMatch(/^It does\.\n?!\[key figure\]\(\/api\/images\/[A-Za-z0-9_-]{24}\)$/); // alt from the file name
    const hot = await bankQuestion(bankId, "linked");
    expect(hot.q.prompt).toBe("Is this linked?\nA remote picture");
    expect(JSON.stringify(await db().questionVersion.findMany({ select: { data: true } }))).not.toMatch(
      /koza-image:|PLUGINFILE|example\.com/,
    );

    // Importing the same file again changes nothing: the images are found by their bytes.
    const again = await importInto(owner, bankId, pictured());
    expect(again.report.counts.byStatus).toMatchObject({ unchanged: 3, imported: 0, changed: 0 });
    expect(await db().bankImage.count()).toBe(2);
  });

  it("refuses SVG and oversized images with a clear reason, writing nothing for that question", async () => {
    const big = Buffer.concat([Buffer.from(RED_PNG, "base64"), Buffer.alloc(2 * 1024 * 1024)]).toString("base64");
    const text = quiz(
      tf("Vector", `<p>An SVG?</p><img src="@@PLUGINFILE@@/logo.svg" alt="Logo">`, file("logo.svg", SVG)),
      tf("Sneaky", `<p>SVG named png?</p><img src="@@PLUGINFILE@@/logo.png" alt="Logo">`, file("logo.png", SVG)),
      tf("Huge", `<p>Too big?</p><img src="@@PLUGINFILE@@/huge.png" alt="Huge">`, file("huge.png", big)),
    );
    const result = await importInto(owner, bankId, text);
    expect(result.report.rows.map((r) => r.status)).toEqual(["skipped", "skipped", "skipped"]);
    expect(result.report.rows[0]!.reason).toMatch(
      /image refused: "logo.svg" is not a PNG, JPEG, GIF or WebP image \(SVG can carry scripts/,
    );
    expect(result.report.rows[1]!.reason).toMatch(/"logo.png" is not a PNG, JPEG, GIF or WebP image \(SVG/);
    expect(result.report.rows[2]!.reason).toMatch(/"huge.png" is larger than 2 MB/);
    expect(await db().bankImage.count()).toBe(0);
    expect(await db().question.count({ where: { bankId } })).toBe(0);
  });
});

describe("serving images", () => {
  it("serves the bytes with the sniffed type and locked-down headers to the bank's instructor only", async () => {
    await importInto(owner, bankId, pictured());
    const [chart] = idsIn((await bankQuestion(bankId, "yen rising")).q.prompt);
    const res = await fetchImage(owner, chart!);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toMatch(/^default-src 'none'/);
    expect(res.headers.get("Cache-Control")).toMatch(/^private, max-age=\d+, immutable$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(RED_PNG, "base64"))).toBe(true);

    expect((await fetchImage(null, chart!)).status).toBe(401);
    expect((await fetchImage(other, chart!)).status).toBe(404); // another instructor's private bank
    expect((await fetchImage(learner, chart!)).status).toBe(404); // not in any attempt of theirs
    expect((await fetchImage(owner, "AAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await fetchImage(owner, "../../etc/passwd")).status).toBe(404);
  });

  it("shows a learner the prompt's picture in their attempt, and the explanation's only once it is finished", async () => {
    await importInto(owner, bankId, pictured());
    const one = await bankQuestion(bankId, "yen rising");
    const [chart] = idsIn(one.q.prompt);
    const [keyFigure] = idsIn(one.q.explanation!);
    const { quizId } = await createCustomQuiz(asViewer(owner), classId, {
      title: "Pictures",
      topics: [],
      questionCount: 1,
      questionKeys: [one.key],
    });
    const assignment = await db().assignment.create({ data: { classId, quizId, graceSeconds: 0 }, select: { id: true } });

    const { attemptId } = await startAssignedAttempt(asViewer(learner), assignment.id);
    const taking = await getAttemptForViewer(asViewer(learner), attemptId);
    if (taking.kind !== "taking") throw new Error("expected an attempt in progress");
    expect(taking.items[0]!.question.promptHtml).toContain(`<img src="/api/images/${chart}" alt="Yen per dollar, 1985-88" loading="lazy">`);
    expect(JSON.stringify(taking)).not.toContain(keyFigure); // the explanation's picture is not even named

    expect((await fetchImage(learner, chart!)).status).toBe(200);
    expect((await fetchImage(learner, keyFigure!)).status).toBe(404); // key leak: not before the attempt is finished
    expect((await fetchImage(stranger, chart!)).status).toBe(404); // another learner

    const [item] = await attemptItems(attemptId);
    await saveAnswer(await claimedViewerOf(learner.id), {
      attemptId,
      position: 0,
      seq: 1,
      response: item!.asClient({ type: "truefalse", value: true }),
    });
    signInAs(learner.id);
    await submitAttempt(asViewer(learner), attemptId);
    expect((await fetchImage(learner, keyFigure!)).status).toBe(200);
    expect((await fetchImage(learner, chart!)).status).toBe(200);
    expect((await fetchImage(stranger, keyFigure!)).status).toBe(404);
  });
});

describe("exporting images", () => {
  it("Moodle XML carries them as <file> and imports back into another bank as the same pictures", async () => {
    await importInto(owner, bankId, pictured());
    const [chart] = idsIn((await bankQuestion(bankId, "yen rising")).q.prompt);
    const xml = await exportQuestionBank(asViewer(owner), bankId, "moodle-xml");
    const body = String(xml.body);
    expect(body).toContain(`@@PLUGINFILE@@/${chart}.png`);
    expect(body).toContain(`<file name="${chart}.png" path="/" encoding="base64">${RED_PNG}</file>`);
    expect(body).not.toContain("/api/images/");

    signInAs(other.id);
    const back = await importInto(other, otherBankId, body);
    expect(back.created).toBe(3);
    const mine = await db().bankImage.findMany({ where: { bankId }, select: { sha256: true } });
    const theirs = await db().bankImage.findMany({ where: { bankId: otherBankId }, select: { id: true, sha256: true } });
    expect(theirs.map((t) => t.sha256).sort()).toEqual(mine.map((m) => m.sha256).sort());
    const copied = await bankQuestion(otherBankId, "yen rising");
    const [copiedChart] = idsIn(copied.q.prompt);
    expect(theirs.map((t) => t.id)).toContain(copiedChart);
    expect(copied.q.prompt).toBe(`Does the chart show the yen rising?\n![Yen per dollar, 1985-88](/api/images/${copiedChart})`);
    expect((await fetchImage(other, copiedChart!)).status).toBe(200);
  });

  it("QTI packages the files and points at them; GIFT reports that it cannot", async () => {
    await importInto(owner, bankId, pictured());
    const one = await bankQuestion(bankId, "yen rising");
    const [chart] = idsIn(one.q.prompt);
    const qti = await exportQuestionBank(asViewer(owner), bankId, "qti3");
    const files = unzipSync(qti.body as Uint8Array);
    expect(Buffer.from(files[`images/${chart}.png`]!).equals(Buffer.from(RED_PNG, "base64"))).toBe(true);
    const item = strFromU8(files[`items/q-${one.key}.xml`]!);
    expect(item).toContain(`<img src="../images/${chart}.png" alt="Yen per dollar, 1985-88"/>`);
    expect(strFromU8(files["imsmanifest.xml"]!)).toContain(`<file href="images/${chart}.png"/>`);

    const gift = await exportQuestionBank(asViewer(owner), bankId, "gift");
    expect(gift.report.find((r) => r.key === one.key)!.lost.join()).toMatch(/2 image\(s\): GIFT cannot embed files/);
  });
});
