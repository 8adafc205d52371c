// Accounts against the real database: generic sign-up errors, single-use invites, the login throttle, credential checks.
import { beforeEach, describe, expect, it, vi } from "vitest";

// signIn is a stub (tests/integration/setup.ts): sign-up's success path needs a request, so the tests check that it
// was asked to sign in, or not.
vi.hoisted(() => {
  delete process.env.KOZA_INSTRUCTOR_INVITE_CODE;
  process.env.AUTH_SECRET = "integration-test-secret";
});
// Outside a request there are no request headers or cookies; sign-in reads the first and sets a known-device cookie.
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ set: () => undefined }),
}));

import { signInAction, signUpAction } from "@/lib/actions/auth";
import { signIn } from "@/lib/auth/config";
import { MAX_NEXT_LENGTH } from "@/lib/auth/safe-next";
import { LOGIN_LIMITS, accountDelayMs } from "@/lib/auth/rate-limit";
import { unsafeCheckCredentials, unsafeCreateAccount, unsafeCreateInstructorInvite, unsafeSetRole } from "@/lib/dal/accounts";
import { unsafeClearLoginFailures, unsafeLoginLockedUntil, unsafeRecordLoginFailure } from "@/lib/dal/login-throttle";
import { fd, settle } from "@/tests/support/next";
import { truncateAll, withTestDatabase } from "./support/database";

const database = withTestDatabase();
const PASSWORD = "plaza accord 1985 yen";

beforeEach(async () => {
  await truncateAll(database());
});

describe("sign-up", () => {
  it("answers a taken email (in any case) exactly as a new one, creates nothing for it, and never signs in", async () => {
    vi.mocked(signIn).mockClear();
    expect(await unsafeCreateAccount({ email: "ana@example.test", name: "Ana", password: PASSWORD })).toMatchObject({ ok: true });
    const taken = await settle(() =>
      signUpAction(null, fd({ name: "Ana 2", email: "ANA@Example.TEST", password: "another good passphrase" })),
    );
    const fresh = await settle(() => signUpAction(null, fd({ name: "Eve", email: "eve@example.test", password: PASSWORD })));
    expect(taken).toEqual({ kind: "redirect", url: "/signin?signedUp=1" });
    expect(fresh).toEqual(taken);
    expect(await database().db.user.count()).toBe(2);
    expect(signIn).not.toHaveBeenCalled();
  });

  it("a bad invite code is refused the same way whether or not the email has an account", async () => {
    await unsafeCreateAccount({ email: "ana@example.test", name: "Ana", password: PASSWORD });
    const onTaken = await signUpAction(null, fd({ name: "A", email: "ana@example.test", password: PASSWORD, inviteCode: "made-up-code" }));
    const onFresh = await signUpAction(null, fd({ name: "B", email: "bea@example.test", password: PASSWORD, inviteCode: "made-up-code" }));
    expect(onTaken).toMatchObject({ ok: false, fieldErrors: { inviteCode: ["Not a valid invite code."] } });
    expect(onFresh).toEqual(onTaken);
  });

  it("refuses weak passwords with a field error before touching the database", async () => {
    const r = await signUpAction(null, fd({ name: "Ben", email: "ben@example.test", password: "1234567890" }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/too easy to guess/)] } });
    expect(await database().db.user.count()).toBe(0);
  });

  it("stores an argon2id hash, never the password, and hides it from ordinary queries", async () => {
    await unsafeCreateAccount({ email: "cy@example.test", name: "Cy", password: PASSWORD });
    const row = await database().db.user.findFirstOrThrow({ select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(await database().db.user.findFirstOrThrow()).not.toHaveProperty("passwordHash");
  });
});

