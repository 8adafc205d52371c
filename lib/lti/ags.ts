// Owns Assignment and Grade Services 2.0 calls: client-credentials tokens (a JWT assertion signed with Koza's key,
// aud = the token endpoint, cached until they expire), line-item look-up before creation, and score posts.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { AGS_SCOPE } from "./claims";
import type { SigningKey } from "@/lib/dal/lti/keys";

export const SCORE_CONTENT_TYPE = "application/vnd.ims.lis.v1.score+json";
const LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
const LINE_ITEMS_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";

/** A platform's answer that retrying cannot fix (4xx other than 408/429), or one worth retrying later. */
export class AgsError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "AgsError";
  }
}

export type AgsPlatform = { id: string; clientId: string; tokenUrl: string };

const tokens = new Map<string, { token: string; expiresAt: number }>();

export function clearAgsTokenCache(): void {
  tokens.clear();
}

async function failure(response: Response, what: string): Promise<AgsError> {
  const text = (await response.text().catch(() => "")).replace(/\s+/g, " ").slice(0, 300);
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  return new AgsError(`${what}: the platform answered ${response.status}${text ? ` (${text})` : ""}`, retryable);
}

async function call(url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new AgsError(`${what}: ${error instanceof Error ? error.message : String(error)}`, true);
  }
}

export async function accessToken(platform: AgsPlatform, signing: SigningKey, scopes: string[]): Promise<string> {
  const cacheKey = `${platform.id} ${scopes.join(" ")}`;
  const hit = tokens.get(cacheKey);
  if (hit && hit.expiresAt > Date.now()) return hit.token;
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: "RS256", kid: signing.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(signing.key);
  const response = await call(
    platform.tokenUrl,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
        scope: scopes.join(" "),
      }),
    },
    "access token",
  );
  if (!response.ok) throw await failure(response, "access token");
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== "string") throw new AgsError("access token: the platform's answer had no access_token", true);
  const lifetime = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3600;
  // A minute's margin: a token that expires in flight would fail a score post for nothing.
  tokens.set(cacheKey, { token: body.access_token, expiresAt: Date.now() + Math.max(0, lifetime - 60) * 1000 });
  return body.access_token;
}

/** `<lineitem>/scores`, the segment going before any query string (Moodle's line items carry one). */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.href;
}

/** The resource link's line item: looked up first (creating one is not idempotent), created only when none exists. */
export async function findOrCreateLineItem(
  token: string,
  lineItemsUrl: string,
  item: { resourceLinkId: string; label: string; scoreMaximum: number; resourceId: string },
): Promise<string> {
  const query = new URL(lineItemsUrl);
  query.searchParams.set("resource_link_id", item.resourceLinkId);
  const listed = await call(query.href, { headers: { authorization: `Bearer ${token}`, accept: LINE_ITEMS_TYPE } }, "line items");
  if (!listed.ok) throw await failure(listed, "line items");
  const items = (await listed.json().catch(() => [])) as { id?: unknown; resourceLinkId?: unknown }[];
  const found = Array.isArray(items)
    ? items.find((i) => typeof i.id === "string" && (i.resourceLinkId === undefined || i.resourceLinkId === item.resourceLinkId))
    : null;
  if (found) return found.id as string;
  const created = await call(
    lineItemsUrl,
    {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": LINE_ITEM_TYPE, accept: LINE_ITEM_TYPE },
      body: JSON.stringify(item),
    },
    "create line item",
  );
  if (!created.ok) throw await failure(created, "create line item");
  const body = (await created.json().catch(() => ({}))) as { id?: unknown };
  if (typeof body.id !== "string") throw new AgsError("create line item: the platform's answer had no id", true);
  return body.id;
}

export type Score = { userId: string; scoreGiven: number; scoreMaximum: number; timestamp: string };

export async function postScore(token: string, lineItemUrl: string, score: Score): Promise<void> {
  const response = await call(
    scoresUrl(lineItemUrl),
    {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": SCORE_CONTENT_TYPE },
      body: JSON.stringify({ ...score, activityProgress: "Completed", gradingProgress: "FullyGraded" }),
    },
    "score",
  );
  if (!response.ok) throw await failure(response, "score");
}

export const SCORE_SCOPES = [AGS_SCOPE.score, AGS_SCOPE.lineItem];
