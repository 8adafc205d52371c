// Owns Deep Linking 2.0: the picker's signed context (so tampered data is refused) and the signed
// LtiDeepLinkingResponse that carries the chosen quiz back to the platform as an ltiResourceLink with a line item.
import { randomUUID } from "node:crypto";
import { SignJWT, jwtVerify, importJWK, type JWK } from "jose";
import { CLAIM } from "./claims";
import { escapeHtml } from "./html";
import { ltiUrls } from "./origin";
import { unsafeSigningKey } from "@/lib/dal/lti/keys";
import type { PickableQuizDTO } from "@/lib/dal/lti/deep-linking";

const CONTEXT_AUDIENCE = "koza:deep-link-context";

export type DeepLinkContext = {
  platformId: string;
  deploymentId: string;
  returnUrl: string;
  data: string | null;
  userId: string;
  classId: string;
};

/** The picker's context, signed with Koza's own key; good for an hour (an instructor may take a while to choose). */
export async function signDeepLinkContext(ctx: DeepLinkContext): Promise<string> {
  const { kid, key } = await unsafeSigningKey();
  return new SignJWT({ ctx })
    .setProtectedHeader({ alg: "RS256", kid })
    .setAudience(CONTEXT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(key);
}

export async function verifyDeepLinkContext(token: string, publicKeys: { keys: JWK[] }): Promise<DeepLinkContext | null> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const jwk = publicKeys.keys.find((k) => k.kid === header.kid);
        if (!jwk) throw new Error("unknown key");
        return importJWK(jwk, "RS256");
      },
      { audience: CONTEXT_AUDIENCE, algorithms: ["RS256"] },
    );
    const ctx = payload.ctx as DeepLinkContext | undefined;
    return ctx && typeof ctx.returnUrl === "string" && typeof ctx.userId === "string" ? ctx : null;
  } catch {
    return null;
  }
}

export async function deepLinkingResponseJwt(opts: {
  clientId: string;
  issuer: string;
  deploymentId: string;
  data: string | null;
  origin: string;
  quiz: PickableQuizDTO;
}): Promise<string> {
  const { kid, key } = await unsafeSigningKey();
  const item = {
    type: "ltiResourceLink",
    title: opts.quiz.title,
    url: ltiUrls(opts.origin).launch,
    custom: { koza_quiz: opts.quiz.id },
    lineItem: { scoreMaximum: opts.quiz.questionCount, label: opts.quiz.title, resourceId: opts.quiz.id },
  };
  return new SignJWT({
    nonce: randomUUID(),
    [CLAIM.messageType]: "LtiDeepLinkingResponse",
    [CLAIM.version]: "1.3.0",
    [CLAIM.deploymentId]: opts.deploymentId,
    [CLAIM.contentItems]: [item],
    ...(opts.data !== null ? { [CLAIM.data]: opts.data } : {}),
  })
    .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
    .setIssuer(opts.clientId)
    .setAudience(opts.issuer)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key);
}

export function pickerBody(ctxToken: string, quizzes: PickableQuizDTO[]): string {
  const options = quizzes
    .map(
      (q, i) =>
        `<label><input type="radio" name="quizId" value="${escapeHtml(q.id)}"${i === 0 ? " required" : ""}> ${escapeHtml(q.title)} (${q.questionCount} points)</label>`,
    )
    .join("");
  return `<h1>Add a Koza quiz to your course</h1><form method="post" action="/api/lti/deep-link"><input type="hidden" name="ctx" value="${escapeHtml(ctxToken)}"><fieldset><legend>Choose the module or quiz students will open from this link</legend>${options || "<p>No quizzes are available.</p>"}</fieldset><p><button type="submit">Add to course</button></p></form>`;
}
