import { getViewer } from "@/lib/dal/viewer";
import { exportBankYaml } from "@/lib/dal/bank";
import { exportQuestionBank } from "@/lib/dal/bank-import";
import { EXPORT_FORMATS, type BankFormat } from "@/lib/bank-formats";
import { AccessError } from "@/lib/dal/viewer";

// ?topic=slug: one topic of the course's content as the YAML authors edit. ?format=gift|moodle-xml|qti3: the course's
// content questions (every topic) in that exchange format.
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Please sign in first.\n", { status: 401 });
  const params = new URL(request.url).searchParams;
  const format = params.get("format");
  try {
    if (format !== null) {
      if (!(EXPORT_FORMATS as readonly string[]).includes(format))
        return new Response("Choose a format: gift, moodle-xml or qti3.\n", { status: 400 });
      const result = await exportQuestionBank(viewer, "content", format as BankFormat);
      return new Response(result.body as BodyInit, {
        headers: {
          "Content-Type": result.contentType,
          "Content-Disposition": `attachment; filename="${result.fileName}"`,
          "Cache-Control": "no-store",
        },
      });
    }
    const topic = params.get("topic") ?? "";
    if (!/^[a-z0-9-]{1,80}$/.test(topic)) return new Response("Not found.\n", { status: 404 });
    const yaml = await exportBankYaml(viewer, topic);
    if (!yaml) return new Response("Not found.\n", { status: 404 });
    return new Response(yaml, {
      headers: {
        "Content-Type": "application/yaml; charset=utf-8",
        "Content-Disposition": `attachment; filename="${topic}.yaml"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AccessError) return new Response("Not found.\n", { status: 404 });
    throw error;
  }
}
