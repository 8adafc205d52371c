import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { JoinClassForm } from "@/app/_components/class-forms";
import { getJoinPreview } from "@/lib/dal/classes";
import { NotFoundError } from "@/lib/dal/errors";
import { getViewer } from "@/lib/dal/viewer";
import { parseJoinCodeParam } from "@/lib/validation/route-params";

export const metadata = { title: "Join a class" };

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const code = parseJoinCodeParam((await params).code);
  if (!code) notFound();
  const viewer = await getViewer();
  const preview = await getJoinPreview(viewer, code).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  const next = encodeURIComponent(`/join/${code}`);
  if (!preview)
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">Join a class</h1>
        <p>That join code does not match a class, or joining the class is turned off. Check the link with your instructor.</p>
      </div>
    );
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Join {preview.name}</h1>
      {preview.term && <p className="text-stone-600 dark:text-stone-300">{preview.term}</p>}
      {!viewer ? (
        <p>
          <Link href={`/signin?next=${next}`}>Sign in</Link> or <Link href={`/signup?next=${next}`}>create an account</Link> to join this
          class.
        </p>
      ) : preview.teaches ? (
        <p>You teach this class, so you cannot join it as a student.</p>
      ) : (
        // One component either way, so a re-render of this page right after joining (the time-zone sync refreshes it)
        // keeps the form's "You joined" state and its move to the dashboard, instead of swapping in "already in".
        <JoinClassForm code={preview.code} className={preview.name} alreadyJoined={preview.alreadyJoined} />
      )}
    </div>
  );
}
