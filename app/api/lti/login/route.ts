// LTI 1.3 OIDC login initiation (third-party initiated login), GET or POST: binds a state to this browser and sends
// it to the platform's authorization endpoint.
//
// Inside the LMS frame a browser that blocks cookies there would lose the state cookie, and the launch would be
// refused. So the first request only sets a probe cookie and comes back here (GET, same parameters, `koza_probe=1`);
// if the probe arrives, the login goes on to the platform, and if not, a page offers to start the same login in a new
// top-level window, where Koza's cookies are first-party (the launch then completes there).
import { NextResponse, type NextRequest } from "next/server";
import { errorPage, openLoginInNewWindowPage } from "@/lib/lti/html";
import { initiateLogin, stateCookieName } from "@/lib/lti/launch";
import { toolOrigin } from "@/lib/lti/origin";
import { readParams } from "@/lib/lti/request";
import { crossSite } from "@/lib/lti/session";
import { unsafeAllFramingOrigins, unsafeFindPlatformForLogin } from "@/lib/dal/lti/registrations";
import { LOGIN_STATE_TTL_MS } from "@/lib/dal/lti/launches";

export const dynamic = "force-dynamic";

const PROBE_PARAM = "koza_probe";
const PROBE_COOKIE = "koza_lti_probe";

async function handle(request: NextRequest): Promise<Response> {
  const params = await readParams(request);
  if (!params) return errorPage("The login request is too large or not a form.", 400, await unsafeAllFramingOrigins());
  const origin = toolOrigin(request);
  const probing = params.get(PROBE_PARAM) === "1";
  params.delete(PROBE_PARAM);
  if (!probing) {
    // A request Koza will refuse gets its clear page at once, with no round trip (and nothing written).
    const iss = params.get("iss");
    const known =
      iss && params.get("login_hint") && params.get("target_link_uri")
        ? await unsafeFindPlatformForLogin(iss, params.get("client_id"))
        : null;
    if (!known || known === "ambiguous") {
      const refused = await initiateLogin(params, origin);
      if (!refused.ok) return errorPage(refused.message, refused.status, await unsafeAllFramingOrigins());
    }
    const again = new URL("/api/lti/login", origin);
    for (const [k, v] of params) again.searchParams.append(k, v);
    again.searchParams.set(PROBE_PARAM, "1");
    if (again.href.length > 8000) return errorPage("The login request is too large.", 400, await unsafeAllFramingOrigins());
    const response = NextResponse.redirect(again, 302);
    response.cookies.set(PROBE_COOKIE, "1", { ...crossSite, path: "/api/lti", maxAge: 60 });
    response.headers.set("cache-control", "no-store");
    return response;
  }
  if (request.cookies.get(PROBE_COOKIE)?.value !== "1") {
    const fresh = new URL("/api/lti/login", origin);
    for (const [k, v] of params) fresh.searchParams.append(k, v);
    return openLoginInNewWindowPage(fresh.pathname + fresh.search, await unsafeAllFramingOrigins());
  }
  const outcome = await initiateLogin(params, origin);
  if (!outcome.ok) return errorPage(outcome.message, outcome.status, await unsafeAllFramingOrigins());
  const response = NextResponse.redirect(outcome.redirect, 302);
  response.cookies.set(stateCookieName(outcome.state), "1", { ...crossSite, path: "/api/lti", maxAge: LOGIN_STATE_TTL_MS / 1000 });
  response.cookies.set(PROBE_COOKIE, "", { ...crossSite, path: "/api/lti", maxAge: 0 });
  response.headers.set("cache-control", "no-store");
  return response;
}

export const GET = handle;
export const POST = handle;
