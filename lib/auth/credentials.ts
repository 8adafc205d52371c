// Owns the password sign-in check behind next-auth's Credentials provider: throttles first, then the password.
import "server-only";
import { z } from "zod";
import { refineSafeText, safeText } from "@/lib/validation/text";
import { unsafeCheckCredentials } from "@/lib/dal/accounts";
import { unsafeClearLoginFailures, unsafeLoginLockedUntil, unsafeRecordLoginFailure } from "@/lib/dal/login-throttle";
import type { Viewer } from "@/lib/dal/viewer";
import { clientIp } from "./client-ip";
import { isKnownDevice, knownDeviceCookie } from "./known-device";
import { MAX_PASSWORD_LENGTH } from "../quiz/limits";
import { resolveAuthSecret } from "./secret";

const CredentialsInput = z.object({
  email: refineSafeText(z.email().max(254)),
  password: safeText().min(1).max(MAX_PASSWORD_LENGTH),
});

export type CredentialsOutcome =
  { ok: true; user: Viewer } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate-limited"; retryAt: Date };

function fromKnownDevice(headers: Headers | undefined, email: string, now: Date): boolean {
  return isKnownDevice(headers?.get("cookie"), resolveAuthSecret(), email, now);
}

/** When this sign-in (these headers, this email) must wait, the time it may try again; else null. */
export function signInRetryAt(email: string, headers: Headers | undefined, now = new Date()): Promise<Date | null> {
  return unsafeLoginLockedUntil(email, clientIp(headers), now, { knownDevice: fromKnownDevice(headers, email, now) });
}

/**
 * The account for these credentials, refusing without a password check while the IP, or the account (unless this
 * browser is a known device of it), must wait. A wrong password counts against both, from any browser.
 */
export async function checkCredentialsThrottled(raw: unknown, headers: Headers | undefined, now = new Date()): Promise<CredentialsOutcome> {
  const parsed = CredentialsInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const ip = clientIp(headers);
  const knownDevice = fromKnownDevice(headers, email, now);
  const retryAt = await unsafeLoginLockedUntil(email, ip, now, { knownDevice });
  if (retryAt) return { ok: false, reason: "rate-limited", retryAt };
  const user = await unsafeCheckCredentials(email, password);
  if (!user) {
    await unsafeRecordLoginFailure(email, ip, now);
    return { ok: false, reason: "invalid" };
  }
  // Only a sign-in that went through the delay clears it: the owner signing in from a known device while someone
  // else is guessing must not hand the guesser a fresh set of free tries.
  if (!knownDevice) await unsafeClearLoginFailures(email);
  return { ok: true, user };
}

/** The known-device cookie to set once `email` has signed in on this browser (Secure when the request was HTTPS). */
export function knownDeviceCookieFor(email: string, headers: Headers | undefined, now = new Date()) {
  return knownDeviceCookie(resolveAuthSecret(), email, now, headers?.get("x-forwarded-proto") === "https");
}
