// "Open in a new window": the launch's single-use ticket (lib/dal/lti/handoffs.ts), posted from Koza's own page in
// the LMS frame to a new top-level window, signs that account in first-party and opens where the launch led.
import { NextResponse, type NextRequest } from "next/server";
import { errorPage } from "@/lib/lti/html";
import { toolOrigin } from "@/lib/lti/origin";
import { readParams } from "@/lib/lti/request";
import { setTopLevelSession } from "@/lib/lti/session";
import { unsafeLtiAudit } from "@/lib/dal/lti/registrations";
import { unsafeRedeemHandoff } from "@/lib/dal/lti/handoffs";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  const origin = toolOrigin(request);
  // Only Koza's own page posts a ticket: another site must not sign this browser into an account of its choosing.
  if (request.headers.get("origin") !== origin) return errorPage("This form must be sent from Koza's own page.", 403, []);
  const params = await readParams(request);
  const grant = params ? await unsafeRedeemHandoff(params.get("ticket") ?? "") : null;
  if (!grant)
    return errorPage(
      "This button works once, within two minutes of the launch. Go back to your course and select the Koza link again.",
      410,
      [],
    );
  const response = NextResponse.redirect(new URL(grant.target, origin), 303);
  response.headers.set("cache-control", "no-store");
  await setTopLevelSession(response, origin, { id: grant.userId, role: grant.role, sessionVersion: grant.sessionVersion });
  await unsafeLtiAudit("launch.new-window", `a launch carried to a top-level window`);
  return response;
}
