// Every question of the course's banks survives GIFT and Moodle XML: export, parse, compare on every field the
// format can hold (and the export report names each field it could not).
import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/loader";
import { exportBank, parseBankFile, type ExportItem } from "@/lib/bank-formats";
import { comparable } from "./comparable";

const course = loadCourse();
const titles = new Map(course.lessons.map((l) => [l.topic, l.title]));
const items: ExportItem[] = course.banks.flatMap((b) =>
  b.questions.map((question) => ({ question, topicTitle: titles.get(b.topic) ?? b.topic })),
);

describe.each(["gift", "moodle-xml"] as const)("course banks through %s", (format) => {
  it("export → parse gives back every question on every field the format holds", () => {
    expect(items.length).toBeGreaterThan(50);
    const exported = exportBank(format, "Course content", items);
    const parsed = parseBankFile(format, exported.body as string);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.questions).toHaveLength(items.length);
    parsed.questions.forEach((imported, i) => {
      expect(imported.question).toEqual(comparable(items[i]!.question, format));
      expect(imported.warnings).toEqual([]);
      expect(imported.category).toContain(items[i]!.topicTitle);
    });
  });

  it("the export report names what the format cannot hold", () => {
    const { report } = exportBank(format, "Course content", items);
    const byKey = new Map(report.map((r) => [r.key, r.lost]));
    for (const { question: q } of items) {
      const lost = byKey.get(q.key)!;
      if (q.type === "numeric" && q.unit !== "" && format === "gift") expect(lost.join(" ")).toContain("unit");
      if (q.type === "short") expect(lost.join(" ")).toContain("normalisation");
      if (q.citations?.length) expect(lost.join(" ")).toContain("citations");
    }
  });
});
