// What a format keeps of a Koza question, for the round-trip tests.
import type { Question } from "@/lib/content/schema";
import { partId } from "@/lib/bank-formats/common";

/** What a format keeps: ids renumbered a, b, c…; citations, and for GIFT units, magnitude and term, dropped. */
export function comparable(q: Question, format: "gift" | "moodle-xml"): Question {
  const { citations: _c, ...rest } = q;
  const copy = structuredClone(rest) as Question;
  if (copy.type === "single" || copy.type === "multiple") copy.options = copy.options.map((o, i) => ({ ...o, id: partId(i) }));
  if (copy.type === "ordering") copy.items = copy.items.map((o, i) => ({ ...o, id: partId(i) }));
  if (copy.type === "matching") copy.pairs = copy.pairs.map((o, i) => ({ ...o, id: partId(i) }));
  if (copy.type === "short") delete copy.term;
  if (copy.type === "numeric" && format === "gift") Object.assign(copy, { unit: "", acceptedUnits: [], acceptMagnitude: false });
  return copy;
}
