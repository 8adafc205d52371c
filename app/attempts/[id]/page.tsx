import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/lib/dal/viewer";
import { getAttemptForViewer } from "@/lib/dal/attempts";
import { NotFoundError } from "@/lib/dal/errors";
import { AttemptRunner } from "@/app/_components/attempt-runner";
import { AttemptReview } from "@/app/_components/attempt-review";
import { parseRouteId } from "@/lib/validation/route-params";

export const metadata = { title: "Attempt" };

export default async function AttemptPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/attempts/${id}`)}`);
  const attempt = await getAttemptForViewer(viewer, id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">
        {attempt.quizTitle}
        {attempt.kind === "review" && <span className="text-stone-500 dark:text-stone-400"> — review</span>}
      </h1>
      {attempt.kind === "taking" ? <AttemptRunner attempt={attempt} /> : <AttemptReview attempt={attempt} />}
    </div>
  );
}