describe("where sign-in and sign-up send the browser", () => {
  // Values that left the site (or gave a 500 after the session cookie was set) before safeNext parsed them.
  const hostile = [
    "/\t/evil.example",
    "/%09/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\r\n/x",
    "\u3000/x",
    "https://evil.example",
    "/.//evil.example",
    "/" + "a".repeat(MAX_NEXT_LENGTH),
  ];

  it.each(hostile.map((next) => [JSON.stringify(next).slice(0, 40), next]))(
    "sign-in with next=%s ends at /dashboard",
    async (_label, next) => {
      await unsafeCreateAccount({ email: "nia@example.test", name: "Nia", password: PASSWORD });
      vi.mocked(signIn).mockClear();
      const outcome = await settle(() => signInAction(null, fd({ email: "nia@example.test", password: PASSWORD, next })));
      expect(outcome).toEqual({ kind: "redirect", url: "/dashboard" });
      expect(signIn).toHaveBeenCalledTimes(1);
    },
  );

  it("sign-in with no page asked for lands instructors on /teach and learners on /dashboard", async () => {
    await unsafeCreateAccount({ email: "lea@example.test", name: "Lea", password: PASSWORD });
    await unsafeCreateAccount({ email: "ivo@example.test", name: "Ivo", password: PASSWORD });
    await database().db.user.update({ where: { email: "ivo@example.test" }, data: { role: "INSTRUCTOR" } });
    expect(await settle(() => signInAction(null, fd({ email: "lea@example.test", password: PASSWORD })))).toEqual({
      kind: "redirect",
      url: "/dashboard",
    });
    expect(await settle(() => signInAction(null, fd({ email: "IVO@example.test", password: PASSWORD })))).toEqual({
      kind: "redirect",
      url: "/teach",
    });
    // A page asked for wins, even the dashboard.
    expect(await settle(() => signInAction(null, fd({ email: "ivo@example.test", password: PASSWORD, next: "/dashboard" })))).toEqual({
      kind: "redirect",
      url: "/dashboard",
    });
  });

  it("sign-in keeps a same-site path with its query and hash", async () => {
    const outcome = await settle(() =>
      signInAction(null, fd({ email: "nia@example.test", password: PASSWORD, next: "/attempts/abc?x=1#q2" })),
    );
    expect(outcome).toEqual({ kind: "redirect", url: "/attempts/abc?x=1#q2" });
  });

  it("sign-up with a hostile next still creates the account and ends at sign-in, then /dashboard", async () => {
    const outcome = await settle(() =>
      signUpAction(null, fd({ name: "Oda", email: "oda@example.test", password: PASSWORD, next: "/\t/evil.example" })),
    );
    expect(outcome).toEqual({ kind: "redirect", url: "/signin?signedUp=1" });
    expect(await database().db.user.count()).toBe(1);
  });
});

