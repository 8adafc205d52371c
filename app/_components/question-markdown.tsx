// Shows Markdown a question carries (prompt, option, explanation) as the server rendered it: lib/content/render.ts
// escapes raw HTML, drops unsafe links and shows only app-served images, so the HTML is safe to insert as it is.
// One component for the attempt, its review, spaced review, practice and the bank editor's preview.

/** A question's prompt; `${name}-prompt` is what the answer controls name in `aria-labelledby`. */
export function QuestionPrompt({ name, html, focusable = false }: { name: string; html: string; focusable?: boolean }) {
  return (
    <div
      id={`${name}-prompt`}
      tabIndex={focusable ? -1 : undefined}
      className="prose-question text-lg font-medium"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** Block Markdown (an explanation, a per-option feedback) already rendered on the server. */
export function MarkdownBlock({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`prose-question ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One line of inline Markdown (an option, an ordering item) already rendered on the server. */
export function InlineMarkdown({ html }: { html: string }) {
  return <span className="inline-question" dangerouslySetInnerHTML={{ __html: html }} />;
}
