// Importing GIFT and Moodle XML into an instructor's bank against the real database: the report writes nothing, the
// apply writes exactly the report's rows in one transaction, a re-import versions what changed, another instructor's
// private bank is out of reach, and hostile or oversized files are refused with nothing written.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as importPOST } from "@/app/api/teach/bank/import/route";
import { GET as exportGET } from "@/app/api/teach/bank/[bankId]/export/route";
import { GET as contentExportGET } from "@/app/teach/bank/export/route";
import { parseBankFile } from "@/lib/bank-formats";
import { contentHash } from "@/lib/dal/content-seed";
import { applyBankImport, exportQuestionBank, previewBankImport } from "@/lib/dal/bank-import";
import { NotFoundError } from "@/lib/dal/errors";
import { db } from "@/lib/db/client";
import { MAX_IMPORT_BYTES } from "@/lib/quiz/limits";
import { bank as bankCli } from "@/scripts/bank";
import { CONTENT_TABLES, truncateAll, withTestDatabase } from "./support/database";
import { createClassWith, createUser, realCourse, seedCourse } from "./support/fixtures";
import { signInAs } from "./support/session";

const database = withTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let other: User;
let learner: User;
let bankId: string;
let otherBankId: string;
let lessonA: { topic: string; title: string };
let lessonB: { topic: string; title: string };

/** A GIFT file: two categories named by topic title and by slug, one unknown category, and an essay to skip. */
function giftFile(variant = ""): string {
  return [
    `$CATEGORY: $course$/top/${lessonA.title}`,
    `// [id:imp-single] [tag:unit-1]\n::Single::Which is right${variant}?{=right ~wrong ~other}`,
    `::Numeric::How many?{#12:0.5}`,
    `$CATEGORY: ${lessonB.topic}`,
    `::Short::Name the currency.{=yen =JPY}`,
    `::TF::Trade friction grew.{T}`,
    `$CATEGORY: $course$/top/Somewhere else`,
    `::Elsewhere::Goes to the default topic.{T}`,
    `::Essay::Discuss.{}`,
  ].join("\n\n");
}

async function counts() {
  return {
    questions: await db().question.count(),
    versions: await db().questionVersion.count(),
    bankQuestions: await db().question.count({ where: { bankId: { not: null } } }),
  };
}

async function clearBankQuestions() {
  const ids = (await db().question.findMany({ where: { bankId: { not: null } }, select: { id: true } })).map((q) => q.id);
  await db().question.updateMany({ where: { id: { in: ids } }, data: { currentVersionId: null } });
  await db().questionVersion.deleteMany({ where: { questionId: { in: ids } } });
  await db().question.deleteMany({ where: { id: { in: ids } } });
}

function upload(fields: Record<string, string>, file: Blob | null, fileName = "bank.gift.txt"): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", file, fileName);
  return new Request("http://koza.test/api/teach/bank/import", { method: "POST", body: form });
}

const viewerOf = (u: User) => ({ ...u, role: u.role });

let seeded = false;
beforeAll(() => {
  const lessons = realCourse().lessons;
  lessonA = { topic: lessons[0]!.topic, title: lessons[0]!.title };
  lessonB = { topic: lessons[1]!.topic, title: lessons[1]!.title };
});

beforeEach(async () => {
  if (!seeded) {
    await truncateAll(database());
    await seedCourse();
    seeded = true;
  } else {
    await clearBankQuestions();
    await truncateAll(database(), { keep: CONTENT_TABLES });
  }
  owner = await createUser("INSTRUCTOR");
  other = await createUser("INSTRUCTOR");
  learner = await createUser("LEARNER");
  bankId = (await db().questionBank.create({ data: { ownerId: owner.id, name: "Owner's bank" }, select: { id: true } })).id;
  otherBankId = (await db().questionBank.create({ data: { ownerId: other.id, name: "Other's bank" }, select: { id: true } })).id;
  signInAs(owner.id);
});

