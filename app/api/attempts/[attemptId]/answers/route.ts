// POST /api/attempts/:attemptId/answers — the attempt page's autosave ({ position, seq, response } as JSON). The same
// action as saveAnswerAction (lib/actions/attempts.ts), served as a route handler because it is the request an exam
// sends most (lib/actions/as-route.ts says why). Answers the ActionResult as JSON; overload is a 503 with Retry-After.
import { saveAnswerAction } from "@/lib/actions/attempts";
import { actionResultResponse, readJsonRequest } from "@/lib/actions/as-route";
import { SAVE_REQUEST_MAX_BYTES } from "@/lib/quiz/limits";

export async function POST(request: Request, { params }: { params: Promise<{ attemptId: string }> }): Promise<Response> {
  const read = await readJsonRequest(request, SAVE_REQUEST_MAX_BYTES);
  if ("refused" in read) return read.refused;
  const { attemptId } = await params;
  const body = read.body && typeof read.body === "object" && !Array.isArray(read.body) ? read.body : {};
  return actionResultResponse(await saveAnswerAction({ ...body, attemptId }));
}
