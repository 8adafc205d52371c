import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatRelative,
  formatTime,
  formatWhen,
  isStorableTimeZone,
  resolveTimeZone,
} from "@/lib/dates/format";

// 2026-12-01 23:30 UTC is already Dec 2, 8:30 AM in Tokyo and still Dec 1, 6:30 PM in New York.
const now = new Date("2026-12-01T23:30:00Z");

describe("dates in the viewer's zone", () => {
  it("writes the same instant in each viewer's own zone", () => {
    expect(formatDateTime(now, "Asia/Tokyo")).toBe("Dec 2, 2026, 8:30 AM");
    expect(formatDateTime(now, "America/New_York")).toBe("Dec 1, 2026, 6:30 PM");
    expect(formatTime(now, "Europe/Berlin")).toBe("12:30 AM");
    expect(formatDate(now, "Asia/Tokyo")).toBe("Dec 2, 2026");
  });

  it("says UTC when the zone is unknown, and never trusts a bad zone name", () => {
    expect(formatDateTime(now, null)).toBe("Dec 1, 2026, 11:30 PM UTC");
    expect(formatTime(now, "Not/AZone")).toBe("11:30 PM UTC");
    expect(formatTime(now, "UTC")).toBe("11:30 PM");
    expect(resolveTimeZone("Mars/Olympus")).toBe("UTC");
    expect(resolveTimeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
  });

  it("is relative to the viewer's own calendar day", () => {
    const dueNight = new Date("2026-12-03T04:59:00Z"); // Dec 2, 11:59 PM in New York; Dec 3, 1:59 PM in Tokyo
    expect(formatWhen(dueNight, now, "America/New_York")).toBe("tomorrow, 11:59 PM");
    expect(formatWhen(dueNight, now, "Asia/Tokyo")).toBe("tomorrow, 1:59 PM");
    expect(formatWhen(new Date("2026-12-01T23:45:00Z"), now, "America/New_York")).toBe("today, 6:45 PM");
    expect(formatWhen(new Date("2026-12-01T12:00:00Z"), now, "Asia/Tokyo")).toBe("yesterday, 9:00 PM");
    expect(formatWhen(new Date("2026-12-04T17:00:00Z"), now, "UTC")).toBe("Friday, 5:00 PM");
    expect(formatWhen(new Date("2026-12-20T17:00:00Z"), now, "UTC")).toBe("Dec 20, 5:00 PM");
    expect(formatWhen(new Date("2027-02-01T17:00:00Z"), now, "UTC")).toBe("Feb 1, 2027, 5:00 PM");
  });

  it("writes spans and relative times in words", () => {
    expect(formatRelative(new Date(now.getTime() + 5 * 60_000), now, "UTC")).toBe("in 5 minutes");
    expect(formatRelative(new Date(now.getTime() + 3 * 3_600_000), now, "UTC")).toBe("in 3 hours");
    expect(formatRelative(new Date(now.getTime() + 86_400_000), now, "UTC")).toBe("tomorrow");
    expect(formatRelative(new Date(now.getTime() + 30 * 86_400_000), now, "Asia/Tokyo")).toBe("on Jan 1, 2027");
    expect(formatDuration(25 * 60_000 + 59_000)).toBe("25 minutes");
    expect(formatDuration(65 * 60_000)).toBe("1 hour 5 minutes");
    expect(formatDuration(20_000)).toBe("less than a minute");
  });

  it("stores only real zone names", () => {
    expect(isStorableTimeZone("Asia/Tokyo")).toBe(true);
    expect(isStorableTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    for (const bad of ["", "Mars/Olympus", "Asia/Tokyo; DROP", "x".repeat(100), 42, null]) expect(isStorableTimeZone(bad)).toBe(false);
  });
});
