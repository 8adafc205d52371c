// Types for compress-responses.mjs (plain JavaScript, loaded by scripts/serve.mjs before Next).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare function compressResponses(req: IncomingMessage, res: ServerResponse): void;
