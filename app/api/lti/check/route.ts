// The step after a launch: did the framed session cookie stick? If so, on to where the launch led (and its ticket is
// dropped). If not (the browser blocks cookies inside the LMS frame), a page whose button carries the launch to a new
// top-level window through the ticket (app/api/lti/handoff).
import { NextResponse, type NextRequest } from "next/server";
import { errorPage, openInNewWindowPage } from "@/lib/lti/html";
import { toolOrigin } from "@/lib/lti/origin";
import { readSessionCookie, verifySessionCookie } from "@/lib/auth/session-cookie";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { unsafeAllFramingOrigins } from "@/lib/dal/lti/registrations";
import { unsafeDropHandoff, unsafePeekHandoff } from "@/lib/dal/lti/handoffs";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const ticket = request.nextUrl.searchParams.get("ticket") ?? "";
  const grant = await unsafePeekHandoff(ticket);
  if (!grant)
    return errorPage(
      "This launch has expired or was already used. Go back to your course and select the Koza link again.",
      410,
      await unsafeAllFramingOrigins(),
    );
  const cookie = readSessionCookie(request.cookies);
  const session = cookie ? await verifySessionCookie(cookie, resolveAuthSecret()) : null;
  // Only the launch's own session counts: another account's cookie in this browser is not the launch arriving.
  if (session && session.userId === grant.userId && session.version === grant.sessionVersion) {
    await unsafeDropHandoff(ticket);
    const response = NextResponse.redirect(new URL(grant.target, toolOrigin(request)), 303);
    response.headers.set("cache-control", "no-store");
    return response;
  }
  return openInNewWindowPage(ticket, grant.frameOrigins);
}
