// `npm run bank -- import FILE --bank NAME --owner EMAIL [--topic SLUG] [--format gift|moodle-xml] [--dry-run]` prints
// the import report as JSON (last line: counts per status and per type) and, without --dry-run, imports it in one
// transaction (creating the owner's bank NAME if it does not exist). `npm run bank -- export --bank NAME|content
// [--owner EMAIL] --format gift|moodle-xml|qti3 --out FILE` writes a bank and prints its export report.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { EXPORT_FORMATS, type BankFormat, type ImportFormat } from "../lib/bank-formats";
import {
  applyBankImport,
  previewBankImport,
  previewImportIntoNewBank,
  unsafeExportBankByName,
  unsafeFindOrCreateBank,
  type ImportReport,
} from "../lib/dal/bank-import";
import { db } from "../lib/db/client";
import { MAX_IMPORT_BYTES } from "../lib/quiz/limits";
import { runCli } from "./lib/cli";

const USAGE =
  "usage: npm run bank -- import FILE --bank NAME --owner EMAIL [--topic SLUG] [--format gift|moodle-xml] [--dry-run] | export --bank NAME|content [--owner EMAIL] --format gift|moodle-xml|qti3 --out FILE";

export type BankCommand =
  | { kind: "import"; file: string; bank: string; owner: string; topic: string | null; format: ImportFormat | null; dryRun: boolean }
  | { kind: "export"; bank: string; owner: string | null; format: BankFormat; out: string };

export function parseBankArgs(argv: string[]): BankCommand {
  const [command, ...rest] = argv;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  let dryRun = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--dry-run") dryRun = true;
    else if (arg.startsWith("--")) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value; ${USAGE}`);
      if (!["--bank", "--owner", "--topic", "--format", "--out"].includes(arg)) throw new Error(`unknown option ${arg}; ${USAGE}`);
      flags.set(arg, value);
      i++;
    } else positional.push(arg);
  }
  const bank = flags.get("--bank");
  if (command === "import") {
    const owner = flags.get("--owner");
    const format = flags.get("--format") ?? null;
    if (positional.length !== 1 || !bank || !owner) throw new Error(USAGE);
    if (format !== null && format !== "gift" && format !== "moodle-xml") throw new Error("--format for import is gift or moodle-xml");
    return { kind: "import", file: positional[0]!, bank, owner, topic: flags.get("--topic") ?? null, format, dryRun };
  }
  if (command === "export") {
    const format = flags.get("--format");
    const out = flags.get("--out");
    if (!bank || !format || !out || positional.length > 0) throw new Error(USAGE);
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new Error(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);
    return { kind: "export", bank, owner: flags.get("--owner") ?? null, format: format as BankFormat, out };
  }
  throw new Error(USAGE);
}

/** The report as printed: the whole report as JSON, then one line with the counts per status and per type. */
export function formatReport(report: ImportReport, extra: Record<string, unknown> = {}): string {
  const { fingerprint: _f, ...shown } = report;
  return `${JSON.stringify({ ...shown, ...extra }, null, 2)}\n${JSON.stringify(report.counts)}`;
}

export async function bank(argv: string[], print: (line: string) => void = console.log): Promise<void> {
  const command = parseBankArgs(argv);
  if (command.kind === "export") {
    const result = await unsafeExportBankByName(command.bank, command.owner, command.format);
    writeFileSync(command.out, result.body);
    print(JSON.stringify({ file: command.out, questions: result.report.length, report: result.report }, null, 2));
    return;
  }
  if (statSync(command.file).size > MAX_IMPORT_BYTES)
    throw new Error(`${command.file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  const text = readFileSync(command.file, "utf8");
  const format: ImportFormat = command.format ?? (/\.xml$/i.test(command.file) ? "moodle-xml" : "gift");
  const input = { format, text, defaultTopic: command.topic };
  const found = await unsafeFindOrCreateBank(command.owner, command.bank, !command.dryRun);
  if (command.dryRun) {
    const report = found.bankId
      ? await previewBankImport(found.viewer, { ...input, bankId: found.bankId })
      : await previewImportIntoNewBank(found.viewer, command.bank, input);
    print(formatReport(report, { dryRun: true }));
    return;
  }
  const result = await applyBankImport(found.viewer, { ...input, bankId: found.bankId! });
  print(formatReport(result.report, { dryRun: false, created: result.created, versioned: result.versioned }));
}

if (import.meta.url === `file://${process.argv[1]}`)
  void runCli("bank", async () => {
    try {
      await bank(process.argv.slice(2));
    } finally {
      await db().$disconnect();
    }
  });
