import { describe, expect, it } from "vitest";
import { safeText, unsafeTextProblem } from "@/lib/validation/text";
import { parseJoinCodeParam, parseRouteId, parseSlug } from "@/lib/validation/route-params";

describe("unsafeTextProblem", () => {
  it("accepts ordinary text in any script, emoji (surrogate pairs) included", () => {
    for (const ok of ["Plaza Accord", "円高 1985", "Çağlar Öztürk", "😀 done", "a—b “quoted”", ""])
      expect(unsafeTextProblem(ok)).toBeNull();
  });

  it("refuses NUL and every other C0/C1 control, DEL, lone surrogates and U+FFFE/U+FFFF", () => {
    const bad = [
      "a\u0000b",
      "\u0001",
      "\u001b[31m",
      "x\u007f",
      "\u0085",
      "\u009f",
      "\ud800",
      "x\udfff",
      "\udc00\ud800",
      "\ufffe",
      "\uffff",
    ];
    for (const s of bad) expect(unsafeTextProblem(s), JSON.stringify(s)).toMatch(/control characters/);
  });

  it("allows line breaks and tabs only where multi-line text is allowed", () => {
    expect(unsafeTextProblem("a\nb")).not.toBeNull();
    expect(unsafeTextProblem("a\tb")).not.toBeNull();
    expect(unsafeTextProblem("a\nb\tc\r\n", { multiline: true })).toBeNull();
    expect(unsafeTextProblem("a\n\u0000", { multiline: true })).not.toBeNull();
    expect(unsafeTextProblem("a\u000bb", { multiline: true })).not.toBeNull();
  });
});

describe("safeText", () => {
  it("chains with trim/min/max and reports the problem as an issue", () => {
    const schema = safeText().trim().min(1).max(10);
    expect(schema.parse("  ok  ")).toBe("ok");
    const r = schema.safeParse("ok\u0000");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/control characters/);
  });
});

describe("route params", () => {
  it("pass ids, slugs and join codes of the right shape and nothing else", () => {
    expect(parseRouteId("cmb1x2y3z0000abcd")).toBe("cmb1x2y3z0000abcd");
    expect(parseSlug("plaza-accord")).toBe("plaza-accord");
    expect(parseJoinCodeParam("ABCD-EFGH-JK")).toBe("ABCD-EFGH-JK");
    for (const bad of ["", "\u0000", "%00", "%ZZ", "%E0%A4%A", "\ud800", "a/b", "x".repeat(100_000), "a\nb"]) {
      expect(parseRouteId(bad)).toBeNull();
      expect(parseSlug(bad)).toBeNull();
      expect(parseJoinCodeParam(bad)).toBeNull();
    }
    expect(parseSlug("Plaza-Accord")).toBeNull();
    expect(parseRouteId(undefined)).toBeNull();
  });
});
