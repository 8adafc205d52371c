// LTI 1.3 redirect URI: the platform's id_token form post (resource link launches and deep-linking requests).
import { NextResponse, type NextRequest } from "next/server";
import { errorPage, htmlPage } from "@/lib/lti/html";
import { stateCookieName, validateLaunch } from "@/lib/lti/launch";
import { toolOrigin } from "@/lib/lti/origin";
import { readParams } from "@/lib/lti/request";
import { setLtiSession } from "@/lib/lti/session";
import { CLAIM, isDeepLinkingLaunch } from "@/lib/lti/claims";
import { pickerBody, signDeepLinkContext } from "@/lib/lti/deep-linking";
import { framingOrigins, unsafeAllFramingOrigins, unsafeLtiAudit } from "@/lib/dal/lti/registrations";
import { unsafeApplyLaunch } from "@/lib/dal/lti/launches";
import { quizzesToLink } from "@/lib/dal/lti/deep-linking";

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
  const applied = await unsafeApplyLaunch(platform.id, launch);
  if (!applied.ok) {
    await unsafeLtiAudit("launch.refused", `${platform.issuer}: ${applied.reason}`);
    return errorPage(applied.reason, 403, frame);
  }
  const user = { id: applied.userId, role: "LEARNER", sessionVersion: applied.sessionVersion };

  let response: NextResponse;
  if (isDeepLinkingLaunch(launch)) {
    if (applied.role !== "INSTRUCTOR") return errorPage("Only an instructor of this course can add Koza content to it.", 403, frame);
    const settings = launch[CLAIM.deepLinkingSettings];
    const ctx = await signDeepLinkContext({
      platformId: platform.id,
      deploymentId: launch[CLAIM.deploymentId],
      returnUrl: settings.deep_link_return_url,
      data: settings.data ?? null,
      userId: applied.userId,
      classId: applied.classId,
    });
    const viewer = { id: applied.userId, email: "", name: "", role: "LEARNER" as const };
    const page = htmlPage("Add a Koza quiz", pickerBody(ctx, await quizzesToLink(viewer, applied.classId)), frame);
    response = new NextResponse(page.body, { status: 200, headers: page.headers });
  } else {
    const target =
      applied.role === "INSTRUCTOR"
        ? `/teach/classes/${applied.classId}`
        : applied.assignmentId
          ? `/assignments/${applied.assignmentId}`
          : "/dashboard";
    response = NextResponse.redirect(new URL(target, origin), 303);
    response.headers.set("cache-control", "no-store");
  }
  await setLtiSession(response, origin, user, frame);
  response.cookies.set(stateCookieName(params.get("state")!), "", {
    maxAge: 0,
    path: "/api/lti",
    secure: true,
    sameSite: "none",
    partitioned: true,
  });
  await unsafeLtiAudit(
    "launch.ok",
    `${platform.issuer} ${launch[CLAIM.messageType]} → ${applied.role.toLowerCase()} in class ${applied.classId}`,
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
