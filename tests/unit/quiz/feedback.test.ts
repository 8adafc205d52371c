// The practice hint is drawn from the lesson section a question links to: the paragraph sharing most words with the
// prompt, in plain text; no section (a retired lesson) means no hint rather than a wrong one.
import { describe, expect, it } from "vitest";
import { lessonHint } from "@/lib/quiz/feedback";
import { loadCourse } from "@/lib/content/loader";

const lesson = {
  topic: "demo",
  sections: [
    {
      id: "rates",
      title: "Fixed rates",
      paragraphs: ["P4" as const],
      sources: [],
      markdown:
        "Opening words about the period in general, with nothing on currencies at all in this paragraph.\n\nThe **single exchange rate** of 360 yen to the dollar held for twenty years, which [helped exporters](https://example.org) plan ahead.",
    },
    {
      id: "other",
      title: "Other",
      paragraphs: ["P1" as const],
      sources: [],
      markdown: "Unrelated text about something else entirely, long enough to count.",
    },
  ],
};

describe("lessonHint", () => {
  it("picks the section paragraph that speaks to the prompt, as plain text, with the section's link", () => {
    const hint = lessonHint({ prompt: "How long did the single exchange rate hold?", section: "rates" }, lesson);
    expect(hint).toEqual({
      sectionTitle: "Fixed rates",
      text: "The single exchange rate of 360 yen to the dollar held for twenty years, which helped exporters plan ahead.",
      href: "/learn/demo#rates",
    });
  });

  it("falls back to the first paragraph when nothing overlaps, and gives no hint without the section", () => {
    expect(lessonHint({ prompt: "Zzz qqq?", section: "rates" }, lesson)?.text).toMatch(/^Opening words/);
    expect(lessonHint({ prompt: "Anything", section: "missing" }, lesson)).toBeNull();
    expect(lessonHint({ prompt: "Anything", section: "rates" }, null)).toBeNull();
  });

  it("every question of the real course gets a hint from its own lesson", () => {
    const course = loadCourse();
    for (const bank of course.banks) {
      const own = course.lessons.find((l) => l.topic === bank.topic)!;
      for (const q of bank.questions) {
        const hint = lessonHint(q, own);
        expect(hint, q.key).not.toBeNull();
        expect(hint!.text.length, q.key).toBeGreaterThan(40);
      }
    }
  }, 60_000); // reads and validates the whole course from disk
});
