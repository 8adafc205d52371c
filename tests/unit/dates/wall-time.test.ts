import { describe, expect, it } from "vitest";
import { isKnownTimeZone, wallTimeToInstant } from "@/lib/dates/wall-time";

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("wallTimeToInstant: a due date typed as wall-clock time in the instructor's zone", () => {
  it("reads ordinary times in the zone, seconds optional", () => {
    expect(iso(wallTimeToInstant("2026-01-15T09:30", "Asia/Tokyo"))).toBe("2026-01-15T00:30:00.000Z");
    expect(iso(wallTimeToInstant("2026-07-01T12:00:30", "UTC"))).toBe("2026-07-01T12:00:30.000Z");
  });

  it("moves a time in the spring-forward gap forward by the jump, in both zones (never earlier)", () => {
    // New York jumps 02:00 → 03:00 on 8 March 2026: 02:30 does not exist and means 03:30 EDT (UTC−4).
    expect(iso(wallTimeToInstant("2026-03-08T02:30", "America/New_York"))).toBe("2026-03-08T07:30:00.000Z");
    // Berlin jumps 02:00 → 03:00 on 29 March 2026: 02:30 means 03:30 CEST (UTC+2).
    expect(iso(wallTimeToInstant("2026-03-29T02:30", "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
  });

  it("takes the first of the two times in the fall-back overlap, in both zones", () => {
    // New York repeats 01:00–02:00 on 1 November 2026: 01:30 is the first one, still EDT (UTC−4).
    expect(iso(wallTimeToInstant("2026-11-01T01:30", "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
    // Berlin repeats 02:00–03:00 on 25 October 2026: 02:30 is the first one, still CEST (UTC+2).
    expect(iso(wallTimeToInstant("2026-10-25T02:30", "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses text that is not a real calendar time", () => {
    for (const bad of ["2026-02-30T10:00", "2026-13-01T10:00", "2026-01-01T24:00", "2026-01-01 10:00", "tomorrow", ""])
      expect(wallTimeToInstant(bad, "UTC")).toBeNull();
  });

  it("knows real zones and refuses made-up ones", () => {
    expect(isKnownTimeZone("Asia/Tokyo")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
