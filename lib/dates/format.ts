// Owns how every date a learner or instructor reads is written: one format, in the viewer's own time zone (stored on
// the account, read from their browser), relative where that is easier to read ("Due tomorrow, 11:59 PM"). Pure:
// pages pass the viewer's zone and "now". When the zone is not known yet, times are in UTC and say so.

/** Whether the runtime knows the zone. Intl only (no Temporal): this module also runs in the browser bundle. */
function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LOCALE = "en-US";
const MAX_ZONE_LENGTH = 64;

/** The zone to render in: a known IANA name, or "UTC" for anything else (absent, garbage, a zone this runtime lacks). */
export function resolveTimeZone(zone: string | null | undefined): string {
  return zone && zone.length <= MAX_ZONE_LENGTH && isKnownTimeZone(zone) ? zone : "UTC";
}

/** A zone name a browser may report and we may store: a known IANA name of sane length. */
export function isStorableTimeZone(zone: unknown): zone is string {
  return (
    typeof zone === "string" &&
    zone.length > 0 &&
    zone.length <= MAX_ZONE_LENGTH &&
    /^[A-Za-z0-9_+\-/]+$/.test(zone) &&
    isKnownTimeZone(zone)
  );
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

/** Calendar-day index (days since epoch) of an instant as seen in `zone`: to tell today, tomorrow, yesterday. */
function dayNumber(at: Date, zone: string): number {
  const parts = formatter(zone, { year: "numeric", month: "numeric", day: "numeric" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Math.floor(Date.UTC(get("year"), get("month") - 1, get("day")) / 86_400_000);
}

/** " UTC" after a time when the viewer's zone is unknown, so nobody mistakes it for their local time. */
function zoneNote(zone: string | null | undefined): string {
  return resolveTimeZone(zone) === "UTC" && zone !== "UTC" ? " UTC" : "";
}

/** "3:05 PM" in the viewer's zone. */
export function formatTime(at: Date, zone: string | null | undefined): string {
  return formatter(resolveTimeZone(zone), { hour: "numeric", minute: "2-digit" }).format(at) + zoneNote(zone);
}

/** "Dec 4, 2026" in the viewer's zone. */
export function formatDate(at: Date, zone: string | null | undefined): string {
  return formatter(resolveTimeZone(zone), { year: "numeric", month: "short", day: "numeric" }).format(at);
}

/** "Dec 4, 2026, 3:05 PM" in the viewer's zone: the absolute form, for tooltips and places with no "now". */
export function formatDateTime(at: Date, zone: string | null | undefined): string {
  return (
    formatter(resolveTimeZone(zone), { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(at) +
    zoneNote(zone)
  );
}

/**
 * Relative to `now` where that reads better: "today, 3:05 PM", "tomorrow, 11:59 PM", "yesterday, 9:00 AM",
 * "Friday, 5:00 PM" within the coming week, "Dec 4, 3:05 PM" this year, else the full date and time.
 */
export function formatWhen(at: Date, now: Date, zone: string | null | undefined): string {
  const z = resolveTimeZone(zone);
  const days = dayNumber(at, z) - dayNumber(now, z);
  const time = formatTime(at, zone);
  if (days === 0) return `today, ${time}`;
  if (days === 1) return `tomorrow, ${time}`;
  if (days === -1) return `yesterday, ${time}`;
  if (days > 1 && days < 7) return `${formatter(z, { weekday: "long" }).format(at)}, ${time}`;
  const sameYear = formatter(z, { year: "numeric" }).format(at) === formatter(z, { year: "numeric" }).format(now);
  if (sameYear) return `${formatter(z, { month: "short", day: "numeric" }).format(at)}, ${time}`;
  return formatDateTime(at, zone);
}

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });

/** "in 5 minutes", "in 3 hours", "2 days ago" (Intl.RelativeTimeFormat); beyond a week, "on Dec 4, 2026". */
export function formatRelative(at: Date, now: Date, zone: string | null | undefined): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return seconds >= 0 ? "in less than a minute" : "less than a minute ago";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), "day");
  return `on ${formatDate(at, zone)}`;
}

/** "25 minutes", "1 hour 5 minutes": a remaining span, rounded down to whole minutes (never "0 minutes" while time is left). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (ms > 0 && minutes === 0) return "less than a minute";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (h === 0) return part(m, "minute");
  return m === 0 ? part(h, "hour") : `${part(h, "hour")} ${part(m, "minute")}`;
}
