// The sign-in throttle end to end through signInAction and the real credential check: an attacker's guessing delays
// the account for unknown browsers, while its owner, on a browser where they signed in before, still gets in.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// What the browser sends (headers, including Cookie) and what the server sets; one "request" at a time.
const browser = vi.hoisted(() => {
  process.env.AUTH_SECRET = "integration-test-secret";
  // One trusted reverse proxy: the right-most X-Forwarded-For entry is the address that reached it.
  process.env.KOZA_TRUSTED_PROXY_HOPS = "1";
  return { headers: new Headers(), setCookies: new Map<string, string>() };
});

vi.mock("next/headers", () => ({
  headers: async () => browser.headers,
  cookies: async () => ({ set: (name: string, value: string) => void browser.setCookies.set(name, value) }),
}));
// signIn needs a live Next request; this one runs the same check the Credentials provider's authorize() runs.
vi.mock("@/lib/auth/config", async () => {
  const { AuthError } = await import("next-auth");
  const { checkCredentialsThrottled } = await import("@/lib/auth/credentials");
  class RateLimitedSignin extends AuthError {}
  return {
    RateLimitedSignin,
    signOut: vi.fn(async () => undefined),
    signIn: vi.fn(async (_provider: string, input: { email: string; password: string }) => {
      const outcome = await checkCredentialsThrottled(input, browser.headers);
      if (outcome.ok) return undefined;
      throw outcome.reason === "rate-limited" ? new RateLimitedSignin() : new AuthError();
    }),
  };
});

import { signInAction } from "@/lib/actions/auth";
import { LOGIN_LIMITS, accountDelayMs } from "@/lib/auth/rate-limit";
import { unsafeCreateAccount } from "@/lib/dal/accounts";
import { fd, settle } from "@/tests/support/next";
import { truncateAll, withTestDatabase } from "./support/database";

const database = withTestDatabase();
const EMAIL = "ana@example.test";
const PASSWORD = "plaza accord 1985 yen";
const GENERIC = { ok: false, code: "refused", error: "That email and password do not match an account." };

/** One request from a browser at `ip` (behind our one proxy; the client forged the left part) with these cookies. */
function from(ip: string, cookies: Map<string, string> = new Map()) {
  browser.headers = new Headers({ "x-forwarded-for": `10.66.${Math.floor(Math.random() * 250)}.1, ${ip}` });
  if (cookies.size) browser.headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  browser.setCookies = new Map();
}

const signInWith = (password: string) => settle(() => signInAction(null, fd({ email: EMAIL, password })));

let clock = new Date("2026-12-01T10:00:00Z");
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
  vi.setSystemTime(clock);
};

beforeEach(async () => {
  await truncateAll(database());
  vi.useFakeTimers({ toFake: ["Date"] });
  clock = new Date("2026-12-01T10:00:00Z");
  vi.setSystemTime(clock);
  await unsafeCreateAccount({ email: EMAIL, name: "Ana", password: PASSWORD });
});

afterEach(() => {
  vi.useRealTimers();
});

/** The owner's browser after one successful sign-in: it holds the known-device cookie. */
async function ownersBrowser(): Promise<Map<string, string>> {
  from("203.0.113.10");
  expect(await signInWith(PASSWORD)).toEqual({ kind: "redirect", url: "/dashboard" });
  const jar = new Map(browser.setCookies);
  expect([...jar.keys()]).toEqual([expect.stringMatching(/^koza-known-device-/)]);
  return jar;
}

/** An attacker guessing wrong `n` times from rotating addresses, waiting out each delay as it must (not the last). */
async function attackerGuesses(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (i > 0) advance(Math.max(100, accountDelayMs(i)));
    from(`198.51.100.${i + 1}`);
    expect(await signInWith(`wrong guess ${i}`)).toEqual({ kind: "value", value: GENERIC });
  }
}

