// Every question of the course's banks survives GIFT and Moodle XML: export, parse, compare on every field the
// format can hold (and the export report names each field it could not).
import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/loader";
import type { Question } from "@/lib/content/schema";
import { exportBank, parseBankFile, type ExportItem } from "@/lib/bank-formats";
import { partId } from "@/lib/bank-formats/common";

const course = loadCourse();
const titles = new Map(course.lessons.map((l) => [l.topic, l.title]));
const items: ExportItem[] = course.banks.flatMap((b) =>
  b.questions.map((question) => ({ question, topicTitle: titles.get(b.topic) ?? b.topic })),
);

/** What a format keeps: ids renumbered a, b, c…; citations, and for GIFT units, magnitude and term, dropped. */
export function comparable(q: Question, format: "gift" | "moodle-xml"): Question {
  const { citations: _c, ...rest } = q;
  const copy = structuredClone(rest) as Question;
  if (copy.type === "single" || copy.type === "multiple") copy.options = copy.options.map((o, i) => ({ ...o, id: partId(i) }));
  if (copy.type === "ordering") copy.items = copy.items.map((o, i) => ({ ...o, id: partId(i) }));
  if (copy.type === "matching") copy.pairs = copy.pairs.map((o, i) => ({ ...o, id: partId(i) }));
  if (copy.type === "short") delete copy.term;
  if (copy.type === "numeric" && format === "gift") Object.assign(copy, { unit: "", acceptedUnits: [], acceptMagnitude: false });
  return copy;
}

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
