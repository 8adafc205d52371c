// The full per-topic score table of one class as CSV (every student, every column), for the class's instructors,
// streamed batch by batch so a class of 10,000 students never sits in memory as one string.
import { notFound, redirect } from "next/navigation";
import Papa from "papaparse";
import { NotFoundError } from "@/lib/dal/errors";
import { streamClassScoreRows, type StudentScoreRowDTO } from "@/lib/dal/score-table";
import { SCORE_STATUS_LABELS, formatPercentCell, scoreCsvHeader } from "@/lib/stats/score-format";
import { parseRouteId } from "@/lib/validation/route-params";
import { getViewer, isInstructor, type Viewer } from "@/lib/dal/viewer";
import { getClassForInstructor } from "@/lib/dal/classes";
import { scoresCsvFileName } from "@/lib/stats/score-format";

/** Named after the class and the day, in the viewer's zone; an ASCII fallback plus the UTF-8 name (RFC 6266). */
async function scoresCsvDisposition(viewer: Viewer, classId: string): Promise<string> {
  const { name } = await getClassForInstructor(viewer, classId, { page: 1, size: 1 });
  const file = scoresCsvFileName(name, new Date(), viewer.timeZone);
  return `attachment; filename="${file.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file)}`;
}

// escapeFormulae: a student named "=HYPERLINK(…)" must not become a formula in a spreadsheet.
const CSV_OPTIONS = { escapeFormulae: true, newline: "\r\n" } as const;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}`)}`);
  if (!isInstructor(viewer)) notFound();
  // Access is checked here, before the response starts: a stranger gets a 404, not a half-written file.
  const table = await streamClassScoreRows(viewer, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!table) notFound();
  const { topics, batches } = table;
  const fields = scoreCsvHeader(topics.map((t) => t.title));
  const cells = (r: StudentScoreRowDTO) => [
    r.name,
    r.email,
    ...topics.map((t) => formatPercentCell(r.topicPercents[t.slug])),
    formatPercentCell(r.overallPercent),
    String(r.attemptsUsed),
    r.lastActivity ?? "",
    SCORE_STATUS_LABELS[r.status],
  ];
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(Papa.unparse([fields], CSV_OPTIONS)));
    },
    // One batch per pull: the database is read only as fast as the client downloads.
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(CSV_OPTIONS.newline + Papa.unparse(next.value.map(cells), CSV_OPTIONS)));
      } catch (error) {
        console.error("scores.csv: streaming failed", error);
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": await scoresCsvDisposition(viewer, id),
      "cache-control": "private, no-store",
    },
  });
}
