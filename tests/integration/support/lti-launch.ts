// The LTI tests' harness: a spec-faithful test platform (tests/support/lti-platform.ts) registered afresh before each
// test, and the browser's half of a launch (login initiation with its state cookie, the id_token form post).
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { GET as loginGET, POST as loginPOST } from "@/app/api/lti/login/route";
import { POST as launchPOST } from "@/app/api/lti/launch/route";
import { GET as checkGET } from "@/app/api/lti/check/route";
import { unsafeAddPlatform } from "@/lib/dal/lti/registrations";
import { publicKeySet, resetSigningKeyCache } from "@/lib/dal/lti/keys";
import { setScoreSyncKick } from "@/lib/dal/lti/scores";
import { clearPlatformKeyCache } from "@/lib/lti/platform-keys";
import { clearAgsTokenCache } from "@/lib/lti/ags";
import { verifySessionCookie } from "@/lib/auth/session-cookie";
import { TestPlatform } from "@/tests/support/lti-platform";
import { CONTENT_TABLES, truncateAll, type TestDatabase } from "./database";
import { seedCourse } from "./fixtures";
import { signInAs } from "./session";

export const TOOL = "http://koza.test";
export const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
export const INSTRUCTOR = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"];
export const LEARNER = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"];

export type Login = { location: string; cookie: string; state: string };
type AuthorizeOpts = Parameters<TestPlatform["authorize"]>[1];

/**
 * Starts the platform once for the file, seeds the course, and before each test empties everything but the content,
 * forgets every cache and registers the platform again. The outbox worker is not kicked: tests run its passes.
 */
export function withLtiPlatform(database: () => TestDatabase) {
  let current: TestPlatform | undefined;
  setScoreSyncKick(false);
  beforeAll(async () => {
    await truncateAll(database());
    await seedCourse();
    current = await TestPlatform.start();
    current.toolJwks = publicKeySet;
  });
  afterAll(async () => current?.stop());
  beforeEach(async () => {
    await truncateAll(database(), { keep: CONTENT_TABLES });
    resetSigningKeyCache();
    clearPlatformKeyCache();
    clearAgsTokenCache();
    current!.reset();
    await unsafeAddPlatform({
      issuer: current!.issuer,
      clientId: current!.clientId,
      deploymentIds: [current!.deploymentId],
      authUrl: current!.authUrl,
      tokenUrl: current!.tokenUrl,
      jwksUrl: current!.jwksUrl,
    });
    signInAs(null);
  });

  const platform = () => current!;

  async function login(params: Record<string, string> = {}, method: "GET" | "POST" = "GET"): Promise<Login> {
    const all = {
      iss: platform().issuer,
      login_hint: "hint-1",
      target_link_uri: `${TOOL}/api/lti/launch`,
      client_id: platform().clientId,
      lti_deployment_id: platform().deploymentId,
      ...params,
    };
    const res =
      method === "GET"
        ? await loginGET(new NextRequest(`${TOOL}/api/lti/login?${new URLSearchParams(all)}`))
        : await loginPOST(
            new NextRequest(`${TOOL}/api/lti/login`, {
              method: "POST",
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams(all).toString(),
            }),
          );
    // The first answer only checks that this browser keeps Koza's cookie: back to login initiation with a probe.
    expect(res.status).toBe(302);
    const probe = new URL(res.headers.get("location")!);
    expect(probe.pathname).toBe("/api/lti/login");
    expect(probe.searchParams.get("koza_probe")).toBe("1");
    const probed = await loginGET(new NextRequest(probe, { headers: { cookie: cookiesOf(res) } }));
    expect(probed.status).toBe(302);
    const location = probed.headers.get("location")!;
    const state = new URL(location).searchParams.get("state")!;
    const setCookie = probed.headers.getSetCookie().find((c) => c.startsWith(`koza_lti_state_${state}=`))!;
    expect(setCookie).toMatch(/SameSite=none/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/HttpOnly/i);
    return { location, cookie: setCookie.split(";")[0]!, state };
  }

  async function post(form: Record<string, string>, cookie: string): Promise<Response> {
    return launchPOST(
      new NextRequest(`${TOOL}/api/lti/launch`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams(form).toString(),
      }),
    );
  }

  async function launchAs(opts: AuthorizeOpts = {}): Promise<Response> {
    const l = await login();
    const form = await platform().authorize(l.location, opts);
    expect(form.redirectUri).toBe(`${TOOL}/api/lti/launch`);
    return post({ id_token: form.id_token, state: form.state }, l.cookie);
  }

  async function instructorLaunch(custom?: Record<string, string>): Promise<Response> {
    return launchAs({
      user: { sub: "teacher-1", roles: INSTRUCTOR, name: "Ada Teacher" },
      resourceLink: { id: "link-1", ...(custom ? { custom } : {}) },
    });
  }

  return { platform, login, post, launchAs, instructorLaunch };
}

/** The account whose session a launch response starts (its cookie must be the framed kind). */
export async function sessionUserOf(res: Response): Promise<string> {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="))!;
  expect(cookie).toMatch(/SameSite=none/i);
  expect(cookie).toMatch(/Secure/i);
  expect(cookie).toMatch(/Partitioned/i);
  const value = cookie.split(";")[0]!.slice("authjs.session-token=".length);
  const claims = await verifySessionCookie({ name: "authjs.session-token", value }, process.env.AUTH_SECRET!);
  expect(claims).not.toBeNull();
  return claims!.userId;
}

/** Row counts a refused launch must leave as they were (only the used login state and an audit line change). */
export const ltiCounts = async () => ({
  users: await db().user.count(),
  classes: await db().class.count(),
  enrollments: await db().enrollment.count(),
  links: await db().ltiResourceLink.count(),
  ltiUsers: await db().ltiUser.count(),
  usedStates: await db().ltiLoginState.count({ where: { usedAt: { not: null } } }),
});

/** The Set-Cookie values of a response as a Cookie header (what the browser sends on its next request). */
export const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ");

/**
 * Where a launch lands: it answers with the check step (app/api/lti/check), which, with the session cookie the launch
 * set, sends the browser on to the launch's target. The full URL of that target.
 */
export async function landing(res: Response): Promise<string> {
  expect(res.status).toBe(303);
  const check = new URL(res.headers.get("location")!);
  expect(check.pathname).toBe("/api/lti/check");
  const next = await checkGET(new NextRequest(check, { headers: { cookie: cookiesOf(res) } }));
  expect(next.status).toBe(303);
  return next.headers.get("location")!;
}
