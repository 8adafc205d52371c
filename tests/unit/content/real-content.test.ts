// The real course is big enough and well made beyond what the loader enforces (its rules have broken-content tests):
// every lesson has a bank, charts are cited and annotated, and `npm run content:check` reports enough.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/loader";
import { QUESTION_TYPES } from "@/lib/content/schema";

const course = loadCourse();
const lessonByTopic = new Map(course.lessons.map((l) => [l.topic, l]));

describe("real content", () => {
  it("loads every lesson and bank through the schema and the cross-file rules", () => {
    expect(course.lessons.length).toBeGreaterThanOrEqual(5);
    expect(course.banks.length).toBe(course.lessons.length);
    expect(course.lessons.map((l) => l.order)).toEqual([...course.lessons.map((l) => l.order)].sort((a, b) => a - b));
  });

  it("has a bank for every lesson and a lesson for every bank", () => {
    expect(new Set(course.banks.map((b) => b.topic))).toEqual(new Set(lessonByTopic.keys()));
  });
});

describe("real-data charts", () => {
  it.each(course.lessons.map((l) => [l.topic, l] as const))("%s has at least one chart of a cited data set", (_topic, lesson) => {
    expect(lesson.charts.length).toBeGreaterThanOrEqual(1);
    for (const chart of lesson.charts) {
      expect(chart.dataset.url).toMatch(/^https:\/\//);
      expect(chart.dataset.source.length).toBeGreaterThan(10);
      expect(chart.dataset.rows.length).toBeGreaterThanOrEqual(5);
      // One sentence: no full stop followed by a new capitalised sentence ("U.S." is an abbreviation, not an ending).
      expect(chart.takeaway.replace(/U\.S\./g, "US"), `${chart.id}: one sentence`).not.toMatch(/[.!?]\s+[A-Z]/);
      const xs = chart.dataset.rows.map((r) => r[chart.dataset.columns[0].key] ?? NaN);
      for (const a of chart.annotations) {
        const year = Number(a.at.slice(0, 4));
        expect(year, `${chart.id}: annotation ${a.label} inside the plotted range`).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(year).toBeLessThanOrEqual(Math.max(...xs));
      }
    }
  });

  it("marks the Plaza and Louvre meetings on the yen–dollar chart", () => {
    const chart = course.lessons.flatMap((l) => l.charts).find((c) => c.data === "yen-per-dollar" && c.annotations.some((a) => a.label === "Louvre"));
    expect(chart?.annotations.map((a) => a.at)).toEqual(expect.arrayContaining(["1985-09", "1987-02"]));
  });

  it("asks at least one apply-or-above question in the section of every chart", () => {
    for (const lesson of course.lessons) {
      const bank = course.banks.find((b) => b.topic === lesson.topic)!;
      for (const chart of lesson.charts)
        expect(
          bank.questions.some((q) => q.section === chart.section && ["apply", "analyse", "evaluate"].includes(q.bloom ?? "")),
          `${lesson.topic}: ${chart.id}`,
        ).toBe(true);
    }
  });
});

describe("npm run content:check", () => {
  it("ends with a JSON summary showing enough topics, questions and types", () => {
    const stdout = execFileSync(
      path.join(process.cwd(), "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/content-check.ts"],
      { cwd: process.cwd(), encoding: "utf8" },
    );
    const lastLine = stdout.trim().split("\n").at(-1) ?? "";
    const summary = JSON.parse(lastLine) as {
      topics: number;
      questions: number;
      types: Record<string, number>;
      byTopic: Record<string, { questions: number; types: Record<string, number>; applyShare: number; withParagraph: number; withOutsideSource: number; charts: number }>;
    };
    expect(summary.topics).toBeGreaterThanOrEqual(5);
    expect(summary.questions).toBeGreaterThanOrEqual(80);
    expect(Object.keys(summary.byTopic).length).toBe(summary.topics);
    for (const [topic, t] of Object.entries(summary.byTopic)) {
      expect(t.questions, topic).toBeGreaterThanOrEqual(14);
      expect(Object.values(t.types).reduce((a, b) => a + b, 0), topic).toBe(t.questions);
      expect(t.applyShare, topic).toBeGreaterThanOrEqual(0);
      expect(t.applyShare, topic).toBeLessThanOrEqual(1);
      // Every question has one provenance or the other (some both), so the two counts cover the topic.
      expect(t.withParagraph + t.withOutsideSource, topic).toBeGreaterThanOrEqual(t.questions);
      expect(t.charts, topic).toBeGreaterThanOrEqual(1);
      // Issue 15: at least half of each topic's questions apply, analyse or evaluate.
      expect(t.applyShare, topic).toBeGreaterThanOrEqual(0.5);
    }
    const typesUsed = QUESTION_TYPES.filter((t) => (summary.types[t] ?? 0) >= 1);
    expect(typesUsed.length).toBeGreaterThanOrEqual(6);
  }, 60_000);
});
