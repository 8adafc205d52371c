// Owns the public face of the question-bank formats: parse a GIFT or Moodle XML file into validated Koza questions
// (with a row for every question skipped and why), and export questions as GIFT, Moodle XML or a QTI 3.0 package.
// Pure: no database, no server-only imports, so the CLI, the route handlers and the tests share it.
import { MAX_IMPORT_BYTES } from "@/lib/quiz/limits";
import { parseGift } from "./gift-parse";
import { writeGift } from "./gift-write";
import { parseMoodleXml, writeMoodleXml } from "./moodle-xml";
import { writeQti3 } from "./qti3";
import { BankFileError, type BankFormat, type ExportItem, type ExportResult, type ImportFormat, type ParseResult } from "./types";

export * from "./types";
export { categoryLeaf, slugify } from "./common";

export const IMPORT_FORMATS: readonly ImportFormat[] = ["gift", "moodle-xml"];
export const EXPORT_FORMATS: readonly BankFormat[] = ["gift", "moodle-xml", "qti3"];

export function parseBankFile(format: ImportFormat, text: string): ParseResult {
  if (text.length > MAX_IMPORT_BYTES) throw new BankFileError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  if (format === "gift") return parseGift(text);
  return parseMoodleXml(text);
}

function fileStem(bankName: string): string {
  return (
    bankName
      .normalize("NFKD")
      .replace(/[^\w.-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "bank"
  );
}

export function exportBank(format: BankFormat, bankName: string, items: ExportItem[]): ExportResult {
  const stem = fileStem(bankName);
  if (format === "gift") {
    const { body, report } = writeGift(bankName, items);
    return { fileName: `${stem}.gift.txt`, contentType: "text/plain; charset=utf-8", body, report };
  }
  if (format === "moodle-xml") {
    const { body, report } = writeMoodleXml(bankName, items);
    return { fileName: `${stem}.moodle.xml`, contentType: "application/xml; charset=utf-8", body, report };
  }
  const { body, report } = writeQti3(bankName, items);
  return { fileName: `${stem}.qti3.zip`, contentType: "application/zip", body, report };
}
