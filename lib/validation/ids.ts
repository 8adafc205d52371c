// Owns what a database id looks like from outside (form fields, action arguments, URL segments): one shape everywhere.
import { z } from "zod";

/** Prisma's cuid() and the like: letters, digits, "_" and "-", at most 40 characters. */
export const ID_MAX_LENGTH = 40;
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** An id sent by a form or a client call; a malformed one is a field error, a well-formed unknown one is "not found". */
export const IdSchema = z
  .string()
  .trim()
  .min(1, "Missing id.")
  .max(ID_MAX_LENGTH, "That id is too long.")
  .regex(ID_PATTERN, "That id is not valid.");
