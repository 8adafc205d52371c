// Owns the LTI 1.3 launch protocol: OIDC third-party login initiation, then the id_token form post checked as the spec
// requires (openid-client does the OpenID Connect part: signature, iss, aud/azp, exp/iat, nonce, state; the LTI claims
// are checked here). Every refusal is a sentence for the person and an audit line, and writes nothing else.
import * as client from "openid-client";
import { decodeProtectedHeader } from "jose";
import { CLAIM, parseLtiClaims, type LtiLaunch } from "./claims";
import { isLoopbackHttp, ltiUrls } from "./origin";
import { platformKeySet } from "./platform-keys";
import { unsafeFindPlatformForLogin, unsafeLtiAudit, unsafePlatformById, type PlatformDTO } from "@/lib/dal/lti/registrations";
import { unsafeConsumeLoginState, unsafeCreateLoginState, unsafeFindLoginState, unsafeIsKnownDeployment } from "@/lib/dal/lti/launches";

/** Cookie that binds a login state to the browser that started it (one per state, so two tabs can launch at once). */
export const stateCookieName = (state: string) => `koza_lti_state_${state}`;

export const MAX_ID_TOKEN_CHARS = 16 * 1024;

export type Refusal = { ok: false; status: number; message: string };
const refuse = async (message: string, audit: string, status = 400): Promise<Refusal> => {
  await unsafeLtiAudit("launch.rejected", audit);
  return { ok: false, status, message };
};

function configurationFor(platform: PlatformDTO, origin: string): client.Configuration {
  const config = new client.Configuration(
    { issuer: platform.issuer, authorization_endpoint: platform.authUrl, token_endpoint: platform.tokenUrl, jwks_uri: platform.jwksUrl },
    platform.clientId,
    { redirect_uris: [ltiUrls(origin).launch], response_types: ["id_token"], id_token_signed_response_alg: "RS256" },
    client.None(),
  );
  client.useIdTokenResponseType(config);
  if (isLoopbackHttp(platform.jwksUrl) || isLoopbackHttp(platform.authUrl)) client.allowInsecureRequests(config);
  return config;
}

const param = (p: URLSearchParams, name: string, max = 2048) => {
  const v = p.get(name);
  return v && v.length <= max ? v : null;
};

export type LoginOutcome = { ok: true; redirect: string; state: string } | Refusal;

/** Login initiation (GET query or POST form): find the registration, store state + nonce, redirect to the platform. */
export async function initiateLogin(params: URLSearchParams, origin: string): Promise<LoginOutcome> {
  const iss = param(params, "iss");
  const loginHint = param(params, "login_hint");
  const targetLinkUri = param(params, "target_link_uri");
  if (!iss || !loginHint || !targetLinkUri)
    return refuse("The login request is missing iss, login_hint or target_link_uri.", "login: missing parameter");
  const platform = await unsafeFindPlatformForLogin(iss, param(params, "client_id", 255));
  if (platform === null)
    return refuse("This learning platform is not registered with Koza. Ask your administrator to add it.", `login: unknown issuer ${iss}`);
  if (platform === "ambiguous")
    return refuse(
      "Several registrations share this platform; the login request must name its client id.",
      `login: ambiguous issuer ${iss}`,
    );
  const deploymentId = param(params, "lti_deployment_id", 255);
  if (deploymentId && !(await unsafeIsKnownDeployment(platform.id, deploymentId)))
    return refuse(
      "This deployment of Koza is not registered. Ask your administrator to add its deployment id.",
      `login: unknown deployment ${deploymentId}`,
    );
  const { state, nonce } = await unsafeCreateLoginState(platform.id);
  const config = configurationFor(platform, origin);
  const redirect = client.buildAuthorizationUrl(config, {
    scope: "openid",
    response_mode: "form_post",
    prompt: "none",
    redirect_uri: ltiUrls(origin).launch,
    login_hint: loginHint,
    state,
    nonce,
    ...(param(params, "lti_message_hint") ? { lti_message_hint: param(params, "lti_message_hint")! } : {}),
  });
  return { ok: true, redirect: redirect.href, state };
}

/** openid-client wraps oauth4webapi's precise reason (which claim, which check) in a generic one: use the innermost. */
function describeVerificationError(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    message = current.message || message;
    current = current.cause;
  }
  return message.replace(/\.$/, "").slice(0, 300);
}

export type LaunchValidated = { ok: true; platform: PlatformDTO; launch: LtiLaunch; claims: Record<string, unknown> };

/**
 * Validates a launch form post. `hasStateCookie(state)` says whether this browser holds the state's cookie. The state
 * is consumed only once everything else has passed, so a forged post cannot burn a real person's launch.
 */
export async function validateLaunch(
  form: { idToken: string | null; state: string | null },
  hasStateCookie: (state: string) => boolean,
  origin: string,
): Promise<LaunchValidated | Refusal> {
  const { idToken, state } = form;
  if (!idToken || !state) return refuse("The launch is missing its id_token or state.", "launch: missing id_token or state");
  if (idToken.length > MAX_ID_TOKEN_CHARS || state.length > 128) return refuse("The launch's token is too large.", "launch: oversized");
  if (!hasStateCookie(state))
    return refuse(
      "This launch did not start in this browser (its state cookie is missing). If your browser blocks cookies inside the course page, open Koza in a new window.",
      "launch: state cookie missing or different",
    );
  const stored = await unsafeFindLoginState(state);
  if (!stored) return refuse("This launch's state is unknown. Please launch again from your course.", "launch: unknown state");
  if (stored.usedAt) return refuse("This launch was already used. Please launch again from your course.", "launch: replayed state/nonce");
  if (stored.expiresAt <= new Date())
    return refuse("This launch took too long. Please launch again from your course.", "launch: expired state");
  const platform = await unsafePlatformById(stored.platformId);
  if (!platform) return refuse("This learning platform is no longer registered with Koza.", "launch: platform removed");

  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(idToken);
    if (header.alg !== "RS256") return refuse("The launch's token is not signed with RS256.", `launch: alg ${String(header.alg)}`);
    kid = header.kid;
  } catch {
    return refuse("The launch's token is malformed.", "launch: malformed id_token");
  }

  const config = configurationFor(platform, origin);
  let claims: Record<string, unknown>;
  try {
    client.setJwksCache(config, await platformKeySet(platform.jwksUrl, kid));
    const url = new URL(ltiUrls(origin).launch);
    url.hash = new URLSearchParams({ id_token: idToken, state }).toString();
    claims = (await client.implicitAuthentication(config, url, stored.nonce, { expectedState: state })) as Record<string, unknown>;
  } catch (error) {
    const detail = describeVerificationError(error);
    return refuse(`The launch could not be verified: ${detail}.`, `launch: ${platform.issuer}: ${detail}`);
  }

  const parsed = parseLtiClaims(claims);
  if (!parsed.ok) return refuse(parsed.reason, `launch: ${platform.issuer}: ${parsed.reason}`);
  const deploymentId = parsed.launch[CLAIM.deploymentId];
  if (!(await unsafeIsKnownDeployment(platform.id, deploymentId)))
    return refuse(
      "This deployment of Koza is not registered. Ask your administrator to add its deployment id.",
      `launch: unknown deployment ${deploymentId}`,
    );
  if (!(await unsafeConsumeLoginState(state)))
    return refuse("This launch was already used. Please launch again from your course.", "launch: replayed state/nonce");
  return { ok: true, platform, launch: parsed.launch, claims };
}
