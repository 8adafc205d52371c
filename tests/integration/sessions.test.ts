// Session revocation against the real database: a JWT carries its account's session version, and sign-out, password
// change, role change and "sign out everywhere" move the version on, so a copied or replayed token stops working.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// signIn/signOut are stubs (tests/integration/setup.ts) for cookie handling only; which token the browser presents is
// the session seam's job (signInWithToken/presentToken).
import DashboardPage from "@/app/dashboard/page";
import AccountPage from "@/app/account/page";
import { signOutAction } from "@/lib/actions/auth";
import { changePasswordAction, signOutEverywhereAction, updateDisplayNameAction } from "@/lib/actions/account";
import { saveAnswerAction, startPracticeAction } from "@/lib/actions/attempts";
import { signIn, signOut } from "@/lib/auth/config";
import { unsafeCheckCredentials, unsafeCreateAccount, unsafeEndSessionsIfCurrent, unsafeSetRole } from "@/lib/dal/accounts";
import { getViewer, requireViewer } from "@/lib/dal/viewer";
import { fd, settle } from "@/tests/support/next";
import { CONTENT_TABLES, truncateAll, withTestDatabase } from "./support/database";
import { attemptItems, seedCourse } from "./support/fixtures";
import { startPracticeAttemptAs } from "@/tests/support/start-attempt";
import { correctResponse, wrongResponse } from "@/tests/support/answers";
import { presentToken, signInAs, signInWithToken } from "./support/session";

const database = withTestDatabase();
const PASSWORD = "plaza accord 1985 yen";
const NEW_PASSWORD = "louvre accord 1987 dollar";

beforeAll(async () => {
  await seedCourse();
});

let ana: { id: string; email: string };
beforeEach(async () => {
  await truncateAll(database(), { keep: CONTENT_TABLES });
  signInAs(null);
  vi.mocked(signIn).mockClear();
  vi.mocked(signOut).mockClear();
  const created = await unsafeCreateAccount({ email: "ana@example.test", name: "Ana", password: PASSWORD });
  if (!created.ok) throw new Error("fixture");
  ana = created.user;
});

const attemptCount = () => database().db.attempt.count();

describe("landing after an OAuth sign-in", () => {
  it("sends instructors on to /teach and keeps learners on their dashboard", async () => {
    const teacher = await unsafeCreateAccount({ email: "tom@example.test", name: "Tom", password: PASSWORD });
    if (!teacher.ok) throw new Error("fixture");
    await unsafeSetRole("tom@example.test", "INSTRUCTOR");
    signInAs(teacher.user.id);
    const home = { searchParams: Promise.resolve({ home: "1" }) };
    expect(await settle(() => DashboardPage(home))).toEqual({ kind: "redirect", url: "/teach" });
    expect(await settle(() => DashboardPage())).toMatchObject({ kind: "value" });
    signInAs(ana.id);
    expect(await settle(() => DashboardPage({ searchParams: Promise.resolve({ home: "1" }) }))).toMatchObject({ kind: "value" });
  });
});

