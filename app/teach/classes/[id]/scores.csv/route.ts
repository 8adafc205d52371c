// The full per-topic score table of one class as CSV (every student, every column), for the class's instructors.
import { notFound, redirect } from "next/navigation";
import Papa from "papaparse";
import { NotFoundError } from "@/lib/dal/errors";
import { SCORE_STATUS_LABELS, formatPercentCell, getClassScoreTable } from "@/lib/dal/scores";
import { parseRouteId } from "@/lib/validation/route-params";
import { getViewer, isInstructor } from "@/lib/dal/viewer";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}`)}`);
  if (!isInstructor(viewer)) notFound();
  const table = await getClassScoreTable(viewer, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!table) notFound();
  const fields = ["Name", "Email", ...table.topics.map((t) => `${t.title} (%)`), "Overall (%)", "Attempts used", "Last activity", "Status"];
  const data = table.rows.map((r) => [
    r.name,
    r.email,
    ...table.topics.map((t) => formatPercentCell(r.topicPercents[t.slug])),
    formatPercentCell(r.overallPercent),
    String(r.attemptsUsed),
    r.lastActivity ?? "",
    SCORE_STATUS_LABELS[r.status],
  ]);
  // escapeFormulae: a student named "=HYPERLINK(…)" must not become a formula in a spreadsheet.
  const csv = Papa.unparse({ fields, data }, { escapeFormulae: true });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="class-${id}-scores.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
