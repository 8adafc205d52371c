// Redirect targets after sign-in: only same-origin paths survive; every hostile value falls back to /dashboard.
import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT, MAX_NEXT_LENGTH, safeNext, signInReason } from "@/lib/auth/safe-next";

// Each of these would leave the site (or break the Location header) in some browser if passed through.
const HOSTILE: [string, unknown][] = [
  ["protocol-relative", "//evil.example"],
  ["protocol-relative with path", "//evil.example/dashboard"],
  ["backslash (browsers read it as /)", "/\\evil.example"],
  ["backslash first", "\\\\evil.example"],
  ["tab stripped by browsers", "/\t/evil.example"],
  ["newline stripped by browsers", "/\n/evil.example"],
  ["CR LF (header injection)", "/\r\n/x"],
  ["CR LF with a header", "/dashboard\r\nSet-Cookie: a=b"],
  ["encoded tab", "/%09/evil.example"],
  ["encoded CR LF", "/%0d%0a/x"],
  ["encoded slash", "/%2F/evil.example"],
  ["encoded slash, upper", "/%2f%2fevil.example"],
  ["encoded backslash", "/%5Cevil.example"],
  ["ideographic space first", "\u3000/x"],
  ["ideographic space inside", "/\u3000/evil.example"],
  ["no-break space", "/\u00a0/evil.example"],
  ["zero-width space", "/\u200b/evil.example"],
  ["line separator", "/\u2028/x"],
  ["NUL", "/dash\u0000board"],
  ["DEL", "/\u007f/x"],
  ["plain space", "/ /evil.example"],
  ["leading space", " /dashboard"],
  ["absolute https", "https://evil.example"],
  ["absolute http, same-looking host", "http://koza.invalid/dashboard"],
  ["scheme-less host", "evil.example"],
  ["javascript:", "javascript:alert(1)"],
  ["data:", "data:text/html,<script>alert(1)</script>"],
  ["relative path", "dashboard"],
  ["dot segments into //", "/.//evil.example"],
  ["parent segments into //", "/a/..//evil.example"],
  ["malformed percent-encoding", "/%E0%A4%A"],
  ["very long", "/" + "a".repeat(MAX_NEXT_LENGTH)],
  ["empty", ""],
  ["not a string", 42],
  ["null", null],
  ["a File-like object", { name: "x" }],
];

const SAFE: [string, string, string][] = [
  ["plain path", "/dashboard", "/dashboard"],
  ["query and hash", "/dashboard?x=1#y", "/dashboard?x=1#y"],
  ["nested path", "/attempts/abc123", "/attempts/abc123"],
  ["root", "/", "/"],
  ["dot segments are normalised", "/learn/../dashboard", "/dashboard"],
  ["an encoded slash later in the query is fine", "/teach?back=%2F%2Fx", "/teach?back=%2F%2Fx"],
  ["non-ASCII path is percent-encoded", "/learn/é", "/learn/%C3%A9"],
];

describe("safeNext", () => {
  it.each(HOSTILE)("refuses %s", (_label, value) => {
    expect(safeNext(value)).toBe(DEFAULT_NEXT);
  });

  it.each(SAFE)("keeps %s", (_label, value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });

  it("never returns anything a browser could read as another origin", () => {
    for (const [, value] of HOSTILE) {
      const out = safeNext(value);
      expect(new URL(out, "https://koza.example").origin).toBe("https://koza.example");
      expect(out).not.toMatch(/[\u0000-\u001f\s\\]/);
    }
  });
});

describe("signInReason", () => {
  it("says where a signed-out visitor was going", () => {
    expect(signInReason("/dashboard")).toBe("Sign in to see your dashboard.");
    expect(signInReason("/teach/classes/abc/scores?q=1")).toBe("Sign in to open your class.");
    expect(signInReason("/teach")).toBe("Sign in to see your classes.");
    expect(signInReason("/attempts/c123")).toBe("Sign in to continue your attempt.");
  });

  it("says nothing for a plain sign-in, a public page or a hostile next", () => {
    expect(signInReason(undefined)).toBeNull();
    expect(signInReason("/learn/plaza-accord")).toBeNull();
    expect(signInReason("/dashboardx")).toBeNull();
    // An unsafe next falls back to the dashboard, which is where sign-in will go.
    expect(signInReason("//evil.example/dashboard")).toBe("Sign in to see your dashboard.");
  });
});