describe("revoked sessions", () => {
  it("a token replayed after sign-out no longer opens the dashboard or starts attempts", async () => {
    const token = await signInWithToken(ana.id);
    expect(await getViewer()).toMatchObject({ id: ana.id });
    expect(await settle(() => DashboardPage())).toMatchObject({ kind: "value" });

    expect(await settle(() => signOutAction())).toMatchObject({ kind: "value" });
    expect(signOut).toHaveBeenCalledWith({ redirectTo: "/" });

    presentToken(token); // the attacker's copy of the cookie
    expect(await getViewer()).toBeNull();
    await expect(requireViewer()).rejects.toThrow("Please sign in first.");
    expect(await settle(() => DashboardPage())).toEqual({ kind: "redirect", url: "/signin?next=%2Fdashboard" });
    expect(await startPracticeAction(null, fd({ topic: "plaza-accord" }))).toEqual({
      ok: false,
      error: "Please sign in first.",
      code: "signed_out",
    });
    expect(await attemptCount()).toBe(0);
  });

  it("a token replayed after sign-out cannot autosave: the save's own write checks the session", async () => {
    const token = await signInWithToken(ana.id);
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const [first, second] = await attemptItems(attemptId);
    const answer = (item: typeof first, seq: number, response = correctResponse(item.question)) =>
      saveAnswerAction({ attemptId, position: item.position, seq, response: item.asClient(response) });
    expect(await answer(first, 1)).toMatchObject({ ok: true });
    const responses = async () =>
      await database().db.attemptItem.findMany({
        where: { attemptId },
        orderBy: { position: "asc" },
        select: { response: true, saveSeq: true },
      });
    const before = await responses();

    expect(await settle(() => signOutAction())).toMatchObject({ kind: "value" });
    presentToken(token);
    const signedOut = { ok: false, error: "Please sign in first.", code: "signed_out" };
    // A newer answer to a question this process has seen saved, one to a question it has not, a position the
    // attempt does not have, and an answer of the wrong shape: every path says "sign in" and changes nothing.
    expect(await answer(first, 2, wrongResponse(first.question))).toEqual(signedOut);
    expect(await answer(second, 3)).toEqual(signedOut);
    expect(await saveAnswerAction({ attemptId, position: 99, seq: 4, response: { type: "truefalse", value: true } })).toEqual(signedOut);
    const wrongShape = second.question.type === "short" ? { type: "truefalse", value: true } : { type: "short", text: "yen" };
    expect(await saveAnswerAction({ attemptId, position: second.position, seq: 5, response: wrongShape })).toEqual(signedOut);
    expect(await responses()).toEqual(before);

    await signInWithToken(ana.id); // signing in again gives a token with the new version: saving works again
    expect(await answer(second, 6)).toMatchObject({ ok: true });
  });

  it("signing out on one device ends the session on every other device", async () => {
    const laptop = await signInWithToken(ana.id);
    const phone = await signInWithToken(ana.id);
    presentToken(laptop);
    await settle(() => signOutAction());
    presentToken(phone);
    expect(await getViewer()).toBeNull();
  });

  it("a token that presents an older version than the account's is signed out; the current one is not", async () => {
    await database().db.user.update({ where: { id: ana.id }, data: { sessionVersion: 3 } });
    presentToken({ userId: ana.id, version: 2 });
    expect(await getViewer()).toBeNull();
    presentToken({ userId: ana.id, version: 4 });
    expect(await getViewer()).toBeNull();
    presentToken({ userId: ana.id, version: 3 });
    expect(await getViewer()).toEqual({ id: ana.id, email: ana.email, name: "Ana", role: "LEARNER", timeZone: null });
  });

  it("signing out while signed out changes nothing", async () => {
    expect(await settle(() => signOutAction())).toMatchObject({ kind: "value" });
    expect(await database().db.user.findUniqueOrThrow({ where: { id: ana.id }, select: { sessionVersion: true } })).toEqual({
      sessionVersion: 0,
    });
  });

  it("next-auth's own sign-out endpoint ends every session, but a revoked token cannot sign its owner out again", async () => {
    const stolen = await signInWithToken(ana.id);
    await unsafeEndSessionsIfCurrent(stolen.userId, stolen.version); // what the signOut event does with a current token
    presentToken(stolen);
    expect(await getViewer()).toBeNull();
    const fresh = await signInWithToken(ana.id);
    await unsafeEndSessionsIfCurrent(stolen.userId, stolen.version); // the revoked copy, replayed at /api/auth/signout
    presentToken(fresh);
    expect(await getViewer()).toMatchObject({ id: ana.id });
  });

  it("a role change (npm run admin -- role) ends the account's sessions", async () => {
    const token = await signInWithToken(ana.id);
    expect(await unsafeSetRole(ana.email, "INSTRUCTOR")).toBe(true);
    presentToken(token);
    expect(await getViewer()).toBeNull();
    // Signing in again picks up the new role.
    await signInWithToken(ana.id);
    expect(await getViewer()).toMatchObject({ role: "INSTRUCTOR" });
  });
});

