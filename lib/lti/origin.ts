// Owns Koza's own public origin as LTI platforms know it (the redirect URI and key-set URL they registered).

/** The request's origin (Next derives it from the Host header, so behind a proxy it is the public one). */
export function toolOrigin(requestUrl: string): string {
  return new URL(requestUrl).origin;
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
