// Owns the answer to a launch once Koza's model has it (app/api/lti/launch, and app/api/lti/link after a pending
// account link): the deep-linking picker, or the session plus a one-step check that the framed cookie stuck, whose
// fallback is a single-use ticket that opens the launch in a new window.
import "server-only";
import { NextResponse } from "next/server";
import { errorPage, htmlPage } from "./html";
import { setLtiSession } from "./session";
import { CLAIM, isDeepLinkingLaunch, type LtiLaunch } from "./claims";
import { pickerBody, signDeepLinkContext } from "./deep-linking";
import { unsafeLtiAudit, type PlatformDTO } from "@/lib/dal/lti/registrations";
import type { LaunchOutcome } from "@/lib/dal/lti/launches";
import { quizzesToLink } from "@/lib/dal/lti/deep-linking";
import { unsafeIssueHandoff } from "@/lib/dal/lti/handoffs";

/** Where a launch leads: an instructor to the class, a learner to the link's assignment (or the dashboard). */
export function launchTarget(applied: Extract<LaunchOutcome, { ok: true }>): string {
  if (applied.role === "INSTRUCTOR") return `/teach/classes/${applied.classId}`;
  return applied.assignmentId ? `/assignments/${applied.assignmentId}` : "/dashboard";
}

/** The check step's URL for a ticket (app/api/lti/check). */
export const checkPath = (ticket: string) => `/api/lti/check?ticket=${encodeURIComponent(ticket)}`;

export async function completeLaunch(
  origin: string,
  platform: PlatformDTO,
  launch: LtiLaunch,
  applied: Extract<LaunchOutcome, { ok: true }>,
  frame: string[],
): Promise<Response> {
  const user = { id: applied.userId, role: applied.accountRole, sessionVersion: applied.sessionVersion };
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
    // Not straight to the target: the check step first sees whether the framed session cookie stuck.
    const ticket = await unsafeIssueHandoff({
      userId: applied.userId,
      sessionVersion: applied.sessionVersion,
      target: launchTarget(applied),
      frameOrigins: frame,
    });
    response = NextResponse.redirect(new URL(checkPath(ticket), origin), 303);
    response.headers.set("cache-control", "no-store");
  }
  await setLtiSession(response, origin, user, frame);
  await unsafeLtiAudit(
    "launch.ok",
    `${platform.issuer} ${launch[CLAIM.messageType]} → ${applied.role.toLowerCase()} in class ${applied.classId}`,
  );
  return response;
}