describe("the import report", () => {
  it("maps categories to topics, skips with reasons, and writes nothing", async () => {
    const before = await counts();
    const report = await previewBankImport(viewerOf(owner), { bankId, format: "gift", text: giftFile(), defaultTopic: lessonB.topic });
    expect(await counts()).toEqual(before);
    expect(report.rows.map((r) => [r.key, r.status, r.topic])).toEqual([
      ["imp-single", "imported", lessonA.topic],
      ["numeric", "imported", lessonA.topic],
      ["short", "imported", lessonB.topic],
      ["tf", "imported", lessonB.topic],
      ["elsewhere", "imported", lessonB.topic],
      [null, "skipped", null],
    ]);
    expect(report.rows[5]!.reason).toMatch(/essay/);
    expect(report.topicMapping.map((m) => m.by)).toEqual(["title", "slug", "default"]);
    expect(report.counts.byStatus).toEqual({ imported: 5, changed: 0, unchanged: 0, skipped: 1 });
    expect(report.counts.byType).toEqual({ single: 1, numeric: 1, short: 1, truefalse: 2, essay: 1 });
  });

  it("without a default topic, an unknown category's questions are skipped, not guessed", async () => {
    const report = await previewBankImport(viewerOf(owner), { bankId, format: "gift", text: giftFile() });
    const elsewhere = report.rows.find((r) => r.name === "Elsewhere")!;
    expect(elsewhere.status).toBe("skipped");
    expect(elsewhere.reason).toMatch(/matches no topic/);
  });

  it("finds duplicates by key or identical prompt, and renames a key used outside the bank", async () => {
    const contentKey = realCourse().banks[0]!.questions[0]!.key;
    const text = [
      `$CATEGORY: ${lessonA.topic}`,
      `// [id:${contentKey}]\n::Taken::A question whose key the course uses.{T}`,
      `::First::Same prompt twice.{T}`,
      `::Second::Same   prompt TWICE.{F}`,
    ].join("\n\n");
    const report = await previewBankImport(viewerOf(owner), { bankId, format: "gift", text });
    expect(report.rows[0]).toMatchObject({ key: `${contentKey}-2`, status: "imported" });
    expect(report.rows[0]!.reason).toMatch(/used outside this bank/);
    expect(report.rows[2]).toMatchObject({ status: "skipped" });
    expect(report.rows[2]!.reason).toMatch(/duplicate: "first"/);
  });
});

