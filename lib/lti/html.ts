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

/**
 * First launch of a new LMS identity whose email belongs to a Koza account: sign in to link it, or continue with a new
 * account. The email field is editable, so a person whose LMS email differs can link the account they own.
 */
export function linkOfferPage(opts: { email: string; error?: string }, status: number, frameAncestors: string[]): Response {
  const alert = opts.error ? `<p role="alert"><strong>${escapeHtml(opts.error)}</strong></p>` : "";
  const body =
    `<h1>You already have a Koza account with this email</h1>` +
    `<p>Your course says you are <strong>${escapeHtml(opts.email)}</strong>, and a Koza account uses that email. ` +
    `Sign in to link it: your course will open in that account from now on. Or continue with a new account for this course.</p>${alert}` +
    `<form method="post" action="/api/lti/link"><fieldset><legend>Link my existing Koza account</legend>` +
    `<input type="hidden" name="action" value="link">` +
    `<label for="link-email">Email</label><input id="link-email" name="email" type="email" autocomplete="username" required maxlength="254" value="${escapeHtml(opts.email)}">` +
    `<label for="link-password">Password</label><input id="link-password" name="password" type="password" autocomplete="current-password" required maxlength="1024">` +
    `<p><button type="submit">Sign in and link</button></p></fieldset></form>` +
    `<form method="post" action="/api/lti/link"><input type="hidden" name="action" value="new">` +
    `<p><button type="submit">Continue with a new account</button></p></form>`;
  return new Response(page("Link your Koza account", body), { status, headers: ltiHeaders({ frameAncestors }) });
}

/**
 * The launch signed the person in, but the browser did not keep the session cookie inside the LMS frame. The button
 * posts the launch's single-use ticket to a new top-level window, where the cookie is first-party.
 */
export function openInNewWindowPage(ticket: string, frameAncestors: string[]): Response {
  const body =
    `<h1>Open Koza in a new window</h1>` +
    `<p>Your browser blocks Koza's sign-in inside this course page, so Koza cannot open here. ` +
    `The button opens it in a new window, signed in and at the same place.</p>` +
    `<form method="post" action="/api/lti/handoff" target="_blank"><input type="hidden" name="ticket" value="${escapeHtml(ticket)}">` +
    `<button type="submit">Open Koza in a new window</button></form>` +
    `<p>The button works once, within two minutes. After that, select the Koza link in your course again.</p>`;
  return new Response(page("Open Koza in a new window", body), { status: 200, headers: ltiHeaders({ frameAncestors }) });
}

/**
 * The browser did not keep Koza's cookie inside the LMS frame, so a launch there cannot be bound to it. The link starts
 * the same login in a new top-level window (`loginPath`: Koza's own login URL with the platform's parameters).
 */
export function openLoginInNewWindowPage(loginPath: string, frameAncestors: string[]): Response {
  const body =
    `<h1>Open Koza in a new window</h1>` +
    `<p>Your browser blocks Koza's cookies inside this course page, so Koza cannot sign you in here. ` +
    `The link opens Koza in a new window, where your course signs you in as usual.</p>` +
    `<p><a href="${escapeHtml(loginPath)}" target="_blank" rel="noopener">Open Koza in a new window</a></p>`;
  return new Response(page("Open Koza in a new window", body), { status: 200, headers: ltiHeaders({ frameAncestors }) });
}
