import { Suspense } from "react";
import { SectionSkeleton } from "@/app/_components/skeleton";
import { AssignmentStatusTable } from "./_components/assignment-status";
import { ClassFrame, loadClass } from "./_components/class-frame";
import { JoinCodePanel } from "./_components/join-code-panel";

export const metadata = { title: "Class" };

/** Overview: how students join, and who has handed in what. The other tabs are sub-pages. */
export default async function ClassPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer, detail } = await loadClass((await params).id, "");
  return (
    <ClassFrame detail={detail} tab="">
      <JoinCodePanel classId={detail.id} joinCode={detail.joinCode} joinEnabled={detail.joinEnabled} />
      <Suspense fallback={<SectionSkeleton label="Loading who has handed in what…" />}>
        <AssignmentStatusTable viewer={viewer} classId={detail.id} now={new Date()} />
      </Suspense>
    </ClassFrame>
  );
}
