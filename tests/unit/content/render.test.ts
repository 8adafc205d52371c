// Lesson Markdown renders on the server with raw HTML escaped, headings below the page's h2 and no script URLs.
import { describe, expect, it } from "vitest";
import { markdownImageIds, markdownImageProblems, renderInlineMarkdown, renderMarkdown } from "@/lib/content/render";
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

const IMG = "/api/images/AbCdEfGhIjKlMnOpQrSt_-12";

describe("images (never hot-linked)", () => {
  it("renders an app-served image with its alt text", () => {
    expect(renderMarkdown(`See ![The yen in 1985](${IMG})`)).toContain(`<img src="${IMG}" alt="The yen in 1985" loading="lazy">`);
    expect(renderInlineMarkdown(`![a chart](${IMG})`)).toBe(`<img src="${IMG}" alt="a chart" loading="lazy">`);
  });

  it("drops an image from another site to its alt text", () => {
    for (const href of ["https://evil.example/x.png", "//evil.example/x.png", "data:image/png;base64,AAAA", "/api/images/../x", "/elsewhere.png"]) {
      const html = renderMarkdown(`![a chart](${href})`);
      expect(html, href).not.toContain("<img");
      expect(html, href).toContain("a chart");
    }
  });

  it("refuses an app image without alt text, and escapes the alt", () => {
    expect(renderMarkdown(`![](${IMG})`)).not.toContain("<img");
    expect(renderMarkdown(`![" onerror="alert(1)](${IMG})`)).toContain('alt="&quot; onerror=&quot;alert(1)"');
  });

  it("lists the app images Markdown shows, and what the editor must fix", () => {
    expect(markdownImageIds(`![a](${IMG})\n\n- ![b](https://x.example/b.png) ![](${IMG})`)).toEqual(["AbCdEfGhIjKlMnOpQrSt_-12"]);
    const problems = markdownImageProblems(`![](${IMG}) ![b](https://x.example/b.png) ![ok](${IMG})`);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/needs a description/);
    expect(problems[1]).toMatch(/not stored in Koza/);
  });
});

describe("renderInlineMarkdown", () => {
  it("renders emphasis and code without a paragraph, and escapes HTML", () => {
    expect(renderInlineMarkdown("the *real* `rate` <b>x</b>")).toBe("the <em>real</em> <code>rate</code> &lt;b&gt;x&lt;/b&gt;");
  });
});

/** The visible text of rendered HTML: tags dropped, the five escapes undone, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

describe("the course's own banks", () => {
  // The YAML banks were written as plain text: rendering them as Markdown must change nothing a learner can read
  // ($1 trillion, 25%, an asterisk or underscore must not turn into emphasis or vanish).
  it("render every prompt, option, item, explanation and feedback to exactly their text", () => {
    const texts: { where: string; text: string; inline: boolean }[] = [];
    for (const bank of loadCourse().banks)
      for (const q of bank.questions) {
        const at = `${bank.file} ${q.key}`;
        texts.push({ where: `${at} prompt`, text: q.prompt, inline: false });
        if (q.explanation) texts.push({ where: `${at} explanation`, text: q.explanation, inline: false });
        if (q.type === "single" || q.type === "multiple")
          for (const o of q.options) {
            texts.push({ where: `${at} option ${o.id}`, text: o.text, inline: true });
            if (o.feedback) texts.push({ where: `${at} feedback ${o.id}`, text: o.feedback, inline: false });
          }
        if (q.type === "ordering") for (const i of q.items) texts.push({ where: `${at} item ${i.id}`, text: i.text, inline: true });
        if (q.type === "matching") for (const p of q.pairs) texts.push({ where: `${at} left ${p.id}`, text: p.left, inline: true });
      }
    expect(texts.length).toBeGreaterThan(500);
    for (const t of texts) {
      const html = t.inline ? renderInlineMarkdown(t.text) : renderMarkdown(t.text);
      expect(html, t.where).not.toMatch(/<(em|strong|code|del|a|img|h\d|ul|ol|li|blockquote)\b/);
      expect(visibleText(html), t.where).toBe(t.text.replace(/\s+/g, " ").trim());
    }
  });
});
