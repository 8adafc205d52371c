import { Suspense } from "react";
import { SectionSkeleton } from "@/app/_components/skeleton";
import { AssignmentsSection } from "../_components/assignments-section";
import { ClassFrame, loadClass } from "../_components/class-frame";
import { ROSTER_PAGE_SIZE, rosterPageParam } from "../_components/roster-page";

export const metadata = { title: "Class assignments" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ClassAssignmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams?: SearchParams;
}) {
  const page = rosterPageParam((await searchParams) ?? {});
  const { viewer, detail } = await loadClass((await params).id, "assignments", { page, size: ROSTER_PAGE_SIZE });
  return (
    <ClassFrame detail={detail} tab="assignments">
      <Suspense fallback={<SectionSkeleton label="Loading the assignments…" lines={8} />}>
        <AssignmentsSection viewer={viewer} classId={detail.id} students={detail.students} studentCount={detail.studentCount} />
      </Suspense>
    </ClassFrame>
  );
}
