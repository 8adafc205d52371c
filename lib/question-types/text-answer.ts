// Owns what types answered without shown parts share (true/false, numeric, short text): nothing to shuffle or map.
import type { ClientResponseMapping } from "../grading/presentation";
import type { Response } from "../grading/response";

export const noParts = {
  present: <T extends "truefalse" | "numeric" | "short">(question: { type: T }) => ({ version: 1 as const, type: question.type }),
  expectedParts: () => ({}),
  shownParts: () => ({}),
  /** The browser's answer has no ids, so it is already in content terms (ClientResponseSchema checked its shape). */
  fromClient: (answer: Response): ClientResponseMapping => ({ ok: true, response: answer }),
  toClientResponse: <R extends Response>(response: R): R => ({ ...response }),
};

/** Typed text as one line for review; [] when blank. */
export const describeText = (_question: unknown, response: { text: string }) => (response.text.trim() ? [response.text.trim()] : []);
