// Checks the response schemas: accepted shapes, size bounds, id formats.
import { describe, expect, it } from "vitest";
import { ClientResponseSchema, ResponseSchema } from "@/lib/grading/response";
import { MAX_RESPONSE_ITEMS, MAX_RESPONSE_TEXT } from "@/lib/quiz/limits";
import { emptyResponse } from "@/lib/grading";
import { QUESTION_TYPES } from "@/lib/content/schema";

describe("ResponseSchema (content ids)", () => {
  it.each([
    { type: "single", optionId: "opt-a" },
    { type: "single", optionId: null },
    { type: "multiple", optionIds: [] },
    { type: "multiple", optionIds: ["a", "b"] },
    { type: "truefalse", value: false },
    { type: "truefalse", value: null },
    { type: "numeric", text: "240 yen" },
    { type: "short", text: "Plaza Accord" },
    { type: "ordering", order: ["ev-a", "ev-b"] },
    { type: "matching", pairs: { "pair-a": "pair-b", "pair-b": null, "pair-c": "distractor:0" } },
  ])("accepts %j", (value) => {
    expect(ResponseSchema.parse(value)).toEqual(value);
  });

  it("accepts text of exactly the maximum length and refuses one character more", () => {
    expect(ResponseSchema.safeParse({ type: "short", text: "x".repeat(MAX_RESPONSE_TEXT) }).success).toBe(true);
    expect(ResponseSchema.safeParse({ type: "short", text: "x".repeat(MAX_RESPONSE_TEXT + 1) }).success).toBe(false);
    expect(ResponseSchema.safeParse({ type: "numeric", text: "9".repeat(MAX_RESPONSE_TEXT + 1) }).success).toBe(false);
  });

  it("refuses oversized id lists and matching records", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);
    expect(ResponseSchema.safeParse({ type: "multiple", optionIds: ids(MAX_RESPONSE_ITEMS) }).success).toBe(true);
    expect(ResponseSchema.safeParse({ type: "multiple", optionIds: ids(MAX_RESPONSE_ITEMS + 1) }).success).toBe(false);
    expect(ResponseSchema.safeParse({ type: "ordering", order: ids(MAX_RESPONSE_ITEMS + 1) }).success).toBe(false);
    const pairs = (n: number) => Object.fromEntries(ids(n).map((id) => [id, null]));
    expect(ResponseSchema.safeParse({ type: "matching", pairs: pairs(MAX_RESPONSE_ITEMS) }).success).toBe(true);
    expect(ResponseSchema.safeParse({ type: "matching", pairs: pairs(MAX_RESPONSE_ITEMS + 1) }).success).toBe(false);
  });

  it.each([
    { type: "single", optionId: "Opt-A" },
    { type: "single", optionId: "" },
    { type: "single", optionId: "x".repeat(65) },
    { type: "single" },
    { type: "multiple", optionIds: "a" },
    { type: "truefalse", value: "true" },
    { type: "numeric", text: 240 },
    { type: "ordering", order: [1, 2] },
    { type: "matching", pairs: { "pair-a": 3 } },
    { type: "matching", pairs: { "not an id": "pair-a" } },
    { type: "essay", text: "hi" },
    null,
    "single",
  ])("refuses %j", (value) => {
    expect(ResponseSchema.safeParse(value).success).toBe(false);
  });

  it("never lets a __proto__ key in a matching record change the parsed object's prototype", () => {
    const parsed = ResponseSchema.safeParse(JSON.parse('{"type":"matching","pairs":{"__proto__":{"polluted":"yes"}}}'));
    // Rejecting or stripping the key are both fine; what must not happen is a swapped prototype.
    const pairs = parsed.success && parsed.data.type === "matching" ? parsed.data.pairs : {};
    expect(Object.getPrototypeOf(pairs)).toBe(Object.prototype);
    expect(Object.keys(pairs)).toEqual([]);
    expect((pairs as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("ClientResponseSchema (opaque ids)", () => {
  it("accepts 8-character base36 ids", () => {
    expect(ClientResponseSchema.safeParse({ type: "single", optionId: "0a1b2c3d" }).success).toBe(true);
    expect(ClientResponseSchema.safeParse({ type: "matching", pairs: { "0a1b2c3d": "zzzzzzzz" } }).success).toBe(true);
  });

  it("refuses content ids and malformed tokens", () => {
    for (const id of ["opt-a", "a", "0a1b2c3", "0a1b2c3d4", "0A1B2C3D", "0a1b-c3d"]) {
      expect(ClientResponseSchema.safeParse({ type: "single", optionId: id }).success, id).toBe(false);
    }
  });
});

describe("emptyResponse", () => {
  it("returns a schema-valid response of each type", () => {
    for (const type of QUESTION_TYPES) {
      const empty = emptyResponse(type);
      expect(empty.type).toBe(type);
      expect(ResponseSchema.safeParse(empty).success).toBe(true);
    }
  });
});
