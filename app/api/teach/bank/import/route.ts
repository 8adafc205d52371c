// POST a GIFT or Moodle XML file (multipart: file, bankId or "new" with newBankName, format?, defaultTopic?, apply?,
// fingerprint?): the import report as JSON, and with apply=1 the import itself, in one transaction. The file goes to
// this route handler, not a server action, because a bank with images is far larger than a server action accepts.
import { BankFileError } from "@/lib/bank-formats";
import { applyBankImport, previewBankImport, previewImportIntoNewBank } from "@/lib/dal/bank-import";
import { NotFoundError, UserError } from "@/lib/dal/errors";
import { AccessError, getViewer } from "@/lib/dal/viewer";
import { MAX_IMPORT_BYTES } from "@/lib/quiz/limits";
import { BodyTooLargeError, readLimitedBody } from "@/lib/security/limited-body";

export const dynamic = "force-dynamic";

/** Multipart overhead (boundaries, the small fields) allowed on top of the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
const TOO_LARGE = `The file is too large: one import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it and import the parts.`;

function fail(status: number, error: string): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return fail(401, "Please sign in first.");
  let form: FormData;
  try {
    const body = await readLimitedBody(request, MAX_IMPORT_BYTES + ENVELOPE_BYTES);
    form = await new Response(body as BodyInit, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch (error) {
    if (error instanceof BodyTooLargeError) return fail(413, TOO_LARGE);
    return fail(400, "Send the file as a form upload (multipart/form-data).");
  }
  const file = form.get("file");
  const bankId = String(form.get("bankId") ?? "");
  if (!(file instanceof Blob) || file.size === 0) return fail(400, "Choose a GIFT or Moodle XML file to import.");
  if (file.size > MAX_IMPORT_BYTES) return fail(413, TOO_LARGE);
  if (!/^[\w-]{1,64}$/.test(bankId)) return fail(400, "Choose the bank to import into.");
  const fileName = file instanceof File ? file.name : "";
  const formatField = String(form.get("format") ?? "");
  const format = formatField === "gift" || formatField === "moodle-xml" ? formatField : /\.xml$/i.test(fileName) ? "moodle-xml" : "gift";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return fail(422, "The file is not UTF-8 text. Save it as UTF-8 (Moodle's exports are) and try again.");
  }
  // bankId "new" imports into a bank created under newBankName, with the questions, in one transaction.
  const newBankName = bankId === "new" ? String(form.get("newBankName") ?? "") : undefined;
  const input = {
    bankId: newBankName === undefined ? bankId : "",
    format,
    text,
    defaultTopic: String(form.get("defaultTopic") ?? "") || null,
  } as const;
  try {
    if (form.get("apply") === "1") {
      const expectedFingerprint = String(form.get("fingerprint") ?? "") || null;
      const result = await applyBankImport(viewer, { ...input, newBankName, expectedFingerprint });
      return Response.json({ ok: true, applied: true, ...result }, { headers: { "Cache-Control": "no-store" } });
    }
    const report =
      newBankName === undefined ? await previewBankImport(viewer, input) : await previewImportIntoNewBank(viewer, newBankName, input);
    return Response.json({ ok: true, applied: false, report }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof BankFileError) return fail(422, error.message);
    if (error instanceof UserError) return fail(409, error.message);
    if (error instanceof NotFoundError || error instanceof AccessError) return fail(404, "That question bank was not found.");
    console.error("bank import failed", error);
    return fail(500, "The import failed on the server; nothing was imported.");
  }
}
