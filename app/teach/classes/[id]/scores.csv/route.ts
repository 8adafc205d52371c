// The full per-topic score table of one class as CSV (every student, every column), for the class's instructors,
// streamed batch by batch so a class of 10,000 students never sits in memory as one string.
import { notFound, redirect } from "next/navigation";
import Papa from "papaparse";
import { NotFoundError } from "@/lib/dal/errors";
import { streamClassScoreRows, type StudentScoreRowDTO } from "@/lib/dal/score-table";
import { SCORE_STATUS_LABELS, formatPercentCell, scoreCsvHeader } from "@/lib/stats/score-format";
import { parseRouteId } from "@/lib/validation/route-params";
import { getViewer, type Viewer } from "@/lib/dal/viewer";
import { getClassForInstructor } from "@/lib/dal/classes";
import { scoresCsvFileName } from "@/lib/stats/score-format";

/** Named after the class and the day, in the viewer's zone; an ASCII fallback plus the UTF-8 name (RFC 6266). */
async function scoresCsvDisposition(viewer: Viewer, classId: string): Promise<string> {
  const { name } = await getClassForInstructor(viewer, classId, { page: 1, size: 1 });
  const file = scoresCsvFileName(name, new Date(), viewer.timeZone);
  return `attachment; filename="${file.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file)}`;
}
import { getClassGradebook } from "@/lib/dal/gradebook";
import { GRADEBOOK_PRESETS, gradebookCsv, type GradebookPreset } from "@/lib/lti/gradebook-csv";

// escapeFormulae: a student named "=HYPERLINK(…)" must not become a formula in a spreadsheet.
const CSV_OPTIONS = { escapeFormulae: true, newline: "\r\n" } as const;

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}`)}`);
  // No global-role check: the DAL scopes by "teaches this class" (an instructor from an LTI launch has no global role).
  const preset = new URL(request.url).searchParams.get("preset");
  if (preset !== null) {
    if (!(GRADEBOOK_PRESETS as readonly string[]).includes(preset)) notFound();
    // A gradebook is one row per student and one column per assignment: small enough to build in one go.
    const book = await getClassGradebook(viewer, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!book) notFound();
    return new Response(gradebookCsv(book, preset as GradebookPreset), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="class-${id}-${preset}-gradebook.csv"`,
        "cache-control": "private, no-store",
      },
    });
  }
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
