// Issue 14's identity follow-ups against the test platform: linking an existing Koza account on a first launch (never
// on the platform's word alone: a password sign-in, under the sign-in rate limit, in the browser the launch reached),
// and "open in a new window" when the framed session cookie does not stick (a single-use, two-minute ticket).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { POST as linkPOST } from "@/app/api/lti/link/route";
import { GET as checkGET } from "@/app/api/lti/check/route";
import { GET as loginGET } from "@/app/api/lti/login/route";
import { POST as handoffPOST } from "@/app/api/lti/handoff/route";
import { hashPassword } from "@/lib/auth/password";
import { verifySessionCookie } from "@/lib/auth/session-cookie";
import { HANDOFF_TTL_MS, unsafeRedeemHandoff } from "@/lib/dal/lti/handoffs";
import { LOGIN_LIMITS } from "@/lib/auth/rate-limit";
import { withTestDatabase } from "./support/database";
import { INSTRUCTOR, LEARNER, TOOL, cookiesOf, landing, ltiCounts, sessionUserOf, withLtiPlatform } from "./support/lti-launch";

const database = withTestDatabase();
const lti = withLtiPlatform(database);
const PASSWORD = "correct horse battery 1985";

async function kozaAccount(email: string, role: "LEARNER" | "INSTRUCTOR" | "ADMIN" = "INSTRUCTOR") {
  return db().user.create({
    data: { email, name: "Ada Koza", role, passwordHash: await hashPassword(PASSWORD) },
    select: { id: true, email: true, sessionVersion: true },
  });
}

/** A first launch (of teacher-1 by default) whose LMS email is `email`: the response, and the browser's link cookie. */
async function firstLaunch(email: string, roles = INSTRUCTOR, sub = "teacher-1") {
  const res = await lti.launchAs({
    user: { sub, roles, name: "Ada Teacher" },
    resourceLink: { id: "link-1" },
    claims: { email },
  });
  return { res, cookie: cookiesOf(res) };
}

