// Owns turning a wall-clock time typed in a time zone ("2026-03-08T02:30" in America/New_York) into an instant, with
// daylight-saving edges resolved by Temporal's rules rather than by hand-written offset arithmetic.
//
// The rule ("compatible", as calendars and RFC 5545 do it): a time that does not exist because the clocks jumped
// forward is moved forward by the jump (02:30 on spring-forward night is 03:30); a time that happens twice because the
// clocks went back is the first of the two (01:30 before the change). The same in every zone.
import { Temporal } from "temporal-polyfill";

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** True for an IANA zone name the runtime knows ("Asia/Tokyo", "UTC"). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/** "2026-03-01T09:30" (seconds optional) in `zone` → the instant; null for text that is not a real calendar time. */
export function wallTimeToInstant(local: string, zone: string): Date | null {
  const m = WALL_TIME.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  let wall: Temporal.PlainDateTime;
  try {
    wall = Temporal.PlainDateTime.from({ year, month, day, hour, minute, second }, { overflow: "reject" });
  } catch {
    return null; // 31 February, 24:00 and the like
  }
  return new Date(wall.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
}
