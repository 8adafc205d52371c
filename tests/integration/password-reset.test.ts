// "Forgot password?" against the real database: one answer for known and unknown emails, only a hash stored, links
// that work once and expire, every session revoked by a reset, and the limits on asking.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordResetAction, resetPasswordAction } from "@/lib/actions/password-reset";
import { RESET_REQUESTED_MESSAGE, PASSWORD_RESET_MINUTES } from "@/lib/auth/reset-link";
import { unsafeCheckCredentials, unsafeCreateAccount } from "@/lib/dal/accounts";
import { unsafeIssuePasswordReset, unsafePeekPasswordReset } from "@/lib/dal/password-resets";
import { getViewer } from "@/lib/dal/viewer";
import { fd, settle } from "@/tests/support/next";
import { truncateAll, withTestDatabase } from "./support/database";
import { presentToken, signInAs, signInWithToken, testRequest } from "./support/session";

const database = withTestDatabase();
const PASSWORD = "plaza accord 1985 yen";
const NEW_PASSWORD = "louvre accord 1987 dollar";

let logged: string[] = [];
beforeEach(async () => {
  await truncateAll(database());
  signInAs(null);
  testRequest.headers = new Headers({ "x-forwarded-for": "203.0.113.7", host: "koza.test" });
  logged = [];
  vi.spyOn(console, "info").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
  const created = await unsafeCreateAccount({ email: "ana@example.test", name: "Ana", password: PASSWORD });
  if (!created.ok) throw new Error("fixture");
});
afterEach(() => {
  vi.restoreAllMocks();
  testRequest.headers = new Headers();
});

/** The token from the link written to the log (no SMTP_URL in tests). */
function loggedToken(): string {
  const match = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(logged.join("\n"));
  if (!match) throw new Error(`no reset link was logged: ${logged.join("\n")}`);
  return match[1]!;
}

const ask = (email: string) => requestPasswordResetAction(null, fd({ email }));
const reset = (token: string, password = NEW_PASSWORD) =>
  settle(() => resetPasswordAction(null, fd({ token, newPassword: password, newPasswordAgain: password })));

describe("asking for a reset link", () => {
  it("answers a known and an unknown email the same way; only the known one gets a link, stored as a hash", async () => {
    const known = await ask("ANA@example.test");
    const unknown = await ask("nobody@example.test");
    expect(known).toEqual({ ok: true, data: { message: RESET_REQUESTED_MESSAGE } });
    expect(unknown).toEqual(known);
    const token = loggedToken();
    expect(logged.join("\n")).toContain("http://koza.test/reset-password/");
    expect(logged.filter((l) => l.includes("/reset-password/"))).toHaveLength(1);
    const rows = await database().db.passwordReset.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token);
    const minutes = (rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(PASSWORD_RESET_MINUTES, 0);
  });

  it("refuses a malformed email with a field error and issues nothing", async () => {
    expect(await ask("not an email")).toMatchObject({ ok: false, code: "invalid", fieldErrors: { email: [expect.any(String)] } });
    expect(await database().db.passwordReset.count()).toBe(0);
  });

  it("limits requests per address the same way for known and unknown emails", async () => {
    for (let i = 0; i < 3; i++) {
      expect(await ask("ana@example.test")).toMatchObject({ ok: true });
      expect(await ask("nobody@example.test")).toMatchObject({ ok: true });
    }
    const known = await ask("ana@example.test");
    const unknown = await ask("nobody@example.test");
    expect(known).toMatchObject({ ok: false, code: "rate_limited" });
    expect(unknown).toMatchObject({ ok: false, code: "rate_limited", error: (known as { error: string }).error });
    expect(await database().db.passwordReset.count()).toBe(3);
  });
});

describe("using a reset link", () => {
  it("sets the new password, revokes every session, and works only once", async () => {
    const ana = await database().db.user.findUniqueOrThrow({ where: { email: "ana@example.test" }, select: { id: true } });
    const laptop = await signInWithToken(ana.id);
    await ask("ana@example.test");
    const token = loggedToken();
    signInAs(null);
    expect(await reset(token)).toEqual({ kind: "redirect", url: "/signin?reset=1" });
    expect(await unsafeCheckCredentials("ana@example.test", NEW_PASSWORD)).toMatchObject({ id: ana.id });
    expect(await unsafeCheckCredentials("ana@example.test", PASSWORD)).toBeNull();
    presentToken(laptop); // a session from before the reset (maybe the intruder's)
    expect(await getViewer()).toBeNull();

    const again = await reset(token, "another fresh passphrase 42");
    expect(again).toMatchObject({
      kind: "value",
      value: { ok: false, code: "not_found", error: expect.stringMatching(/expired or was already used/) },
    });
    expect(await unsafeCheckCredentials("ana@example.test", NEW_PASSWORD)).toMatchObject({ id: ana.id });
    expect(await unsafePeekPasswordReset(token)).toBeNull();
  });

  it("an expired link changes nothing", async () => {
    const issued = await unsafeIssuePasswordReset("ana@example.test", new Date(Date.now() - (PASSWORD_RESET_MINUTES + 1) * 60_000));
    expect(await unsafePeekPasswordReset(issued!.token)).toBeNull();
    expect(await reset(issued!.token)).toMatchObject({ kind: "value", value: { ok: false, code: "not_found" } });
    expect(await unsafeCheckCredentials("ana@example.test", PASSWORD)).not.toBeNull();
  });

  it("a newer link replaces the older one", async () => {
    const first = await unsafeIssuePasswordReset("ana@example.test");
    const second = await unsafeIssuePasswordReset("ana@example.test");
    expect(await reset(first!.token)).toMatchObject({ kind: "value", value: { ok: false, code: "not_found" } });
    expect(await reset(second!.token)).toEqual({ kind: "redirect", url: "/signin?reset=1" });
  });

  it("holds a new password to sign-up's rules and keeps the link usable after a refusal", async () => {
    const issued = await unsafeIssuePasswordReset("ana@example.test");
    expect(await reset(issued!.token, "1234567890")).toMatchObject({
      kind: "value",
      value: { ok: false, code: "invalid", fieldErrors: { newPassword: [expect.stringMatching(/too easy to guess/)] } },
    });
    const mismatch = await settle(() =>
      resetPasswordAction(null, fd({ token: issued!.token, newPassword: NEW_PASSWORD, newPasswordAgain: "something else" })),
    );
    expect(mismatch).toMatchObject({ kind: "value", value: { ok: false, fieldErrors: { newPasswordAgain: [expect.any(String)] } } });
    expect(await unsafeCheckCredentials("ana@example.test", PASSWORD)).not.toBeNull();
    expect(await reset(issued!.token)).toEqual({ kind: "redirect", url: "/signin?reset=1" });
  });

  it("an unknown or malformed token is refused without a 500", async () => {
    for (const token of ["A".repeat(43), "short", "", "../../etc/passwd"])
      expect(await reset(token)).toMatchObject({ kind: "value", value: { ok: false } });
    expect(await unsafeCheckCredentials("ana@example.test", PASSWORD)).not.toBeNull();
  });
});
