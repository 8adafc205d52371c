import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { readSessionCookie, verifySessionCookie } from "@/lib/auth/session-cookie";

const secret = "test-secret-of-enough-length-0123456789";
const NAME = "authjs.session-token";
const now = () => Math.floor(Date.now() / 1000);

function jar(cookies: Record<string, string>) {
  return { getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })) };
}

describe("session cookie verification (what every request's viewer rests on)", () => {
  it("reads the claims Auth.js wrote: user id and session version", async () => {
    const value = await encode({ token: { sub: "user_1", sv: 3 }, secret, salt: NAME, maxAge: 3600 });
    expect(await verifySessionCookie({ name: NAME, value }, secret)).toMatchObject({ userId: "user_1", version: 3 });
  });

  it("treats a token without a session version as version 0 (issued before versions existed)", async () => {
    const value = await encode({ token: { sub: "user_2" }, secret, salt: NAME, maxAge: 3600 });
    expect(await verifySessionCookie({ name: NAME, value }, secret)).toMatchObject({ userId: "user_2", version: 0 });
  });

  it("refuses a cookie encrypted under another secret, a tampered one, and one filed under the other cookie name", async () => {
    const value = await encode({ token: { sub: "user_3", sv: 0 }, secret, salt: NAME, maxAge: 3600 });
    expect(await verifySessionCookie({ name: NAME, value }, "another-secret-of-enough-length-987654")).toBeNull();
    const tampered = value.slice(0, -6) + (value.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect(await verifySessionCookie({ name: NAME, value: tampered }, secret)).toBeNull();
    expect(await verifySessionCookie({ name: `__Secure-${NAME}`, value }, secret)).toBeNull();
    expect(await verifySessionCookie({ name: NAME, value: "not a token" }, secret)).toBeNull();
  });

  it("refuses an expired cookie, also once it was verified and remembered", async () => {
    const value = await encode({ token: { sub: "user_4", sv: 1 }, secret, salt: NAME, maxAge: 60 });
    expect(await verifySessionCookie({ name: NAME, value }, secret)).not.toBeNull();
    expect(await verifySessionCookie({ name: NAME, value }, secret, now() + 120)).toBeNull();
    const expired = await encode({ token: { sub: "user_5", sv: 1 }, secret, salt: NAME, maxAge: -30 });
    expect(await verifySessionCookie({ name: NAME, value: expired }, secret)).toBeNull();
  });

  it("refuses a token without a subject", async () => {
    const value = await encode({ token: { name: "nobody" }, secret, salt: NAME, maxAge: 3600 });
    expect(await verifySessionCookie({ name: NAME, value }, secret)).toBeNull();
  });

  it("finds the cookie under either name and joins Auth.js's chunks in numeric order", () => {
    expect(readSessionCookie(jar({ other: "x" }))).toBeNull();
    expect(readSessionCookie(jar({ [NAME]: "abc" }))).toEqual({ name: NAME, value: "abc" });
    expect(readSessionCookie(jar({ [`__Secure-${NAME}`]: "sec" }))).toEqual({ name: `__Secure-${NAME}`, value: "sec" });
    expect(readSessionCookie(jar({ [`${NAME}.10`]: "k", [`${NAME}.2`]: "c", [`${NAME}.0`]: "a", [`${NAME}.1`]: "b" }))).toEqual({
      name: NAME,
      value: "abck",
    });
  });
});
