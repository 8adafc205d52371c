// lib/db/json.ts: every JSON column is read through its schema. Authored data that does not fit is a one-line error
// naming the row; a saved response or a pending showing that does not fit reads as absent.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CorruptDataError,
  readGradeStatus,
  readPendingPresentation,
  readPresentation,
  readQuestion,
  readSavedResponse,
} from "@/lib/db/json";
import type { Prisma } from "@/lib/generated/prisma/client";
import { buildPresentation } from "@/lib/grading/presentation";
import { single } from "../grading/fixtures";
import { seededRandom } from "@/tests/support/seeded-random";

/** What the database hands back for a value written to a Json column. */
const stored = (value: unknown): Prisma.JsonValue => JSON.parse(JSON.stringify(value));

function errorOf(read: () => unknown): Error {
  try {
    read();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the read to fail");
}

describe("readers of authored data and presentations", () => {
  it("return the value as stored", () => {
    const presentation = buildPresentation(single, seededRandom(3));
    expect(readQuestion(stored(single), "v1")).toEqual(single);
    expect(readPresentation(stored(presentation), "item-1")).toEqual(presentation);
  });

  it.each([
    ["a question of an unknown type", () => readQuestion(stored({ ...single, type: "essay" }), "v1"), /^question version v1 /],
    ["a question without options", () => readQuestion(stored({ ...single, options: "none" }), "v2"), /question version v2 .* at options/],
    ["an empty presentation", () => readPresentation(stored({}), "item-9"), /^presentation of attempt item item-9 /],
    ["SQL NULL", () => readQuestion(null, "v3"), /^question version v3 /],
  ])("refuse %s with a one-line CorruptDataError naming the row", (_what, read, message) => {
    const error = errorOf(read);
    expect(error).toBeInstanceOf(CorruptDataError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });
});

describe("readers of saved answers, pending showings and grades", () => {
  afterEach(() => vi.restoreAllMocks());

  it("read NULL as absent without a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(readSavedResponse(null, "i")).toBeNull();
    expect(readPendingPresentation(null, "c")).toBeNull();
    expect(readGradeStatus(null, "i")).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });

  it("read a value that does not fit as absent, and log which row", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(readSavedResponse(stored({ type: "single", choice: 42 }), "item-7")).toBeNull();
    expect(readPendingPresentation(stored({ type: "nope" }), "card-2")).toBeNull();
    expect(readGradeStatus(stored({ status: "brilliant" }), "item-8")).toBeNull();
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining("saved response of attempt item item-7"),
      expect.stringContaining("pending presentation of review card card-2"),
      expect.stringContaining("grade of attempt item item-8"),
    ]);
  });

  it("read well-formed values", () => {
    expect(readSavedResponse(stored({ type: "truefalse", value: true }), "i")).toEqual({ type: "truefalse", value: true });
    expect(readGradeStatus(stored({ status: "partial", detail: { anything: 1 } }), "i")).toBe("partial");
  });
});
