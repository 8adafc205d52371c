// Who may frame Koza (issue 14 item 6): nobody, except after an LTI launch, when the launching platform's origins may;
// a forged or tampered frame cookie frames nothing, and next.config keeps today's headers for everyone else.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import nextConfig from "@/next.config";
import { FRAME_COOKIE, signFrameOrigins, verifyFrameOrigins } from "@/lib/lti/frame";

const secret = process.env.AUTH_SECRET!;
const page = (cookie?: string) =>
  new NextRequest("http://koza.test/assignments/abc", { headers: cookie ? { cookie: `${FRAME_COOKIE}=${cookie}` } : {} });

describe("framing after an LTI launch", () => {
  it("a signed frame cookie lets exactly its origins frame the page, without X-Frame-Options", async () => {
    const cookie = await signFrameOrigins(["https://lms.example", "https://school.example:8443"], secret);
    const res = await proxy(page(cookie));
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors https://lms.example https://school.example:8443");
    expect(csp).toContain("default-src 'self'");
    expect(res.headers.get("x-frame-options")).toBeNull();
  });

  it("a tampered or foreign cookie gets frame-ancestors 'none'", async () => {
    const cookie = await signFrameOrigins(["https://lms.example"], secret);
    const [body, mac] = cookie.split(".");
    const evil = Buffer.from(JSON.stringify(["https://evil.example"])).toString("base64url");
    for (const bad of [
      `${evil}.${mac}`,
      `${body}.x${mac!.slice(1)}`,
      await signFrameOrigins(["https://lms.example"], "another-secret"),
      "junk",
    ]) {
      expect(await verifyFrameOrigins(bad, secret)).toEqual([]);
      const res = await proxy(page(bad));
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("without the cookie the proxy adds nothing and next.config keeps frame-ancestors 'none' and DENY; /api/lti sets its own", async () => {
    const res = await proxy(page());
    expect(res.headers.get("content-security-policy")).toBeNull();
    const rules = await nextConfig.headers!();
    const plain = rules.filter((r) => r.missing?.some((m) => m.type === "cookie" && m.key === FRAME_COOKIE));
    expect(plain.map((r) => r.source)).toEqual(["/", "/:path((?!api/lti/).+)"]);
    for (const r of plain) {
      expect(r.headers.find((h) => h.key === "Content-Security-Policy")!.value).toContain("frame-ancestors 'none'");
      expect(r.headers.find((h) => h.key === "X-Frame-Options")!.value).toBe("DENY");
    }
    const framed = rules.filter((r) => r.has?.some((m) => m.type === "cookie" && m.key === FRAME_COOKIE));
    for (const r of framed) expect(r.headers.map((h) => h.key)).not.toContain("Content-Security-Policy");
  });
});
