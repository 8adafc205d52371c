import { notFound, redirect } from "next/navigation";
import { getClassForInstructor } from "@/lib/dal/classes";
import { NotFoundError } from "@/lib/dal/errors";
import { parseRouteId } from "@/lib/validation/route-params";
import { getViewer } from "@/lib/dal/viewer";
import { parseScoreTableQuery, scoreTableSearch } from "@/lib/stats/score-table-query";
import { AssignmentsSection } from "./_components/assignments-section";
import { ClassHeader } from "./_components/class-header";
import { CoInstructors } from "./_components/co-instructors";
import { JoinCodePanel } from "./_components/join-code-panel";
import { RosterTable } from "./_components/roster-table";
import { ScoreSection } from "./_components/score-section";

export const metadata = { title: "Class" };

/** Roster rows per page: with the score table's page, what keeps this page's HTML bounded at any class size. */
const ROSTER_PAGE_SIZE = 25;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ClassPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams?: SearchParams }) {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const search = (await searchParams) ?? {};
  const scoreQuery = parseScoreTableQuery(search);
  const rosterParam = Number.parseInt(String(Array.isArray(search.roster) ? search.roster[0] : (search.roster ?? "")), 10);
  const rosterPage = Number.isSafeInteger(rosterParam) && rosterParam >= 1 ? rosterParam : 1;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}`)}`);
  // No global-role check: an instructor from an LTI launch teaches this class only; the DAL scopes by that (issue 14).
  const detail = await getClassForInstructor(viewer, id, { page: rosterPage, size: ROSTER_PAGE_SIZE }).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!detail) notFound();
  const rosterHref = (page: number) => {
    const base = scoreTableSearch(scoreQuery);
    const roster = page > 1 ? `roster=${page}` : "";
    return `/teach/classes/${detail.id}${base}${roster ? `${base ? "&" : "?"}${roster}` : ""}#roster-heading`;
  };
  return (
    <div className="flex flex-col gap-10">
      <ClassHeader detail={detail} />
      <JoinCodePanel classId={detail.id} joinCode={detail.joinCode} joinEnabled={detail.joinEnabled} />
      <AssignmentsSection viewer={viewer} classId={detail.id} students={detail.students} studentCount={detail.studentCount} />
      <ScoreSection viewer={viewer} classId={detail.id} query={scoreQuery} />
      <RosterTable
        classId={detail.id}
        students={detail.students}
        studentCount={detail.studentCount}
        page={detail.rosterPage}
        pageCount={detail.rosterPageCount}
        pageHref={rosterHref}
      />
      <CoInstructors classId={detail.id} instructors={detail.instructors} />
    </div>
  );
}
