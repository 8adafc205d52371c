import { notFound, redirect } from "next/navigation";
import { getClassForInstructor } from "@/lib/dal/classes";
import { NotFoundError } from "@/lib/dal/errors";
import { parseRouteId } from "@/lib/validation/route-params";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import { AssignmentsSection } from "./_components/assignments-section";
import { ClassHeader } from "./_components/class-header";
import { CoInstructors } from "./_components/co-instructors";
import { JoinCodePanel } from "./_components/join-code-panel";
import { RosterTable } from "./_components/roster-table";
import { ScoreSection } from "./_components/score-section";

export const metadata = { title: "Class" };

export default async function ClassPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}`)}`);
  if (!isInstructor(viewer)) notFound();
  const detail = await getClassForInstructor(viewer, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!detail) notFound();
  return (
    <div className="flex flex-col gap-10">
      <ClassHeader detail={detail} />
      <JoinCodePanel classId={detail.id} joinCode={detail.joinCode} joinEnabled={detail.joinEnabled} />
      <AssignmentsSection viewer={viewer} classId={detail.id} students={detail.students} />
      <ScoreSection viewer={viewer} classId={detail.id} />
      <RosterTable classId={detail.id} students={detail.students} />
      <CoInstructors classId={detail.id} instructors={detail.instructors} />
    </div>
  );
}
