// Owns the next-auth route handlers mounted at /api/auth/*.
import { handlers } from "./config";
export const { GET, POST } = handlers;
