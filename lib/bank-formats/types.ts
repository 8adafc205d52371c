// Owns the shapes every bank format shares: what a parser returns, what an exporter takes, and the file-level error.
import type { Question } from "@/lib/content/schema";
import type { ImageMime, ImportedImage } from "./images";

export type BankFormat = "gift" | "moodle-xml" | "qti3";
export type ImportFormat = "gift" | "moodle-xml";

export type ImportedQuestion = {
  /** 0-based position among the file's questions (category markers not counted), shared with skipped rows. */
  index: number;
  /** Validated by QuestionSchema. Its key comes from the idnumber, else the name, else the prompt; unique in the file. */
  question: Question;
  name: string | null;
  idnumber: string | null;
  /** The category in force for this question ($CATEGORY: or a Moodle XML category question), verbatim. */
  category: string | null;
  tags: string[];
  /** 1-based line of the question's first line in the file (GIFT), or null where the format has no useful lines. */
  line: number | null;
  /** What the import changed or dropped on the way in (partial credit, per-answer feedback Koza has no place for…). */
  warnings: string[];
  /** Images the question's text shows, embedded in the file and accepted; the text names them `koza-image:<sha256>`. */
  images: ImportedImage[];
};

export type SkippedQuestion = {
  /** 0-based position among the file's questions (category markers not counted). */
  index: number;
  line: number | null;
  name: string | null;
  /** The source type as the file names it (e.g. "essay", "multichoice"), when known. */
  type: string | null;
  reason: string;
};

export type ParseResult = { format: ImportFormat; questions: ImportedQuestion[]; skipped: SkippedQuestion[] };

/** The whole file is refused: nothing from it may be imported. The message is a sentence a user can act on. */
export class BankFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BankFileError";
  }
}

/** An image a question shows (`/api/images/<id>` in its Markdown), with its bytes, for formats that can carry files. */
export type ExportImage = { id: string; mime: ImageMime; bytes: Uint8Array };
export type ExportItem = { question: Question; topicTitle: string; name?: string; images?: ExportImage[] };
export type ExportReportRow = { key: string; lost: string[] };
export type ExportResult = { fileName: string; contentType: string; body: string | Uint8Array; report: ExportReportRow[] };
