"use client";
// Tells the server the browser's time zone once per session when it differs from the one on the account, then
// re-renders so dates appear in it (lib/dates/format.ts renders them on the server). Renders nothing.
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { saveTimeZoneAction } from "@/lib/actions/account";

const SENT_KEY = "koza.timeZoneSent";

export function TimeZoneSync({ stored }: { stored: string | null }) {
  const router = useRouter();
  useEffect(() => {
    let zone: string | undefined;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (!zone || zone === stored) return;
    try {
      if (sessionStorage.getItem(SENT_KEY) === zone) return;
      sessionStorage.setItem(SENT_KEY, zone);
    } catch {
      // Storage may be off; sending once per page load is still fine.
    }
    saveTimeZoneAction({ timeZone: zone })
      .then((r) => {
        if (r.ok && r.data.changed) router.refresh();
      })
      .catch(() => undefined);
  }, [stored, router]);
  return null;
}
