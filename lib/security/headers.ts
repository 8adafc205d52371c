// Owns the HTTP security headers every response carries, including a CSP the app actually works under.

/**
 * Next.js injects small inline bootstrap scripts; without per-request nonces (which would force every page dynamic
 * and defeat caching) 'unsafe-inline' is needed for script-src. Everything else is locked to our own origin.
 */
export function contentSecurityPolicy(isDev: boolean, frameAncestors: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? " ws:" : ""}`,
    "form-action 'self'",
    // Nobody may frame Koza, except the registered LMS origins after an LTI launch (lib/lti/frame.ts, proxy.ts).
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(" ") : "'none'"}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(isDev: boolean): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(isDev) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}

/** The headers a page carries inside an LMS frame after an LTI launch: the same, framable by those origins only. */
export function framedSecurityHeaders(isDev: boolean, frameAncestors: readonly string[]): { key: string; value: string }[] {
  if (frameAncestors.length === 0) return securityHeaders(isDev);
  return securityHeaders(isDev)
    .filter((h) => h.key !== "X-Frame-Options")
    .map((h) => (h.key === "Content-Security-Policy" ? { key: h.key, value: contentSecurityPolicy(isDev, frameAncestors) } : h));
}

/** What next.config sets when the LTI frame cookie is present: everything but the framing rules, which proxy.ts sets. */
export function securityHeadersWithoutFraming(isDev: boolean): { key: string; value: string }[] {
  return securityHeaders(isDev).filter((h) => h.key !== "X-Frame-Options" && h.key !== "Content-Security-Policy");
}
