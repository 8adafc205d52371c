// Owns the "known device" cookie: a signed note that an account signed in from this browser before (OWASP device cookies).
//
// The cookie's name and value are HMACs keyed by the auth secret, bound to the account's email: the cookie neither
// shows the email nor can be forged or moved to another account. It proves only "this browser signed in as this
// account before", which lets the owner skip the per-account delay (lib/auth/rate-limit.ts); the password is still
// checked and the per-IP limit still applies.
import { createHmac, timingSafeEqual } from "node:crypto";

export const KNOWN_DEVICE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
const NAME_PREFIX = "koza-known-device-";

function key(secret: string): Buffer {
  // A key of its own, so this HMAC can never be confused with anything else signed with the auth secret.
  return createHmac("sha256", secret).update("koza known-device cookie v1").digest();
}

function mac(secret: string, text: string): string {
  return createHmac("sha256", key(secret)).update(text).digest("base64url");
}

/** One cookie per account on a browser, so a shared family computer remembers every account that used it. */
export function knownDeviceCookieName(secret: string, email: string): string {
  return NAME_PREFIX + mac(secret, `name|${email.toLowerCase()}`).slice(0, 16);
}

export function knownDeviceCookieValue(secret: string, email: string, now: Date): string {
  const issued = Math.floor(now.getTime() / 1000);
  return `${issued}.${mac(secret, `value|${email.toLowerCase()}|${issued}`)}`;
}

/** The cookie to set after a successful sign-in. */
export function knownDeviceCookie(secret: string, email: string, now: Date, secure: boolean) {
  return {
    name: knownDeviceCookieName(secret, email),
    value: knownDeviceCookieValue(secret, email, now),
    options: { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS },
  };
}

/** True when the request's Cookie header carries a valid, unexpired known-device cookie for this email. */
export function isKnownDevice(cookieHeader: string | null | undefined, secret: string, email: string, now: Date): boolean {
  if (!cookieHeader) return false;
  const name = knownDeviceCookieName(secret, email);
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    const [, issuedText, tag] = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value) ?? [];
    if (issuedText === undefined || tag === undefined) continue;
    const issued = Number(issuedText);
    const ageSeconds = now.getTime() / 1000 - issued;
    if (ageSeconds < -60 || ageSeconds > KNOWN_DEVICE_MAX_AGE_SECONDS) continue;
    const expected = Buffer.from(mac(secret, `value|${email.toLowerCase()}|${issued}`));
    const given = Buffer.from(tag);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}
