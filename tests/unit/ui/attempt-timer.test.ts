// The attempt timer speaks only at thresholds: every 5 minutes, each of the last 5 minutes, and at 30 seconds.
import { describe, expect, it } from "vitest";
import { announcementFor, isWarningTime } from "@/app/_components/attempt-timer";

describe("announcementFor", () => {
  it("announces every 5 minutes, each minute in the last 5, and at 30 seconds", () => {
    expect(announcementFor(20 * 60)).toBe("20 minutes left.");
    expect(announcementFor(10 * 60)).toBe("10 minutes left.");
    expect(announcementFor(5 * 60)).toBe("5 minutes left.");
    expect(announcementFor(4 * 60)).toBe("4 minutes left.");
    expect(announcementFor(60)).toBe("1 minute left.");
    expect(announcementFor(30)).toBe("30 seconds left.");
  });

  it("stays silent between thresholds, so screen readers are not flooded", () => {
    const spoken = Array.from({ length: 30 * 60 }, (_, i) => announcementFor(i + 1)).filter(Boolean);
    // 30 min … 5 min in 5-minute steps (6), 4…1 minutes (4), 30 seconds (1).
    expect(spoken).toHaveLength(11);
    expect(announcementFor(7 * 60)).toBeNull();
    expect(announcementFor(59)).toBeNull();
    expect(announcementFor(0)).toBeNull();
  });
});

describe("isWarningTime", () => {
  it("is not a warning from the first second of a 5-minute quiz: only the last minute", () => {
    expect(isWarningTime(299, 300)).toBe(false);
    expect(isWarningTime(61, 300)).toBe(false);
    expect(isWarningTime(60, 300)).toBe(true);
  });

  it("warns for the last 10% of a long quiz", () => {
    expect(isWarningTime(6 * 60 + 1, 60 * 60)).toBe(false);
    expect(isWarningTime(6 * 60, 60 * 60)).toBe(true);
    // Without a known start: the last minute.
    expect(isWarningTime(61, 0)).toBe(false);
    expect(isWarningTime(60, 0)).toBe(true);
  });
});
