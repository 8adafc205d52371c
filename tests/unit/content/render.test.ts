// Lesson Markdown renders on the server with raw HTML escaped, headings below the page's h2 and no script URLs.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/content/render";
import { loadCourse } from "@/lib/content/loader";

describe("renderMarkdown", () => {
  it("renders paragraphs, emphasis and lists", () => {
    const html = renderMarkdown("A **strong** yen.\n\n- one\n- two");
    expect(html).toContain("<p>A <strong>strong</strong> yen.</p>");
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
  });

  it("escapes block and inline HTML instead of passing it through", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nText with <img src=x onerror="alert(1)"> inside.');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("keeps safe links and drops javascript: links to their text", () => {
    const html = renderMarkdown("[fed](https://www.federalreservehistory.org/) [here](#what-was-agreed) [bad](javascript:alert(1))");
    expect(html).toContain('<a href="https://www.federalreservehistory.org/">fed</a>');
    expect(html).toContain('<a href="#what-was-agreed">here</a>');
    expect(html).not.toContain("javascript:");
    expect(html).toContain("bad");
  });

  it("never emits h1 or h2 from a section's Markdown", () => {
    const html = renderMarkdown("# Top\n\n## Second\n\n#### Fourth");
    expect(html).toMatch(/<h3>Top<\/h3>\s*<h3>Second<\/h3>\s*<h4>Fourth<\/h4>/);
  });

  it("renders every real lesson section without raw tags from the source", () => {
    for (const lesson of loadCourse().lessons)
      for (const section of lesson.sections) {
        const html = renderMarkdown(section.markdown);
        expect(html.length, `${lesson.topic}#${section.id}`).toBeGreaterThan(0);
        expect(html).not.toMatch(/<(h1|h2|script|iframe)\b/);
      }
  });
});