describe("instructor invites", () => {
  it("are single-use by default: the second sign-up with the same code is a learner-less failure", async () => {
    const code = await unsafeCreateInstructorInvite("test", 1, null);
    const first = await unsafeCreateAccount({ email: "t1@example.test", name: "T1", password: PASSWORD, inviteCode: code });
    expect(first).toMatchObject({ ok: true, user: { role: "INSTRUCTOR" } });
    const second = await unsafeCreateAccount({ email: "t2@example.test", name: "T2", password: PASSWORD, inviteCode: code });
    expect(second).toEqual({ ok: false, reason: "invalid-invite" });
    expect(await database().db.user.count()).toBe(1);
    const viaAction = await signUpAction(null, fd({ name: "T3", email: "t3@example.test", password: PASSWORD, inviteCode: code }));
    expect(viaAction).toMatchObject({ ok: false, fieldErrors: { inviteCode: ["Not a valid invite code."] } });
  });

  it("honour --uses and refuse expired or unknown codes; only the hash is stored", async () => {
    const code = await unsafeCreateInstructorInvite("two", 2, 7);
    const stored = await database().db.instructorInvite.findFirstOrThrow();
    expect(stored.codeHash).not.toContain(code);
    expect(stored.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    for (const n of [1, 2])
      expect(await unsafeCreateAccount({ email: `u${n}@example.test`, name: `U${n}`, password: PASSWORD, inviteCode: code })).toMatchObject(
        { ok: true },
      );
    expect(await unsafeCreateAccount({ email: "u3@example.test", name: "U3", password: PASSWORD, inviteCode: code })).toMatchObject({
      ok: false,
    });

    const expired = await unsafeCreateInstructorInvite("old", 5, 1);
    await database().db.instructorInvite.updateMany({ where: { note: "old" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await unsafeCreateAccount({ email: "u4@example.test", name: "U4", password: PASSWORD, inviteCode: expired })).toEqual({
      ok: false,
      reason: "invalid-invite",
    });
    expect(await unsafeCreateAccount({ email: "u5@example.test", name: "U5", password: PASSWORD, inviteCode: "made-up-code" })).toEqual({
      ok: false,
      reason: "invalid-invite",
    });
  });

  it("role changes (npm run admin -- role) apply to existing accounts only", async () => {
    await unsafeCreateAccount({ email: "dee@example.test", name: "Dee", password: PASSWORD });
    expect(await unsafeSetRole("DEE@example.test", "ADMIN")).toBe(true);
    expect(await database().db.user.findFirstOrThrow({ select: { role: true } })).toEqual({ role: "ADMIN" });
    expect(await unsafeSetRole("nobody@example.test", "ADMIN")).toBe(false);
  });
});

describe("login throttle (storage; the sign-in flow is in sign-in-throttle.test.ts)", () => {
  const email = "locked@example.test";
  const free = LOGIN_LIMITS.freeAccountFailures;

  it(`delays an account after ${free} failures, in the database, so every instance sees it`, async () => {
    const now = new Date();
    for (let i = 0; i < free - 1; i++) await unsafeRecordLoginFailure(email, "10.0.0.1", now);
    expect(await unsafeLoginLockedUntil(email, "10.0.0.1", now)).toBeNull();
    // The fifth failure arrives at "another instance": nothing but the database carries the count.
    await unsafeRecordLoginFailure(email.toUpperCase(), "10.0.0.2", now);
    const until = await unsafeLoginLockedUntil(email, "10.0.0.3", now);
    expect(until?.getTime()).toBe(now.getTime() + accountDelayMs(free));
    expect(await database().db.loginThrottle.findUniqueOrThrow({ where: { key: `email:${email}` } })).toMatchObject({
      failures: free,
      lockedUntil: until,
    });
    // Other emails are unaffected, a known device is not delayed, and the delay ends on time.
    expect(await unsafeLoginLockedUntil("other@example.test", "10.0.0.3", now)).toBeNull();
    expect(await unsafeLoginLockedUntil(email, "10.0.0.3", now, { knownDevice: true })).toBeNull();
    expect(await unsafeLoginLockedUntil(email, null, until!)).toBeNull();
  });

  it("doubles the delay with each further failure, up to the cap", async () => {
    let now = new Date();
    for (let i = 0; i < free + 3; i++) {
      await unsafeRecordLoginFailure(email, null, now);
      now = new Date(now.getTime() + 100);
    }
    const row = await database().db.loginThrottle.findUniqueOrThrow({ where: { key: `email:${email}` } });
    expect(row.lockedUntil!.getTime() - (now.getTime() - 100)).toBe(8000);
  });

  it("counts concurrent failures correctly", async () => {
    const now = new Date();
    await Promise.all(Array.from({ length: free }, () => unsafeRecordLoginFailure(email, null, now)));
    expect(await unsafeLoginLockedUntil(email, null, now)).not.toBeNull();
  });

  it(`locks an IP after ${LOGIN_LIMITS.perIp} failures across emails, known device or not`, async () => {
    const now = new Date();
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) await unsafeRecordLoginFailure(`guess${i}@example.test`, "10.9.9.9", now);
    expect(await unsafeLoginLockedUntil("fresh@example.test", "10.9.9.9", now)).toEqual(new Date(now.getTime() + LOGIN_LIMITS.ipLockMs));
    expect(await unsafeLoginLockedUntil("fresh@example.test", "10.9.9.9", now, { knownDevice: true })).not.toBeNull();
    expect(await unsafeLoginLockedUntil("fresh@example.test", "10.9.9.8", now)).toBeNull();
  });

  it("a successful sign-in clears the email's failures", async () => {
    for (let i = 0; i < 3; i++) await unsafeRecordLoginFailure(email, null);
    await unsafeClearLoginFailures(email.toUpperCase());
    expect(await database().db.loginThrottle.count({ where: { key: `email:${email}` } })).toBe(0);
  });
});

describe("unsafeCheckCredentials", () => {
  it("returns the account for the right password (any email case) and null otherwise", async () => {
    await unsafeCreateAccount({ email: "eve@example.test", name: "Eve", password: PASSWORD });
    const ok = await unsafeCheckCredentials("EVE@example.test", PASSWORD);
    expect(ok).toEqual({ id: expect.any(String), email: "eve@example.test", name: "Eve", role: "LEARNER" });
    expect(ok).not.toHaveProperty("passwordHash");
    expect(await unsafeCheckCredentials("eve@example.test", PASSWORD + "!")).toBeNull();
    expect(await unsafeCheckCredentials("nobody@example.test", PASSWORD)).toBeNull();
  });

  it("refuses OAuth-only accounts (no password hash)", async () => {
    await database().db.user.create({ data: { email: "oauth@example.test", name: "O" } });
    expect(await unsafeCheckCredentials("oauth@example.test", "")).toBeNull();
    expect(await unsafeCheckCredentials("oauth@example.test", PASSWORD)).toBeNull();
  });
});
