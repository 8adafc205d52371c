// One way to show an instant on a page: text from lib/dates/format.ts in the viewer's zone, inside <time> with the
// machine-readable instant, and the full date and time as a tooltip when the text is relative.
import { formatDate, formatDateTime, formatWhen } from "@/lib/dates/format";

export function When({
  date,
  now,
  zone,
  style = "relative",
}: {
  date: Date;
  now: Date;
  zone: string | null | undefined;
  /** relative: "tomorrow, 11:59 PM"; datetime: "Dec 4, 2026, 3:05 PM"; date: "Dec 4, 2026". */
  style?: "relative" | "datetime" | "date";
}) {
  const full = formatDateTime(date, zone);
  const text = style === "relative" ? formatWhen(date, now, zone) : style === "date" ? formatDate(date, zone) : full;
  return (
    <time dateTime={date.toISOString()} title={text === full ? undefined : full}>
      {text}
    </time>
  );
}
