// GET ?format=gift|moodle-xml|qti3: one of the viewer's banks (or "content": the course's questions) as a file.
// With &report=1 the answer is the export report instead (JSON: what each question loses in that format); the file's
// response carries a one-line summary of it in the X-Koza-Export-Report header.
import { EXPORT_FORMATS, type BankFormat } from "@/lib/bank-formats";
import { exportQuestionBank } from "@/lib/dal/bank-import";
import { NotFoundError } from "@/lib/dal/errors";
import { AccessError, getViewer } from "@/lib/dal/viewer";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ bankId: string }> }): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return new Response("Please sign in first.\n", { status: 401 });
  const { bankId } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "gift";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    return new Response("Choose a format: gift, moodle-xml or qti3.\n", { status: 400 });
  if (!/^[\w-]{1,64}$/.test(bankId)) return new Response("Not found.\n", { status: 404 });
  try {
    const result = await exportQuestionBank(viewer, bankId, format as BankFormat);
    const lossy = result.report.filter((r) => r.lost.length > 0).length;
    if (new URL(request.url).searchParams.get("report") === "1")
      return Response.json({ fileName: result.fileName, report: result.report }, { headers: { "Cache-Control": "no-store" } });
    return new Response(result.body as BodyInit, {
      headers: {
        "Content-Type": result.contentType,
        "Content-Disposition": `attachment; filename="${result.fileName}"`,
        "X-Koza-Export-Report": `${result.report.length} questions; ${lossy} lose something in this format`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AccessError || error instanceof NotFoundError) return new Response("Not found.\n", { status: 404 });
    throw error;
  }
}
