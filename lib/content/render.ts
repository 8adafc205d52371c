// Owns turning Markdown (lessons, and question prompts, options, feedback and explanations) into HTML on the server:
// raw HTML in the source is escaped, never passed through; unsafe links drop to their text; images render only when
// they are served by this app (`/api/images/<id>`) and carry alt text — anything else (a hot-link) drops to its alt.
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

/** The only image URLs Koza renders: images stored with a bank and served (with access checks) by the app. */
export const APP_IMAGE_URL = /^\/api\/images\/([A-Za-z0-9_-]{16,64})$/;

/** The image id of an app-served image URL, or null. */
export function appImageId(href: string): string | null {
  return APP_IMAGE_URL.exec(href.trim())?.[1] ?? null;
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Block and inline HTML (`<script>`, `<b>`) arrive here: show it as text instead of rendering it.
    html({ text, block }) {
      return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
    },
    // A section title (or a question's heading) is the page's h2, so headings in Markdown start at h3 (one h1 per page).
    heading({ tokens, depth }) {
      const level = Math.min(6, Math.max(3, depth));
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    link({ href, tokens }) {
      if (isSafeHref(href)) return false;
      return this.parser.parseInline(tokens);
    },
    // Never hot-link: only app-served images with a description become <img>; the rest show their alt text.
    image({ href, text }) {
      const alt = text.trim();
      if (appImageId(href) === null || alt === "") return escapeHtml(alt);
      return `<img src="${escapeHtml(href.trim())}" alt="${escapeHtml(alt)}" loading="lazy">`;
    },
  },
});

/** Renders Markdown (a lesson section, a prompt, an explanation) to block HTML, for `dangerouslySetInnerHTML`. */
export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** Renders one line of Markdown (an option, an ordering item) to inline HTML: no paragraphs, lists or headings. */
export function renderInlineMarkdown(markdown: string): string {
  return marked.parseInline(markdown, { async: false });
}

/** Every app image a piece of Markdown shows (ids), in order; the same rule the renderer applies. */
export function markdownImageIds(markdown: string): string[] {
  const ids: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === "image" && token.text.trim() !== "") {
      const id = appImageId(token.href);
      if (id) ids.push(id);
    }
  });
  return ids;
}

/**
 * What is wrong with the images in a piece of Markdown, as sentences for the editor: an image with no description, or
 * one that is not stored in Koza (a hot-link, which the renderer would drop to its description).
 */
export function markdownImageProblems(markdown: string): string[] {
  const out: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type !== "image") return;
    if (token.text.trim() === "") out.push(`the image ${token.href} needs a description (alt text): write it between the brackets, ![like this](…)`);
    else if (appImageId(token.href) === null)
      out.push(`the image ${token.href} is not stored in Koza; only images imported with a bank are shown (Koza never links to images on other sites)`);
  });
  return out;
}
