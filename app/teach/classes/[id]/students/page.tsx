import { ClassFrame, loadClass } from "../_components/class-frame";
import { ROSTER_PAGE_SIZE, rosterPageParam } from "../_components/roster-page";
import { RosterTable } from "../_components/roster-table";

export const metadata = { title: "Class students" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ClassStudentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams?: SearchParams;
}) {
  const page = rosterPageParam((await searchParams) ?? {});
  const { viewer, detail } = await loadClass((await params).id, "students", { page, size: ROSTER_PAGE_SIZE });
  return (
    <ClassFrame detail={detail} tab="students">
      <RosterTable
        classId={detail.id}
        students={detail.students}
        studentCount={detail.studentCount}
        page={detail.rosterPage}
        pageCount={detail.rosterPageCount}
        pageHref={(n) => `/teach/classes/${detail.id}/students${n > 1 ? `?roster=${n}` : ""}`}
        zone={viewer.timeZone}
      />
    </ClassFrame>
  );
}
