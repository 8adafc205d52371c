// Owns optimistic redirects (signed-out visitors to private areas go to sign-in; real checks live in lib/dal) and,
// inside an LMS frame after an LTI launch, the page's CSP naming the origins that launch allowed to frame Koza.
import { NextResponse, type NextRequest } from "next/server";
import { FRAME_COOKIE, verifyFrameOrigins } from "./lib/lti/frame";
import { framedSecurityHeaders } from "./lib/security/headers";
import { resolveAuthSecret } from "./lib/auth/secret";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/** True when a session cookie is present (possibly chunked as name.0, name.1…); its validity is the DAL's business. */
export function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

const PRIVATE = ["/dashboard", "/review", "/teach", "/attempts", "/account", "/admin"];
const isPrivate = (path: string) => PRIVATE.some((p) => path === p || path.startsWith(`${p}/`));

let secret: string | undefined;

export async function proxy(request: NextRequest) {
  let response: NextResponse;
  if (!isPrivate(request.nextUrl.pathname) || hasSessionCookie(request)) response = NextResponse.next();
  else {
    const url = new URL("/signin", request.url);
    url.searchParams.set("next", request.nextUrl.pathname + request.nextUrl.search);
    response = NextResponse.redirect(url);
  }
  const frameCookie = request.cookies.get(FRAME_COOKIE)?.value;
  if (frameCookie !== undefined) {
    // next.config left the CSP to us for this request; a forged or stale cookie gets frame-ancestors 'none'.
    const origins = await verifyFrameOrigins(frameCookie, (secret ??= resolveAuthSecret()));
    for (const h of framedSecurityHeaders(process.env.NODE_ENV !== "production", origins)) response.headers.set(h.key, h.value);
  }
  return response;
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
    { source: "/admin/:path*", missing: [{ type: "header", key: "next-action" }] },
    // Inside an LMS frame after an LTI launch: every page (LTI API routes set their own headers).
    {
      source: "/((?!_next/static|_next/image|api/).*)",
      has: [{ type: "cookie", key: "koza_lti_frame" }],
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
