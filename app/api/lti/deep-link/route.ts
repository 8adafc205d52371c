// Deep Linking 2.0: the instructor's choice from the picker, answered with a signed LtiDeepLinkingResponse that the
// browser posts back to the platform's return URL.
import type { NextRequest } from "next/server";
import { autoPostPage, errorPage } from "@/lib/lti/html";
import { readParams } from "@/lib/lti/request";
import { toolOrigin } from "@/lib/lti/origin";
import { deepLinkingResponseJwt, verifyDeepLinkContext } from "@/lib/lti/deep-linking";
import { framingOrigins, unsafeAllFramingOrigins, unsafeLtiAudit, unsafePlatformById } from "@/lib/dal/lti/registrations";
import { publicKeySet } from "@/lib/dal/lti/keys";
import { quizzesToLink } from "@/lib/dal/lti/deep-linking";
import { getViewer } from "@/lib/dal/viewer";
import { NotFoundError } from "@/lib/dal/errors";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  const anyFrame = await unsafeAllFramingOrigins();
  const params = await readParams(request);
  const ctx = params ? await verifyDeepLinkContext(params.get("ctx") ?? "", await publicKeySet()) : null;
  if (!params || !ctx) {
    await unsafeLtiAudit("deep-link.rejected", "missing, expired or tampered deep-linking context");
    return errorPage("This choice could not be verified (it expired or was changed). Start again from your course.", 400, anyFrame);
  }
  const platform = await unsafePlatformById(ctx.platformId);
  const viewer = await getViewer();
  if (!platform || !viewer || viewer.id !== ctx.userId) {
    await unsafeLtiAudit("deep-link.rejected", "session does not match the deep-linking context");
    return errorPage("Your Koza session does not match this choice. Start again from your course.", 403, anyFrame);
  }
  const frame = framingOrigins(platform);
  let quizzes;
  try {
    quizzes = await quizzesToLink(viewer, ctx.classId);
  } catch (error) {
    if (error instanceof NotFoundError) return errorPage("You no longer teach this course in Koza.", 403, frame);
    throw error;
  }
  const quiz = quizzes.find((q) => q.id === params.get("quizId"));
  if (!quiz) return errorPage("Choose one of the listed quizzes.", 400, frame);
  const jwt = await deepLinkingResponseJwt({
    clientId: platform.clientId,
    issuer: platform.issuer,
    deploymentId: ctx.deploymentId,
    data: ctx.data,
    origin: toolOrigin(request),
    quiz,
  });
  await unsafeLtiAudit("deep-link.ok", `${platform.issuer}: quiz ${quiz.id} for class ${ctx.classId}`);
  return autoPostPage(ctx.returnUrl, { JWT: jwt }, frame);
}
