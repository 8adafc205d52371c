// Owns every numeric limit a form, a zod schema and the DAL must agree on. Pure (no server-only imports), so client
// forms read the same numbers as the server that enforces them.

// ---- assignment settings and per-student overrides ----
export const TIME_LIMIT_MAX_MINUTES = 600;
export const ATTEMPTS_MAX = 20;
export const GRACE_MAX_SECONDS = 600;
/** Grace period when the instructor leaves the field empty. */
export const GRACE_DEFAULT_SECONDS = 60;
export const EXTRA_ATTEMPTS_MAX = 20;
/** Extra-time factor: 1 = none, 1.5 = time and a half. */
export const ACCOMMODATION_MIN = 1;
export const ACCOMMODATION_MAX = 3;

// ---- accounts ----
export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing it is cheap. */
export const MAX_PASSWORD_LENGTH = 200;

// ---- names and titles ----
export const DISPLAY_NAME_MAX = 80;
export const CLASS_NAME_MAX = 100;
export const CLASS_TERM_MAX = 60;
export const QUIZ_TITLE_MAX = 120;
export const CUSTOM_QUIZ_MAX_QUESTIONS = 30;

// ---- a learner's answer ----
/** Longest free text a learner may submit for one answer (numeric or short). */
export const MAX_RESPONSE_TEXT = 500;
/** Most ids one answer may list; every question type has at most 12 parts (8 pairs + 4 distractors). */
export const MAX_RESPONSE_ITEMS = 20;

// ---- item statistics ----
/**
 * Responses an item needs before the statistics give a verdict ("too hard", "check the key"). Below it the numbers
 * are still shown, with a small-sample note: Moodle's documentation advises caution with small samples, and with a
 * handful of students one lucky guess swings facility by 20 points.
 */
export const MIN_RESPONSES_FOR_VERDICT = 20;
/** An autosave request body (position, seq and one answer: at most MAX_RESPONSE_ITEMS parts of MAX_RESPONSE_TEXT). */
export const SAVE_REQUEST_MAX_BYTES = 32 * 1024;

// ---- question bank import (GIFT, Moodle XML) ----
/** Largest upload the import route reads; checked from Content-Length and again while reading the body. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Most questions one import takes; a larger file is refused whole (never a partial import). */
export const MAX_IMPORT_QUESTIONS = 2000;
/** Longest question bank name. */
export const BANK_NAME_MAX = 100;
