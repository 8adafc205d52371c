// Owns the few plain HTML pages the LTI route handlers answer with (errors, the deep-linking picker, auto-posted
// forms), each with its own security headers: framable by registered platform origins only.
import { randomBytes } from "node:crypto";

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}" +
  "@media (prefers-color-scheme:dark){body{color:#eee;background:#111}a{color:#9cf}}" +
  "button{font:inherit;padding:.4rem 1rem}fieldset{border:1px solid #888;padding:1rem}label{display:block;margin:.25rem 0}";

export function ltiHeaders(opts: { frameAncestors: string[]; formAction?: string[]; nonce?: string }): Headers {
  const ancestors = opts.frameAncestors.length > 0 ? opts.frameAncestors.join(" ") : "'none'";
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    opts.nonce ? `script-src 'nonce-${opts.nonce}'` : "script-src 'none'",
    `form-action 'self'${opts.formAction?.length ? ` ${opts.formAction.join(" ")}` : ""}`,
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
  ].join("; ");
  return new Headers({
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
}

function page(title: string, body: string, nonce?: string, script?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · Koza</title><style>${STYLE}</style></head><body><main>${body}</main>${script && nonce ? `<script nonce="${nonce}">${script}</script>` : ""}</body></html>`;
}

export function errorPage(message: string, status: number, frameAncestors: string[]): Response {
  const body = `<h1>Koza could not open this launch</h1><p role="alert">${escapeHtml(message)}</p><p>Go back to your course and select the Koza link again. If it keeps happening, tell your instructor or administrator.</p>`;
  return new Response(page("Launch refused", body), { status, headers: ltiHeaders({ frameAncestors }) });
}

/** A form the browser posts on load (to the platform's return URL), with a button when scripts are off. */
export function autoPostPage(action: string, fields: Record<string, string>, frameAncestors: string[]): Response {
  const nonce = randomBytes(16).toString("base64");
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  const body = `<h1>Returning to your course…</h1><form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">Continue to your course</button></form>`;
  return new Response(page("Returning to your course", body, nonce, "document.forms[0].submit();"), {
    status: 200,
    headers: ltiHeaders({ frameAncestors, formAction: [new URL(action).origin], nonce }),
  });
}

export function htmlPage(title: string, body: string, frameAncestors: string[]): Response {
  return new Response(page(title, body), { status: 200, headers: ltiHeaders({ frameAncestors }) });
}
