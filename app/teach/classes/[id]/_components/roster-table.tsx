// The class roster: who joined, when, their time accommodation, and a remove button with a confirm step.
import Link from "@/app/_components/link";
import { RemoveStudentButton } from "@/app/_components/class-forms";
import { When } from "@/app/_components/when";
import { DataTable } from "@/app/_components/data-table";
import type { RosterEntryDTO } from "@/lib/dal/classes";

export function RosterTable({
  classId,
  students,
  studentCount,
  page,
  pageCount,
  pageHref,
  zone,
}: {
  classId: string;
  /** The viewer's time zone: join dates read in it. */
  zone: string | null | undefined;
  /** One page of the roster, by name. */
  students: RosterEntryDTO[];
  studentCount: number;
  page: number;
  pageCount: number;
  /** The class page's URL with this roster page (other parameters, such as the score table's, kept). */
  pageHref: (page: number) => string;
}) {
  return (
    <section aria-labelledby="roster-heading" className="flex flex-col gap-3">
      <h2 id="roster-heading" className="text-xl font-semibold">
        Students ({studentCount})
      </h2>
      {students.length === 0 ? (
        <p>No students yet. Share the join link from the Overview tab.</p>
      ) : (
        <div>
          <DataTable
            size="base"
            caption="Students in this class"
            columns={[
              { label: "Name" },
              { label: "Email" },
              { label: "Joined" },
              { label: "Extra time" },
              { label: "Progress" },
              { label: <span className="sr-only">Actions</span> },
            ]}
          >
            {students.map((s) => (
              <tr key={s.userId}>
                <th scope="row" className="font-medium">
                  {s.name}
                </th>
                <td>{s.email}</td>
                <td>
                  <When date={s.joinedAt} now={s.joinedAt} zone={zone} style="date" />
                </td>
                <td>{s.accommodationFactor === 1 ? "none" : `× ${s.accommodationFactor}`}</td>
                <td>
                  <Link href={`/teach/classes/${classId}/students/${s.userId}/progress`} prefetch={false}>
                    Mastery<span className="sr-only"> of {s.name}</span>
                  </Link>{" "}
                  ·{" "}
                  <Link href={`/teach/classes/${classId}/students/${s.userId}`} prefetch={false}>
                    Attempts<span className="sr-only"> of {s.name}</span>
                  </Link>
                </td>
                <td>
                  <RemoveStudentButton classId={classId} studentId={s.userId} studentName={s.name} />
                </td>
              </tr>
            ))}
          </DataTable>
          {pageCount > 1 && (
            <nav aria-label="Roster pages" className="mt-2 flex flex-wrap items-center gap-3 text-sm">
              {page > 1 ? (
                <Link href={pageHref(page - 1)} scroll={false} prefetch={false}>
                  Previous<span className="sr-only"> roster page</span>
                </Link>
              ) : null}
              <span aria-current="page">
                Roster page {page} of {pageCount}
              </span>
              {page < pageCount ? (
                <Link href={pageHref(page + 1)} scroll={false} prefetch={false}>
                  Next<span className="sr-only"> roster page</span>
                </Link>
              ) : null}
            </nav>
          )}
        </div>
      )}
    </section>
  );
}
