// Owns optimistic redirects only: signed-out visitors to private areas go to sign-in. Real checks live in lib/dal.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/** True when a session cookie is present (possibly chunked as name.0, name.1…); its validity is the DAL's business. */
export function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

export function proxy(request: NextRequest) {
  if (hasSessionCookie(request)) return NextResponse.next();
  const url = new URL("/signin", request.url);
  url.searchParams.set("next", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

// Page navigations only: a server action (the next-action header: every autosave) has nowhere to be redirected to and
// is authorized by the DAL anyway, so running the proxy for it was pure cost on an exam's hottest request. (Next reads
// this config statically: literals only.)
export const config = {
  matcher: [
    { source: "/dashboard/:path*", missing: [{ type: "header", key: "next-action" }] },
    { source: "/review/:path*", missing: [{ type: "header", key: "next-action" }] },
    { source: "/teach/:path*", missing: [{ type: "header", key: "next-action" }] },
    { source: "/attempts/:path*", missing: [{ type: "header", key: "next-action" }] },
    { source: "/account/:path*", missing: [{ type: "header", key: "next-action" }] },
  ],
};
