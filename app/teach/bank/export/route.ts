import { getViewer } from "@/lib/dal/viewer";
import { exportBankYaml } from "@/lib/dal/bank";
import { AccessError } from "@/lib/dal/viewer";

export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Please sign in first.\n", { status: 401 });
  const topic = new URL(request.url).searchParams.get("topic") ?? "";
  if (!/^[a-z0-9-]{1,80}$/.test(topic)) return new Response("Not found.\n", { status: 404 });
  try {
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
