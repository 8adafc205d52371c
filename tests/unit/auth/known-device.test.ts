// The known-device cookie: bound to one account by an HMAC with the auth secret, unforgeable, expiring after 180 days.
import { describe, expect, it } from "vitest";
import { KNOWN_DEVICE_MAX_AGE_SECONDS, isKnownDevice, knownDeviceCookie, knownDeviceCookieName } from "@/lib/auth/known-device";

const SECRET = "unit-test-secret";
const now = new Date("2026-12-01T10:00:00Z");
const header = (c: { name: string; value: string }, extra = "") => `other=1; ${c.name}=${c.value}${extra}`;

describe("known-device cookie", () => {
  it("is HttpOnly, Lax, site-wide and long-lived, Secure when asked, and does not show the email", () => {
    const c = knownDeviceCookie(SECRET, "Ana@Example.test", now, true);
    expect(c.options).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/", maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS });
    expect(`${c.name}=${c.value}`).not.toMatch(/ana|example/i);
  });

  it("is accepted for its own account (any email case) and nothing else", () => {
    const c = knownDeviceCookie(SECRET, "ana@example.test", now, false);
    expect(isKnownDevice(header(c), SECRET, "ANA@example.test", now)).toBe(true);
    expect(isKnownDevice(header(c), SECRET, "bob@example.test", now)).toBe(false);
    // Renamed to look like Bob's: the value is bound to Ana.
    expect(isKnownDevice(`${knownDeviceCookieName(SECRET, "bob@example.test")}=${c.value}`, SECRET, "bob@example.test", now)).toBe(false);
    expect(isKnownDevice(header(c), "another-secret", "ana@example.test", now)).toBe(false);
  });

  it("refuses tampered, malformed, missing and expired values", () => {
    const c = knownDeviceCookie(SECRET, "ana@example.test", now, false);
    const [issued, mac] = c.value.split(".");
    const tampered = [
      `${Number(issued) + 1}.${mac}`,
      `${issued}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
      `${issued}.`,
      "",
      "x".repeat(5000),
    ];
    for (const value of tampered) expect(isKnownDevice(header({ name: c.name, value }), SECRET, "ana@example.test", now)).toBe(false);
    expect(isKnownDevice(null, SECRET, "ana@example.test", now)).toBe(false);
    expect(isKnownDevice("", SECRET, "ana@example.test", now)).toBe(false);
    const later = (s: number) => new Date(now.getTime() + s * 1000);
    expect(isKnownDevice(header(c), SECRET, "ana@example.test", later(KNOWN_DEVICE_MAX_AGE_SECONDS - 1))).toBe(true);
    expect(isKnownDevice(header(c), SECRET, "ana@example.test", later(KNOWN_DEVICE_MAX_AGE_SECONDS + 1))).toBe(false);
  });

  it("finds its cookie among several accounts' on a shared browser", () => {
    const ana = knownDeviceCookie(SECRET, "ana@example.test", now, false);
    const bob = knownDeviceCookie(SECRET, "bob@example.test", now, false);
    expect(ana.name).not.toBe(bob.name);
    const both = `${ana.name}=${ana.value}; ${bob.name}=${bob.value}`;
    expect(isKnownDevice(both, SECRET, "ana@example.test", now)).toBe(true);
    expect(isKnownDevice(both, SECRET, "bob@example.test", now)).toBe(true);
  });
});
