// LTI 1.3 OIDC login initiation (third-party initiated login), GET or POST: binds a state to this browser and sends
// it to the platform's authorization endpoint.
import { NextResponse, type NextRequest } from "next/server";
import { errorPage } from "@/lib/lti/html";
import { initiateLogin, stateCookieName } from "@/lib/lti/launch";
import { toolOrigin } from "@/lib/lti/origin";
import { readParams } from "@/lib/lti/request";
import { unsafeAllFramingOrigins } from "@/lib/dal/lti/registrations";
import { LOGIN_STATE_TTL_MS } from "@/lib/dal/lti/launches";

export const dynamic = "force-dynamic";

async function handle(request: NextRequest): Promise<Response> {
  const params = await readParams(request);
  if (!params) return errorPage("The login request is too large or not a form.", 400, await unsafeAllFramingOrigins());
  const outcome = await initiateLogin(params, toolOrigin(request));
  if (!outcome.ok) return errorPage(outcome.message, outcome.status, await unsafeAllFramingOrigins());
  const response = NextResponse.redirect(outcome.redirect, 302);
  response.cookies.set(stateCookieName(outcome.state), "1", {
    httpOnly: true,
    secure: true,
    sameSite: "none",
    partitioned: true,
    path: "/api/lti",
    maxAge: LOGIN_STATE_TTL_MS / 1000,
  });
  response.headers.set("cache-control", "no-store");
  return response;
}

export const GET = handle;
export const POST = handle;
