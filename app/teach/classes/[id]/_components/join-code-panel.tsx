// The join code and link students use, with the controls to replace the code or turn joining off.
import { headers } from "next/headers";
import { CopyField, JoinEnabledToggle, RegenerateJoinCodeButton } from "@/app/_components/class-forms";

/** The origin the instructor is using, so the link they copy works for students on the same site. */
async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export async function JoinCodePanel({ classId, joinCode, joinEnabled }: { classId: string; joinCode: string; joinEnabled: boolean }) {
  const link = `${await siteOrigin()}/join/${joinCode}`;
  return (
    <section aria-labelledby="join-heading" className="flex flex-col gap-4">
      <h2 id="join-heading" className="text-xl font-semibold">
        Joining
      </h2>
      <p>
        {joinEnabled
          ? "Students join by opening the link or entering the code. Anyone with the code can join while joining is on."
          : "Joining is off: the code and link do not work until you turn joining back on."}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <CopyField label="Join code" value={joinCode} />
        <CopyField label="Join link" value={link} />
      </div>
      <div className="flex flex-wrap gap-4">
        <JoinEnabledToggle classId={classId} joinEnabled={joinEnabled} />
        <RegenerateJoinCodeButton classId={classId} />
      </div>
    </section>
  );
}
