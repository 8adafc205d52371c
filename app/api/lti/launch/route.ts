// LTI 1.3 redirect URI: the platform's id_token form post (resource link launches and deep-linking requests).
import { NextResponse, type NextRequest } from "next/server";
import { errorPage, linkOfferPage } from "@/lib/lti/html";
import { stateCookieName, validateLaunch } from "@/lib/lti/launch";
import { toolOrigin } from "@/lib/lti/origin";
import { readParams } from "@/lib/lti/request";
import { crossSite } from "@/lib/lti/session";
import { completeLaunch } from "@/lib/lti/complete-launch";
import { LINK_COOKIE } from "@/lib/lti/link-cookie";
import { framingOrigins, unsafeAllFramingOrigins, unsafeLtiAudit } from "@/lib/dal/lti/registrations";
import { unsafeApplyLaunch } from "@/lib/dal/lti/launches";
import { PENDING_LINK_TTL_MS, unsafeHoldLaunchForLink, unsafeLinkableEmail } from "@/lib/dal/lti/account-links";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  const params = await readParams(request);
  if (!params) return errorPage("The launch is too large or not a form post.", 400, await unsafeAllFramingOrigins());
  const origin = toolOrigin(request);
  const validated = await validateLaunch(
    { idToken: params.get("id_token"), state: params.get("state") },
    (state) => request.cookies.get(stateCookieName(state))?.value === "1",
    origin,
  );
  if (!validated.ok) return errorPage(validated.message, validated.status, await unsafeAllFramingOrigins());
  const { platform, launch } = validated;
  const frame = framingOrigins(platform);

  let response: Response;
  const linkable = await unsafeLinkableEmail(launch);
  if (linkable) {
    // A new LMS identity whose email is a Koza account's: never linked on the platform's word alone. The launch is
    // held for this browser until the person signs in to that account or chooses a new one (app/api/lti/link).
    const token = await unsafeHoldLaunchForLink(platform.id, launch);
    const offer = linkOfferPage({ email: linkable }, 200, frame);
    const held = new NextResponse(offer.body, { status: 200, headers: offer.headers });
    held.cookies.set(LINK_COOKIE, token, { ...crossSite, path: "/api/lti/link", maxAge: PENDING_LINK_TTL_MS / 1000 });
    await unsafeLtiAudit("launch.link-offered", `${platform.issuer}: a new identity's email matches an account`);
    response = held;
  } else {
    const applied = await unsafeApplyLaunch(platform.id, launch);
    if (!applied.ok) {
      await unsafeLtiAudit("launch.refused", `${platform.issuer}: ${applied.reason}`);
      return errorPage(applied.reason, 403, frame);
    }
    response = await completeLaunch(origin, platform, launch, applied, frame);
  }
  // The state is used up: its cookie goes too.
  response.headers.append(
    "set-cookie",
    `${stateCookieName(params.get("state")!)}=; Path=/api/lti; Max-Age=0; Secure; SameSite=None; Partitioned`,
  );
  return response;
}

export async function GET(): Promise<Response> {
  return errorPage(
    "A launch arrives as a form post from your learning platform; open Koza from your course.",
    405,
    await unsafeAllFramingOrigins(),
  );
}
