// GET: one stored bank image (lib/dal/bank-images.ts decides who may see it). Served only as the raster type its own
// bytes say (never SVG), with nosniff and a CSP that allows nothing, so a stored file can never run as a page.
import { sniffImage } from "@/lib/bank-formats/images";
import { readBankImage } from "@/lib/dal/bank-images";
import { NotFoundError } from "@/lib/dal/errors";
import { AccessError, getViewer } from "@/lib/dal/viewer";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found.\n", { status: 404, headers: { "Cache-Control": "no-store" } });

export async function GET(_request: Request, { params }: { params: Promise<{ imageId: string }> }): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return new Response("Please sign in first.\n", { status: 401, headers: { "Cache-Control": "no-store" } });
  const { imageId } = await params;
  try {
    const image = await readBankImage(viewer, imageId);
    const mime = sniffImage(image.bytes);
    if (!mime) return notFound();
    return new Response(image.bytes as BodyInit, {
      headers: {
        "Content-Type": mime,
        "Content-Length": String(image.bytes.length),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        // The bytes behind an id never change; private: a shared cache must not serve one learner's access to another.
        "Cache-Control": "private, max-age=86400, immutable",
        "Cross-Origin-Resource-Policy": "same-origin",
      },
    });
  } catch (error) {
    if (error instanceof AccessError || error instanceof NotFoundError) return notFound();
    throw error;
  }
}
