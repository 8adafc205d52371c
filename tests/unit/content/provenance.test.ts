// Where a question's fact comes from, as the feedback screen shows it: article paragraphs only when the article states it.
import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/loader";
import { describeArticleParagraphs, questionProvenance } from "@/lib/content/provenance";

const course = loadCourse();
const all = course.banks.flatMap((b) => b.questions);
const byKey = new Map(all.map((q) => [q.key, q]));

describe("questionProvenance", () => {
  it("gives article paragraphs and no outside source for a fact the article states", () => {
    expect(questionProvenance(byKey.get("fs-pledge-who")!)).toEqual({ paragraphs: ["P1"], outside: [] });
  });

  it("gives the outside source's title, publisher and link, and no paragraph, for a fact the article never states", () => {
    const p = questionProvenance(byKey.get("pw-gatt-facts")!);
    expect(p.paragraphs).toEqual([]);
    expect(p.outside.length).toBeGreaterThan(0);
    expect(p.outside[0]).toMatchObject({ title: expect.any(String), publisher: expect.any(String) });
    expect(p.outside.some((s) => s.url?.startsWith("https://"))).toBe(true);
  });

  it("resolves every question's outside sources at load time, so stored versions carry their citations", () => {
    for (const q of all) expect(q.citations?.length ?? 0, q.key).toBe(q.outsideSources.length);
  });

  it("resolves ids from the lesson for a version stored without citations, and falls back to paragraphs for old versions", () => {
    const lesson = course.lessons.find((l) => l.topic === "postwar-reconstruction")!;
    const q = byKey.get("pw-gatt-facts")!;
    expect(questionProvenance({ ...q, citations: undefined }, lesson).outside).toEqual(questionProvenance(q).outside);
    expect(questionProvenance({ paragraphs: ["P4"] } as never)).toEqual({ paragraphs: ["P4"], outside: [] });
  });

  it("words paragraphs as a learner reads them", () => {
    expect(describeArticleParagraphs(["P4"])).toBe("From the article, paragraph 4");
    expect(describeArticleParagraphs(["P1", "P3", "P4"])).toBe("From the article, paragraphs 1, 3 and 4");
    expect(describeArticleParagraphs([])).toBe("");
  });
});