describe("applying an import", () => {
  it("writes exactly the report's rows: a Question in the bank and version 1 for each", async () => {
    const before = await counts();
    const { report, created, versioned } = await applyBankImport(viewerOf(owner), {
      bankId,
      format: "gift",
      text: giftFile(),
      defaultTopic: lessonB.topic,
    });
    expect(created).toBe(report.counts.byStatus.imported);
    expect(versioned).toBe(0);
    const after = await counts();
    expect(after.questions - before.questions).toBe(5);
    expect(after.versions - before.versions).toBe(5);
    const rows = await db().question.findMany({
      where: { bankId },
      orderBy: { key: "asc" },
      select: { key: true, topicSlug: true, currentVersion: { select: { version: true, contentHash: true, data: true } } },
    });
    const expected = report.rows.filter((r) => r.status === "imported");
    expect(rows.map((r) => r.key)).toEqual(expected.map((r) => r.key!).sort());
    for (const r of rows) {
      expect(r.currentVersion!.version).toBe(1);
      expect(r.currentVersion!.contentHash).toBe(contentHash(r.currentVersion!.data));
      expect(r.topicSlug).toBe(expected.find((e) => e.key === r.key)!.topic);
    }
  });

  it("re-importing the same file changes nothing; a changed question gets a new version and keeps the old", async () => {
    await applyBankImport(viewerOf(owner), { bankId, format: "gift", text: giftFile(), defaultTopic: lessonB.topic });
    const once = await counts();
    const again = await applyBankImport(viewerOf(owner), { bankId, format: "gift", text: giftFile(), defaultTopic: lessonB.topic });
    expect(again.report.counts.byStatus).toMatchObject({ imported: 0, changed: 0, unchanged: 5 });
    expect(await counts()).toEqual(once);

    const changed = await applyBankImport(viewerOf(owner), { bankId, format: "gift", text: giftFile(" now"), defaultTopic: lessonB.topic });
    expect(changed.report.rows.find((r) => r.key === "imp-single")!.status).toBe("changed");
    expect(changed.versioned).toBe(1);
    const q = await db().question.findUniqueOrThrow({
      where: { key: "imp-single" },
      select: { currentVersion: { select: { version: true } }, versions: { select: { version: true }, orderBy: { version: "asc" } } },
    });
    expect(q.currentVersion!.version).toBe(2);
    expect(q.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it("refuses when the bank changed since the confirmed report, writing nothing", async () => {
    const report = await previewBankImport(viewerOf(owner), { bankId, format: "gift", text: giftFile(), defaultTopic: lessonB.topic });
    await applyBankImport(viewerOf(owner), {
      bankId,
      format: "gift",
      text: `::Intruder::Which is right?{=right ~wrong ~other}`,
      defaultTopic: lessonA.topic,
    });
    const before = await counts();
    await expect(
      applyBankImport(viewerOf(owner), {
        bankId,
        format: "gift",
        text: giftFile(),
        defaultTopic: lessonB.topic,
        expectedFingerprint: report.fingerprint,
      }),
    ).rejects.toThrow(/bank changed/);
    expect(await counts()).toEqual(before);
  });
});

describe("who may import and export", () => {
  it("another instructor cannot import into or export a private bank; a co-instructor of its class can", async () => {
    const input = { bankId, format: "gift" as const, text: giftFile(), defaultTopic: lessonB.topic };
    const before = await counts();
    await expect(previewBankImport(viewerOf(other), input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(applyBankImport(viewerOf(other), input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportQuestionBank(viewerOf(other), bankId, "gift")).rejects.toBeInstanceOf(NotFoundError);
    await expect(previewBankImport(viewerOf(learner), input)).rejects.toThrow(/Only instructors/);
    await expect(applyBankImport(viewerOf(owner), { ...input, bankId: otherBankId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportQuestionBank(viewerOf(owner), otherBankId, "qti3")).rejects.toBeInstanceOf(NotFoundError);
    expect(await counts()).toEqual(before);

    const shared = await createClassWith(owner.id, [], "Shared");
    await db().classInstructor.create({ data: { classId: shared.id, userId: other.id } });
    await db().questionBank.update({ where: { id: bankId }, data: { sharedClassId: shared.id } });
    await applyBankImport(viewerOf(other), input);
    expect((await exportQuestionBank(viewerOf(other), bankId, "gift")).report).toHaveLength(5);
  });

  it("through the routes: the other instructor gets 404 for import and export, nothing written", async () => {
    signInAs(other.id);
    const before = await counts();
    const res = await importPOST(upload({ bankId, apply: "1", defaultTopic: lessonB.topic }, new Blob([giftFile()])));
    expect(res.status).toBe(404);
    const exp = await exportGET(new Request(`http://koza.test/api/teach/bank/${bankId}/export?format=gift`), {
      params: Promise.resolve({ bankId }),
    });
    expect(exp.status).toBe(404);
    expect(await counts()).toEqual(before);
    signInAs(null);
    expect((await importPOST(upload({ bankId }, new Blob([giftFile()])))).status).toBe(401);
  });
});

describe("the upload route", () => {
  it("reports, then applies on confirm with the report's fingerprint, and the export reads back", async () => {
    const res = await importPOST(upload({ bankId, defaultTopic: lessonB.topic }, new Blob([giftFile()])));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: true; report: { fingerprint: string; counts: { byStatus: Record<string, number> } } };
    expect(body.report.counts.byStatus.imported).toBe(5);
    expect(await db().question.count({ where: { bankId } })).toBe(0);

    const applied = await importPOST(
      upload({ bankId, defaultTopic: lessonB.topic, apply: "1", fingerprint: body.report.fingerprint }, new Blob([giftFile()])),
    );
    expect(applied.status).toBe(200);
    expect(await db().question.count({ where: { bankId } })).toBe(5);

    for (const format of ["gift", "moodle-xml"] as const) {
      const exp = await exportGET(new Request(`http://koza.test/api/teach/bank/${bankId}/export?format=${format}`), {
        params: Promise.resolve({ bankId }),
      });
      expect(exp.status).toBe(200);
      const parsed = parseBankFile(format, await exp.text());
      expect(parsed.questions.map((q) => q.question.key).sort()).toEqual(["elsewhere", "imp-single", "numeric", "short", "tf"]);
    }
    const lostReport = await exportGET(new Request(`http://koza.test/api/teach/bank/${bankId}/export?format=gift&report=1`), {
      params: Promise.resolve({ bankId }),
    });
    const { report } = (await lostReport.json()) as { report: { key: string; lost: string[] }[] };
    expect(report.find((r) => r.key === "short")!.lost.join()).toMatch(/normalisation/);
    const qti = await exportGET(new Request(`http://koza.test/api/teach/bank/${bankId}/export?format=qti3`), {
      params: Promise.resolve({ bankId }),
    });
    expect(qti.headers.get("content-type")).toBe("application/zip");
    expect(new Uint8Array(await qti.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it("imports into a new bank created with its questions; the report creates nothing; a taken name is refused", async () => {
    const fields = { bankId: "new", newBankName: "From Moodle", defaultTopic: lessonB.topic };
    const preview = await importPOST(upload(fields, new Blob([giftFile()])));
    expect(preview.status).toBe(200);
    expect(await db().questionBank.count({ where: { name: "From Moodle" } })).toBe(0);
    const applied = await importPOST(upload({ ...fields, apply: "1" }, new Blob([giftFile()])));
    expect(applied.status).toBe(200);
    const created = await db().questionBank.findFirstOrThrow({ where: { name: "From Moodle", ownerId: owner.id }, select: { id: true } });
    expect(await db().question.count({ where: { bankId: created.id } })).toBe(5);
    const again = await importPOST(upload({ ...fields, apply: "1" }, new Blob([giftFile()])));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/already have a bank named "From Moodle"/);
    const unnamed = await importPOST(upload({ bankId: "new", newBankName: " ", apply: "1" }, new Blob([giftFile()])));
    expect(unnamed.status).toBe(409);
    expect(await db().questionBank.count({ where: { ownerId: owner.id } })).toBe(2);
  });

  it("the course's content exports in every format from the existing export route", async () => {
    const res = await contentExportGET(new Request("http://koza.test/teach/bank/export?format=moodle-xml"));
    expect(res.status).toBe(200);
    const parsed = parseBankFile("moodle-xml", await res.text());
    expect(parsed.questions.length).toBe(realCourse().banks.reduce((n, b) => n + b.questions.length, 0));
  });

  it("refuses a 50 MB upload from its Content-Length, and one that hides its size while streaming", async () => {
    const before = await counts();
    const declared = new Request("http://koza.test/api/teach/bank/import", {
      method: "POST",
      headers: { "content-length": String(50 * 1024 * 1024), "content-type": "multipart/form-data; boundary=x" },
      body: "--x--",
    });
    const res = await importPOST(declared);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/too large.*20 MB/);

    const chunk = new Uint8Array(1024 * 1024).fill(65);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 50) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const streamed = new Request("http://koza.test/api/teach/bank/import", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await importPOST(streamed)).status).toBe(413);
    expect(sent).toBeLessThan(50);
    expect(await counts()).toEqual(before);
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
  });

  it.each([
    [
      "billion laughs",
      `<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><quiz>&b;</quiz>`,
      /DOCTYPE or entities/,
    ],
    ["XXE", `<?xml version="1.0"?><!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>`, /DOCTYPE or entities/],
    ["malformed XML", `<quiz><question type="truefalse"></quiz>`, /not well-formed/],
  ])("refuses %s with a clear 422 and nothing written", async (_, xml, message) => {
    const before = await counts();
    const res = await importPOST(upload({ bankId, apply: "1", defaultTopic: lessonA.topic }, new Blob([xml]), "evil.xml"));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("refuses a GIFT file of 10,000 questions whole: never a partial import", async () => {
    const before = await counts();
    const text = Array.from({ length: 10_000 }, (_, i) => `::q${i}::Question number ${i}?{T}`).join("\n\n");
    const res = await importPOST(upload({ bankId, apply: "1", defaultTopic: lessonA.topic }, new Blob([text])));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/10000 questions; one import takes at most 2000/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a file that is not UTF-8 and a request without a file", async () => {
    expect((await importPOST(upload({ bankId }, new Blob([new Uint8Array([0xff, 0xfe, 0x41])])))).status).toBe(422);
    expect((await importPOST(upload({ bankId }, null))).status).toBe(400);
  });
});

describe("npm run bank", () => {
  it("dry run prints the report (last line: counts) and writes nothing; import creates the bank; export writes a file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "koza-bank-"));
    const file = path.join(dir, "bank.gift.txt");
    writeFileSync(file, giftFile());
    const lines: string[] = [];
    const before = await counts();
    await bankCli(["import", file, "--bank", "Scripted", "--owner", owner.email, "--topic", lessonB.topic, "--dry-run"], (l) =>
      lines.push(l),
    );
    expect(await counts()).toEqual(before);
    expect(await db().questionBank.count({ where: { name: "Scripted" } })).toBe(0);
    const out = lines.join("\n").split("\n");
    expect(JSON.parse(out.at(-1)!)).toEqual({
      byStatus: { imported: 5, changed: 0, unchanged: 0, skipped: 1 },
      byType: { single: 1, numeric: 1, short: 1, truefalse: 2, essay: 1 },
    });
    expect(JSON.parse(out.slice(0, -1).join("\n")).dryRun).toBe(true);

    lines.length = 0;
    await bankCli(["import", file, "--bank", "Scripted", "--owner", owner.email, "--topic", lessonB.topic], (l) => lines.push(l));
    const scripted = await db().questionBank.findFirstOrThrow({ where: { name: "Scripted", ownerId: owner.id }, select: { id: true } });
    expect(await db().question.count({ where: { bankId: scripted.id } })).toBe(5);

    const out2 = path.join(dir, "out.xml");
    await bankCli(["export", "--bank", "Scripted", "--format", "moodle-xml", "--out", out2], () => undefined);
    expect(parseBankFile("moodle-xml", readFileSync(out2, "utf8")).questions).toHaveLength(5);
    const content = path.join(dir, "content.zip");
    await bankCli(["export", "--bank", "content", "--format", "qti3", "--out", content], () => undefined);
    expect(readFileSync(content).subarray(0, 2).toString("latin1")).toBe("PK");
  });
});
