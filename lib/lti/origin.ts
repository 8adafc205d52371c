// Owns Koza's own public origin as LTI platforms know it (the redirect URI and key-set URL they registered).

/**
 * Koza's origin as the browser reached it: the Host header (or a proxy's X-Forwarded-Host/-Proto), not request.url,
 * whose host is the one Next listens under. A forged host is harmless: the platform only redirects to the
 * redirect URIs registered with it.
 */
export function toolOrigin(request: { url: string; headers: Headers }): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(/:$/, "");
  if (!/^https?$/.test(proto) || !/^[a-z0-9.\-\[\]:]+$/i.test(host)) return url.origin;
  return `${proto}://${host}`;
}

export const ltiUrls = (origin: string) => ({
  login: `${origin}/api/lti/login`,
  launch: `${origin}/api/lti/launch`,
  jwks: `${origin}/api/lti/jwks`,
});

/** Plain http is accepted only for a platform on this machine (development and the test platform). */
export function isLoopbackHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]");
}
