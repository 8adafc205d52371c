// Owns how guessable a password is: zxcvbn-ts with its common-password and English dictionaries (server only: the
// dictionaries are megabytes and the check costs CPU, so the browser never loads them).
import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/** zxcvbn's scale: 3 = "safely unguessable: moderate protection from an offline slow-hash scenario" (argon2id here). */
export const MIN_PASSWORD_SCORE = 3;
/**
 * Only this many leading characters are scored: zxcvbn's pattern search grows fast with length (a 200-character
 * repeated pattern takes seconds), and a password whose first 64 characters are strong is strong.
 */
const SCORED_LENGTH = 64;

let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  // Built on first use (ranking the dictionaries takes a moment), then kept for the life of the process.
  return (factory ??= new ZxcvbnFactory({
    maxLength: SCORED_LENGTH,
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  }));
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * A sentence saying why the password is too easy to guess and what to do, or null when it scores well enough.
 * `userInputs` (the email, its local part, the name) count as known words, so "ana.tanaka-2024" is weak for Ana.
 */
export function guessabilityProblem(password: string, userInputs: string[]): string | null {
  const result = estimator().check(password, userInputs.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning?.replace(/\.$/, "");
  const suggestion = result.feedback.suggestions[0] ?? "Add another word or two that are not common.";
  return `That password is too easy to guess${warning ? ` — ${lowerFirst(warning)}` : ""}. ${suggestion}`;
}