describe("per-account delay with known devices", () => {
  it("delays the attacker with a message that says how long, while the owner's known browser signs in", async () => {
    const jar = await ownersBrowser();
    await attackerGuesses(LOGIN_LIMITS.freeAccountFailures + 2); // 7 failures: the next try waits 4 s after the last

    from("198.51.100.99");
    expect(await signInWith("another guess")).toEqual({
      kind: "value",
      value: { ok: false, code: "rate_limited", retryAfterSeconds: 4, error: "Too many failed sign-ins. Try again in 4 seconds." },
    });
    // Even the right password is not checked from an unknown browser while the account waits.
    expect(await signInWith(PASSWORD)).toMatchObject({
      kind: "value",
      value: { ok: false, code: "rate_limited", error: expect.stringMatching(/^Too many failed sign-ins/) },
    });

    // The owner, from the browser they signed in on before, gets straight in.
    from("203.0.113.10", jar);
    expect(await signInWith(PASSWORD)).toEqual({ kind: "redirect", url: "/dashboard" });

    // …and that does not hand the attacker fresh free tries.
    from("198.51.100.100");
    expect(await signInWith("yet another guess")).toMatchObject({
      kind: "value",
      value: { error: expect.stringMatching(/^Too many failed sign-ins/) },
    });

    // Once the delay is over the attacker may guess again, and each miss doubles it.
    advance(4000);
    expect(await signInWith("guess after waiting")).toEqual({ kind: "value", value: GENERIC });
    expect(await signInWith("too soon")).toEqual({
      kind: "value",
      value: { ok: false, code: "rate_limited", retryAfterSeconds: 8, error: "Too many failed sign-ins. Try again in 8 seconds." },
    });
  });

  it("caps the delay at 15 minutes and says so in minutes", async () => {
    await attackerGuesses(LOGIN_LIMITS.freeAccountFailures);
    for (let i = 0; i < 12; i++) {
      advance(LOGIN_LIMITS.accountMaxDelayMs);
      from("198.51.100.7");
      await signInWith(`patient guess ${i}`);
    }
    from("198.51.100.8");
    expect(await signInWith("one more")).toEqual({
      kind: "value",
      value: {
        ok: false,
        code: "rate_limited",
        retryAfterSeconds: expect.any(Number),
        error: "Too many failed sign-ins. Try again in 15 minutes.",
      },
    });
  });

  it("a known-device cookie of another account, a forged one or an expired one does not skip the delay", async () => {
    await unsafeCreateAccount({ email: "bob@example.test", name: "Bob", password: PASSWORD });
    from("203.0.113.20");
    expect(await settle(() => signInAction(null, fd({ email: "bob@example.test", password: PASSWORD })))).toMatchObject({
      kind: "redirect",
    });
    const bobsJar = new Map(browser.setCookies);
    const anasJar = await ownersBrowser();
    await attackerGuesses(LOGIN_LIMITS.freeAccountFailures + 3);

    const refused = {
      kind: "value",
      value: { ok: false, code: "rate_limited", error: expect.stringMatching(/^Too many failed sign-ins/) },
    };
    from("203.0.113.20", bobsJar);
    expect(await signInWith(PASSWORD)).toMatchObject(refused);
    const [[name, value]] = [...anasJar];
    from("203.0.113.20", new Map([[name, value.replace(/.$/, (c) => (c === "A" ? "B" : "A"))]]));
    expect(await signInWith(PASSWORD)).toMatchObject(refused);
    // A fresh delay well inside the cookie's lifetime, then the cookie past its 180 days.
    advance(181 * 86_400_000);
    await attackerGuesses(LOGIN_LIMITS.freeAccountFailures + 3);
    from("203.0.113.10", anasJar);
    expect(await signInWith(PASSWORD)).toMatchObject(refused);
  });

  it("the per-IP limit still holds for a known device, and forging X-Forwarded-For does not dodge it", async () => {
    const jar = await ownersBrowser();
    // 20 wrong guesses at different accounts from one address behind the proxy, each with a different forged prefix.
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
      from("198.51.100.50");
      expect(await settle(() => signInAction(null, fd({ email: `guess${i}@example.test`, password: "wrong guess" })))).toEqual({
        kind: "value",
        value: GENERIC,
      });
    }
    from("198.51.100.50", jar);
    expect(await signInWith(PASSWORD)).toEqual({
      kind: "value",
      value: {
        ok: false,
        code: "rate_limited",
        retryAfterSeconds: expect.any(Number),
        error: "Too many failed sign-ins. Try again in 15 minutes.",
      },
    });
    // Another address (the owner at home) is not affected.
    from("203.0.113.10", jar);
    expect(await signInWith(PASSWORD)).toEqual({ kind: "redirect", url: "/dashboard" });
  });
});