describe("the account page", () => {
  it("renders for the signed-in account and sends everyone else to sign in", async () => {
    signInAs(ana.id);
    expect(await settle(() => AccountPage())).toMatchObject({ kind: "value" });
    signInAs(null);
    expect(await settle(() => AccountPage())).toEqual({ kind: "redirect", url: "/signin?next=%2Faccount" });
  });

  it("changing the password needs the current one, ends every other session and signs this browser in again", async () => {
    const otherDevice = await signInWithToken(ana.id);
    await signInWithToken(ana.id);
    const r = await changePasswordAction(
      null,
      fd({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, newPasswordAgain: NEW_PASSWORD }),
    );
    expect(r).toEqual({ ok: true, data: { message: expect.stringMatching(/Password changed/) } });
    expect(signIn).toHaveBeenCalledWith("credentials", { email: ana.email, password: NEW_PASSWORD, redirect: false });
    presentToken(otherDevice);
    expect(await getViewer()).toBeNull();
    expect(await unsafeCheckCredentials(ana.email, NEW_PASSWORD)).toMatchObject({ id: ana.id });
    expect(await unsafeCheckCredentials(ana.email, PASSWORD)).toBeNull();
  });

  it("refuses a wrong current password, a weak or mismatched new one, and changes nothing", async () => {
    const token = await signInWithToken(ana.id);
    const before = await database().db.user.findUniqueOrThrow({
      where: { id: ana.id },
      select: { passwordHash: true, sessionVersion: true },
    });
    expect(
      await changePasswordAction(null, fd({ currentPassword: "not it at all", newPassword: NEW_PASSWORD, newPasswordAgain: NEW_PASSWORD })),
    ).toEqual({
      ok: false,
      error: "Your current password is not right.",
      code: "refused",
    });
    expect(
      await changePasswordAction(null, fd({ currentPassword: PASSWORD, newPassword: "1234567890", newPasswordAgain: "1234567890" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: [expect.stringMatching(/too easy to guess/)] },
    });
    expect(
      await changePasswordAction(null, fd({ currentPassword: PASSWORD, newPassword: "short", newPasswordAgain: "short" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: ["Use at least 10 characters."] },
    });
    expect(
      await changePasswordAction(null, fd({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, newPasswordAgain: NEW_PASSWORD + "x" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { newPasswordAgain: [expect.any(String)] },
    });
    expect(await changePasswordAction(null, fd({ currentPassword: PASSWORD }))).toMatchObject({ ok: false });
    expect(
      await database().db.user.findUniqueOrThrow({ where: { id: ana.id }, select: { passwordHash: true, sessionVersion: true } }),
    ).toEqual(before);
    presentToken(token);
    expect(await getViewer()).not.toBeNull();
    expect(signIn).not.toHaveBeenCalled();
  });

  it("an account without a password (OAuth only) is told so", async () => {
    const oauth = await database().db.user.create({ data: { email: "o@example.test", name: "O" } });
    signInAs(oauth.id);
    expect(
      await changePasswordAction(
        null,
        fd({ currentPassword: "anything at all", newPassword: NEW_PASSWORD, newPasswordAgain: NEW_PASSWORD }),
      ),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/no password/),
      code: "refused",
    });
  });

  it("'sign out everywhere' ends every session, this one included", async () => {
    const here = await signInWithToken(ana.id);
    const elsewhere = { ...here };
    await signOutEverywhereAction(null, fd({}));
    expect(signOut).toHaveBeenCalledWith({ redirectTo: "/" });
    for (const token of [here, elsewhere]) {
      presentToken(token);
      expect(await getViewer()).toBeNull();
    }
    signInAs(null);
    expect(await signOutEverywhereAction(null, fd({}))).toEqual({ ok: false, error: "Please sign in first.", code: "signed_out" });
  });

  it("changes the display name (trimmed, 1–80 characters) without ending sessions", async () => {
    const token = await signInWithToken(ana.id);
    expect(await updateDisplayNameAction(null, fd({ name: "  Ana Lima  " }))).toEqual({
      ok: true,
      data: { message: "Your name is saved." },
    });
    expect(await updateDisplayNameAction(null, fd({ name: "   " }))).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Enter your name."] },
    });
    expect(await updateDisplayNameAction(null, fd({ name: "x".repeat(81) }))).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.any(String)] },
    });
    presentToken(token);
    expect(await getViewer()).toMatchObject({ name: "Ana Lima" });
  });
});
