// A held first launch (lib/dal/lti/account-links.ts), answered from its "link your account" page: sign in to the
// existing Koza account to link it (the password check and its rate limit are the sign-in page's), or continue with a
// new account. Either way the launch then completes as any other.
import { NextResponse, type NextRequest } from "next/server";
import { errorPage, linkOfferPage } from "@/lib/lti/html";
import { toolOrigin } from "@/lib/lti/origin";
import { readParams } from "@/lib/lti/request";
import { crossSite } from "@/lib/lti/session";
import { completeLaunch } from "@/lib/lti/complete-launch";
import { LINK_COOKIE } from "@/lib/lti/link-cookie";
import { checkCredentialsThrottled } from "@/lib/auth/credentials";
import { framingOrigins, unsafeAllFramingOrigins, unsafeLtiAudit, unsafePlatformById } from "@/lib/dal/lti/registrations";
import { unsafeApplyLaunch } from "@/lib/dal/lti/launches";
import { unsafePeekPendingLink, unsafeTakePendingLink } from "@/lib/dal/lti/account-links";

export const dynamic = "force-dynamic";

const EXPIRED =
  "This step expired, was already used, or did not start in this browser. Go back to your course and select the Koza link again.";

export async function POST(request: NextRequest): Promise<Response> {
  const origin = toolOrigin(request);
  // Only Koza's own page posts here: another site must not link someone's LMS identity to an account it chose.
  if (request.headers.get("origin") !== origin) return errorPage("This form must be sent from Koza's own page.", 403, []);
  const params = await readParams(request);
  const token = request.cookies.get(LINK_COOKIE)?.value ?? "";
  const pending = params ? await unsafePeekPendingLink(token) : null;
  const platform = pending ? await unsafePlatformById(pending.platformId) : null;
  if (!params || !pending || !platform) return errorPage(EXPIRED, 410, await unsafeAllFramingOrigins());
  const frame = framingOrigins(platform);

  let linkTo: string | undefined;
  if (params.get("action") === "link") {
    const email = (params.get("email") ?? "").trim().toLowerCase();
    const outcome = await checkCredentialsThrottled({ email, password: params.get("password") ?? "" }, request.headers);
    if (!outcome.ok) {
      const error =
        outcome.reason === "rate-limited"
          ? `Too many sign-in attempts for this account or network. Try again after ${outcome.retryAt.toISOString().slice(11, 16)} UTC.`
          : "That email and password do not match a Koza account. Nothing was linked.";
      return linkOfferPage({ email: email || pending.email, error }, outcome.reason === "rate-limited" ? 429 : 401, frame);
    }
    // A platform compromise must never become an administrator's session.
    if (outcome.user.role === "ADMIN")
      return linkOfferPage(
        { email, error: "An administrator account cannot be opened from a course. Use another account, or continue with a new one." },
        403,
        frame,
      );
    linkTo = outcome.user.id;
  } else if (params.get("action") !== "new") {
    return linkOfferPage({ email: pending.email, error: "Choose one of the two buttons." }, 400, frame);
  }

  if (!(await unsafeTakePendingLink(token))) return errorPage(EXPIRED, 410, frame);
  const applied = await unsafeApplyLaunch(platform.id, pending.launch, { linkTo });
  if (!applied.ok) {
    await unsafeLtiAudit("launch.refused", `${platform.issuer}: ${applied.reason}`);
    return errorPage(applied.reason, 403, frame);
  }
  if (linkTo) await unsafeLtiAudit("launch.linked", `${platform.issuer}: an identity was linked to an existing account`);
  const response = await completeLaunch(origin, platform, pending.launch, applied, frame);
  const cleared = response instanceof NextResponse ? response : new NextResponse(response.body, response);
  cleared.cookies.set(LINK_COOKIE, "", { ...crossSite, path: "/api/lti/link", maxAge: 0 });
  return cleared;
}
