// The client's address: the X-Forwarded-For entry a trusted hop wrote, counted from the right, never the client's claim.
import { describe, expect, it } from "vitest";
import { EnvError, readEnv } from "@/lib/env";
import { clientIp, clientIpFromForwardedFor, normaliseAddress, trustedProxyHops } from "@/lib/auth/client-ip";

describe("clientIpFromForwardedFor", () => {
  it("with no proxy, uses the one entry Next.js wrote from the socket", () => {
    expect(clientIpFromForwardedFor("203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientIpFromForwardedFor("::ffff:203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("never takes the left-most (client-written) entry when a trusted proxy appended one", () => {
    // The client sent "X-Forwarded-For: 198.51.100.1"; the one proxy appended the address that connected to it.
    expect(clientIpFromForwardedFor("198.51.100.1, 203.0.113.7", 1)).toBe("203.0.113.7");
    // Rotating the forged part changes nothing.
    expect(clientIpFromForwardedFor("192.0.2.99, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIpFromForwardedFor("192.0.2.99,203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("skips the entries added by the inner proxies of a chain", () => {
    // client → CDN → load balancer → app: the CDN wrote the client, the load balancer wrote the CDN's address.
    expect(clientIpFromForwardedFor("198.51.100.1, 203.0.113.7, 10.0.0.5", 2)).toBe("203.0.113.7");
    expect(clientIpFromForwardedFor("a, b, 203.0.113.7, 10.0.0.5, 10.0.0.6", 3)).toBe("203.0.113.7");
  });

  it("uses the left-most entry when the list is shorter than the hops (a request that skipped a proxy)", () => {
    expect(clientIpFromForwardedFor("10.0.0.5", 2)).toBe("10.0.0.5");
  });

  it("is null without a usable header", () => {
    expect(clientIpFromForwardedFor(null, 0)).toBeNull();
    expect(clientIpFromForwardedFor("", 1)).toBeNull();
    expect(clientIpFromForwardedFor(" , ,", 1)).toBeNull();
    expect(clientIpFromForwardedFor("1.2.3.4, not-an-address", 1)).toBeNull();
    expect(clientIpFromForwardedFor("1.2.3.4, " + "9".repeat(5000), 1)).toBeNull();
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["unknown", null],
    ["203.0.113.7\u0000", null],
    ["<script>", null],
  ])("%s → %s", (entry, expected) => {
    expect(normaliseAddress(entry)).toBe(expected);
  });
});

describe("trustedProxyHops (KOZA_TRUSTED_PROXY_HOPS)", () => {
  it("defaults to 0 and reads small whole numbers", () => {
    expect(trustedProxyHops(readEnv({}))).toBe(0);
    expect(trustedProxyHops(readEnv({ KOZA_TRUSTED_PROXY_HOPS: "" }))).toBe(0);
    expect(trustedProxyHops(readEnv({ KOZA_TRUSTED_PROXY_HOPS: "1" }))).toBe(1);
    expect(trustedProxyHops(readEnv({ KOZA_TRUSTED_PROXY_HOPS: " 2 " }))).toBe(2);
  });

  it.each(["-1", "1.5", "two", "11", "1e1"])("refuses %j with a sentence naming the variable", (value) => {
    expect(() => trustedProxyHops(readEnv({ KOZA_TRUSTED_PROXY_HOPS: value }))).toThrow(EnvError);
    expect(() => trustedProxyHops(readEnv({ KOZA_TRUSTED_PROXY_HOPS: value }))).toThrow(/KOZA_TRUSTED_PROXY_HOPS/);
  });
});

describe("clientIp", () => {
  it("reads the request's header under the configured hops", () => {
    const headers = new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.7", "x-real-ip": "198.51.100.1" });
    expect(clientIp(headers, readEnv({ KOZA_TRUSTED_PROXY_HOPS: "1" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers(), readEnv({}))).toBeNull();
    expect(clientIp(undefined, readEnv({}))).toBeNull();
  });
});
