// Owns turning lesson Markdown into HTML on the server: raw HTML in the source is escaped, never passed through.
import { Marked } from "marked";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Relative links, in-page anchors, http(s) and mailto; anything else (javascript:, data:) is shown as plain text. */
function isSafeHref(href: string): boolean {
  const trimmed = href.trim().toLowerCase();
  if (/^(https?:|mailto:)/.test(trimmed)) return true;
  return !/^[a-z][a-z0-9+.-]*:/.test(trimmed);
}

const lessonMarked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Block and inline HTML (`<script>`, `<b>`) arrive here: show it as text instead of rendering it.
    html({ text, block }) {
      return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
    },
    // A section title is the page's h2, so headings inside a section's Markdown start at h3 (one h1 per page).
    heading({ tokens, depth }) {
      const level = Math.min(6, Math.max(3, depth));
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    link({ href, tokens }) {
      if (isSafeHref(href)) return false;
      return this.parser.parseInline(tokens);
    },
  },
});

/** Renders trusted lesson Markdown to HTML with raw HTML escaped, for `dangerouslySetInnerHTML` on the server. */
export function renderMarkdown(markdown: string): string {
  return lessonMarked.parse(markdown, { async: false });
}