function postLink(form: Record<string, string>, cookie: string, origin = TOOL): Promise<Response> {
  return linkPOST(
    new NextRequest(`${TOOL}/api/lti/link`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

describe("linking an existing Koza account on a first launch", () => {
  it("offers linking instead of linking silently; the right password links it; the next launch signs in directly", async () => {
    const account = await kozaAccount("ada@school.example");
    const before = await ltiCounts();
    const { res, cookie } = await firstLaunch("Ada@School.example");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("You already have a Koza account with this email");
    expect(page).toContain('<label for="link-password">Password</label>');
    expect(page).toContain("Continue with a new account");
    expect(res.headers.get("content-security-policy")).toContain(`frame-ancestors ${lti.platform().issuer}`);
    const linkCookie = res.headers.getSetCookie().find((c) => c.startsWith("koza_lti_link="))!;
    for (const attr of [/HttpOnly/i, /Secure/i, /SameSite=none/i, /Partitioned/i, /Path=\/api\/lti\/link/i])
      expect(linkCookie).toMatch(attr);
    // Nothing of the launch is applied yet: no session, no identity, no class.
    expect(res.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
    expect(await ltiCounts()).toMatchObject({ ...before, usedStates: before.usedStates + 1 });

    const linked = await postLink({ action: "link", email: "ada@school.example", password: PASSWORD }, cookie);
    expect(await sessionUserOf(linked)).toBe(account.id);
    const klass = await db().class.findFirstOrThrow({ select: { id: true } });
    expect(await landing(linked)).toBe(`${TOOL}/teach/classes/${klass.id}`);
    expect(await db().ltiUser.findMany({ select: { sub: true, userId: true } })).toEqual([{ sub: "teacher-1", userId: account.id }]);
    expect(await db().ltiPendingLink.count()).toBe(0);
    expect(linked.headers.getSetCookie().find((c) => c.startsWith("koza_lti_link="))).toMatch(/Max-Age=0/);
    // The account keeps its own role; the launch gave it this class only.
    expect(await db().user.findUniqueOrThrow({ where: { id: account.id }, select: { role: true } })).toEqual({ role: "INSTRUCTOR" });
    expect(await db().classInstructor.count({ where: { userId: account.id } })).toBe(1);

    // The next launch of that identity signs into the account straight away.
    const again = await firstLaunch("ada@school.example");
    expect(await sessionUserOf(again.res)).toBe(account.id);
    expect(await landing(again.res)).toBe(`${TOOL}/teach/classes/${klass.id}`);
    expect(await db().user.count()).toBe(before.users);
  });

  it("a wrong password links nothing and leaves the offer for another try, within the sign-in rate limit", async () => {
    const account = await kozaAccount("ada@school.example", "LEARNER");
    await lti.instructorLaunch(); // the course's class exists
    const { cookie } = await firstLaunch("ada@school.example", LEARNER, "learner-1");
    for (let i = 0; i < LOGIN_LIMITS.freeAccountFailures; i++) {
      const wrong = await postLink({ action: "link", email: "ada@school.example", password: "not the password" }, cookie);
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain("do not match a Koza account. Nothing was linked.");
    }
    // Past the free failures the account waits, even with the right password: the sign-in page's limit, shared.
    const limited = await postLink({ action: "link", email: "ada@school.example", password: PASSWORD }, cookie);
    expect(limited.status).toBe(429);
    expect(await db().ltiUser.count({ where: { userId: account.id } })).toBe(0);
    expect(await db().ltiPendingLink.count()).toBe(1);
    expect(await db().loginThrottle.count({ where: { key: "email:ada@school.example" } })).toBe(1);

    // Once the wait is over, the right password links it.
    await db().loginThrottle.deleteMany();
    const linked = await postLink({ action: "link", email: "ada@school.example", password: PASSWORD }, cookie);
    expect(await sessionUserOf(linked)).toBe(account.id);
  });

  it("an expired, foreign, replayed or cross-site pending link is refused and links nothing", async () => {
    const account = await kozaAccount("ada@school.example");
    const good = { action: "link", email: "ada@school.example", password: PASSWORD };
    const { cookie } = await firstLaunch("ada@school.example");

    // Another browser (no cookie, or a made-up one) and another site (its Origin) get nothing.
    expect((await postLink(good, "")).status).toBe(410);
    expect((await postLink(good, `koza_lti_link=${"A".repeat(43)}`)).status).toBe(410);
    expect((await postLink(good, cookie, "https://evil.example")).status).toBe(403);
    expect(await db().ltiUser.count()).toBe(0);

    // Expired: ten minutes after the launch the step is gone.
    await db().ltiPendingLink.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await postLink(good, cookie);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("select the Koza link again");
    expect(await db().ltiUser.count()).toBe(0);

    // Replayed: a used step does nothing the second time.
    const second = await firstLaunch("ada@school.example");
    const fresh = await postLink({ action: "new" }, second.cookie);
    const newAccount = await sessionUserOf(fresh);
    expect(newAccount).not.toBe(account.id);
    expect((await postLink(good, second.cookie)).status).toBe(410);
    expect(await db().ltiUser.findMany({ select: { userId: true } })).toEqual([{ userId: newAccount }]);
  });

  it("continue with a new account makes one as before; an administrator account is never linked", async () => {
    const admin = await kozaAccount("root@school.example", "ADMIN");
    const { cookie } = await firstLaunch("root@school.example");
    const refused = await postLink({ action: "link", email: "root@school.example", password: PASSWORD }, cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("An administrator account cannot be opened from a course");
    expect(await db().ltiUser.count()).toBe(0);

    const fresh = await postLink({ action: "new" }, cookie);
    const userId = await sessionUserOf(fresh);
    expect(userId).not.toBe(admin.id);
    expect(await db().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, role: true } })).toMatchObject({
      email: expect.stringMatching(/@lti\.koza\.invalid$/),
      role: "LEARNER",
    });
  });
});

function check(location: string, cookie = ""): Promise<Response> {
  return checkGET(new NextRequest(location, { headers: { cookie } }));
}

function postTicket(ticket: string, origin = TOOL): Promise<Response> {
  return handoffPOST(
    new NextRequest(`${TOOL}/api/lti/handoff`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams({ ticket }).toString(),
    }),
  );
}

const ticketOf = (location: string) => new URL(location).searchParams.get("ticket")!;

describe("open in a new window when the framed cookie is blocked", () => {
  it("a browser that keeps no cookie in the frame gets a link that starts the same login at top level, and nothing is written", async () => {
    const params = new URLSearchParams({
      iss: lti.platform().issuer,
      login_hint: "hint-1",
      target_link_uri: `${TOOL}/api/lti/launch`,
      client_id: lti.platform().clientId,
    });
    const first = await loginGET(new NextRequest(`${TOOL}/api/lti/login?${params}`));
    expect(first.status).toBe(302);
    const probe = first.headers.get("location")!;
    expect(first.headers.getSetCookie().find((c) => c.startsWith("koza_lti_probe="))).toMatch(/Partitioned/i);
    // The probe cookie did not come back: no state is made, and the page links the same login for a new window.
    const blocked = await loginGET(new NextRequest(probe));
    expect(blocked.status).toBe(200);
    expect(blocked.headers.get("content-security-policy")).toContain(`frame-ancestors ${lti.platform().issuer}`);
    const html = await blocked.text();
    expect(html).toContain(`href="/api/lti/login?${params.toString().replaceAll("&", "&amp;")}" target="_blank" rel="noopener"`);
    expect(html).toContain(">Open Koza in a new window</a>");
    expect(await db().ltiLoginState.count()).toBe(0);
  });

  it("without the session cookie the check step offers a button whose ticket signs in at top level, once", async () => {
    const launch = await lti.instructorLaunch();
    const teacherId = await sessionUserOf(launch);
    const location = launch.headers.get("location")!;
    const klass = await db().class.findFirstOrThrow({ select: { id: true } });

    // The browser dropped the cookie: the check step shows the button, inside the platform's frame.
    const blocked = await check(location);
    expect(blocked.status).toBe(200);
    expect(blocked.headers.get("content-security-policy")).toContain(`frame-ancestors ${lti.platform().issuer}`);
    const html = await blocked.text();
    expect(html).toContain('<form method="post" action="/api/lti/handoff" target="_blank">');
    expect(html).toContain(`value="${ticketOf(location)}"`);
    expect(html).toContain('<button type="submit">Open Koza in a new window</button>');

    const opened = await postTicket(ticketOf(location));
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`${TOOL}/teach/classes/${klass.id}`);
    const cookie = opened.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="))!;
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).not.toMatch(/Partitioned/i);
    const claims = await verifySessionCookie(
      { name: "authjs.session-token", value: cookie.split(";")[0]!.slice("authjs.session-token=".length) },
      process.env.AUTH_SECRET!,
    );
    expect(claims?.userId).toBe(teacherId);

    // Single use: the same ticket again, or the check step with it, gets nothing.
    expect((await postTicket(ticketOf(location))).status).toBe(410);
    expect((await check(location)).status).toBe(410);
  });

  it("when the framed cookie stuck, the check step goes on and the ticket is dropped", async () => {
    const launch = await lti.instructorLaunch();
    const location = launch.headers.get("location")!;
    const klass = await db().class.findFirstOrThrow({ select: { id: true } });
    const on = await check(location, cookiesOf(launch));
    expect(on.status).toBe(303);
    expect(on.headers.get("location")).toBe(`${TOOL}/teach/classes/${klass.id}`);
    expect(await db().ltiHandoff.count()).toBe(0);
    expect((await postTicket(ticketOf(location))).status).toBe(410);
  });

  it("a ticket expires after two minutes, is refused from another site, and never stands for another account", async () => {
    const teacher = await lti.instructorLaunch();
    const teacherTicket = ticketOf(teacher.headers.get("location")!);
    const learner = await lti.launchAs({ user: { sub: "learner-1", roles: LEARNER }, resourceLink: { id: "link-1" } });
    const learnerLocation = learner.headers.get("location")!;

    // Expired (the clock moved past two minutes), and from another site's page: refused, and still unused.
    expect(await unsafeRedeemHandoff(teacherTicket, new Date(Date.now() + HANDOFF_TTL_MS + 1000))).toBeNull();
    expect((await postTicket(teacherTicket, "https://evil.example")).status).toBe(403);
    expect(await db().ltiHandoff.count({ where: { usedAt: { not: null } } })).toBe(0);

    // The learner's check step with the teacher's session cookie: not the launch arriving, so no redirect with it.
    const wrongUser = await check(learnerLocation, cookiesOf(teacher));
    expect(wrongUser.status).toBe(200);
    expect(await wrongUser.text()).toContain("Open Koza in a new window");

    // The learner signed out everywhere since the launch: the ticket no longer stands for a session.
    const learnerId = await sessionUserOf(learner);
    await db().user.update({ where: { id: learnerId }, data: { sessionVersion: { increment: 1 } } });
    expect((await postTicket(ticketOf(learnerLocation))).status).toBe(410);

    // The teacher's own ticket still signs in the teacher, and only the teacher.
    const opened = await postTicket(teacherTicket);
    expect(opened.status).toBe(303);
    expect(await sessionUserOf(new Response(null, { headers: lax2none(opened) }))).toBe(await sessionUserOf(teacher));
  });
});

/** sessionUserOf checks a framed cookie's attributes; a top-level one is Lax: compare the account only. */
function lax2none(res: Response): Headers {
  const h = new Headers();
  for (const c of res.headers.getSetCookie()) h.append("set-cookie", `${c}; SameSite=None; Secure; Partitioned`);
  return h;
}
