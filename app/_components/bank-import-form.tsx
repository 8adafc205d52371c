"use client";
// Owns the import screen's interaction: send the file for a report, show the report, and on Confirm send it again to
// be applied (the route recomputes the report and refuses if the bank changed since, by the report's fingerprint).
import { useId, useState } from "react";
import { buttonClass, secondaryButtonClass } from "./form-fields";

type Row = {
  index: number;
  line: number | null;
  name: string | null;
  key: string | null;
  type: string | null;
  status: "imported" | "changed" | "unchanged" | "skipped";
  reason: string | null;
  topic: string | null;
  warnings: string[];
};
type Report = {
  bank: { id: string; name: string };
  rows: Row[];
  topicMapping: { category: string | null; topic: string | null; by: string; questions: number }[];
  counts: { byStatus: Record<string, number>; byType: Record<string, number> };
  fingerprint: string;
};
type Reply = { ok: true; applied: boolean; report?: Report; created?: number; versioned?: number } | { ok: false; error: string };

const selectClass =
  "rounded border border-stone-400 bg-white px-3 py-2 text-stone-900 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100";

export function BankImportForm({
  banks,
  topics,
}: {
  banks: { id: string; name: string; questions: number }[];
  topics: { slug: string; title: string }[];
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [bankId, setBankId] = useState(banks[0]?.id ?? "new");
  const [newBankName, setNewBankName] = useState("");
  const [defaultTopic, setDefaultTopic] = useState("");
  const [busy, setBusy] = useState<null | "report" | "apply">(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function send(apply: boolean) {
    if (!file) {
      setError("Choose a GIFT or Moodle XML file to import.");
      return;
    }
    setBusy(apply ? "apply" : "report");
    setError(null);
    setDone(null);
    const body = new FormData();
    body.set("file", file);
    body.set("bankId", bankId);
    if (bankId === "new") body.set("newBankName", newBankName);
    body.set("defaultTopic", defaultTopic);
    if (apply && report) {
      body.set("apply", "1");
      body.set("fingerprint", report.fingerprint);
    }
    try {
      const res = await fetch("/api/teach/bank/import", { method: "POST", body });
      const reply = (await res.json()) as Reply;
      if (!reply.ok) {
        setError(reply.error);
        if (apply) setReport(null);
      } else if (reply.applied) {
        setReport(null);
        setDone(
          `Imported into ${reply.report?.bank.name ?? "the bank"}: ${reply.created ?? 0} new questions and ${reply.versioned ?? 0} new versions.`,
        );
      } else setReport(reply.report ?? null);
    } catch {
      setError("The server could not be reached; nothing was imported.");
    } finally {
      setBusy(null);
    }
  }

  const writable = report ? (report.counts.byStatus.imported ?? 0) + (report.counts.byStatus.changed ?? 0) : 0;
  return (
    <div className="flex flex-col gap-6">
      <form
        className="flex max-w-xl flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void send(false);
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-bank`} className="font-medium">
            Bank to import into
          </label>
          <select id={`${id}-bank`} className={selectClass} value={bankId} onChange={(e) => (setBankId(e.target.value), setReport(null))}>
            {banks.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} ({b.questions} questions)
              </option>
            ))}
            <option value="new">A new bank…</option>
          </select>
        </div>
        {bankId === "new" && (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-new-bank`} className="font-medium">
              Name of the new bank
            </label>
            <input
              id={`${id}-new-bank`}
              className={selectClass}
              value={newBankName}
              maxLength={100}
              required
              onChange={(e) => (setNewBankName(e.target.value), setReport(null))}
            />
          </div>
        )}
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-topic`} className="font-medium">
            Default topic
          </label>
          <p id={`${id}-topic-hint`} className="text-sm text-stone-600 dark:text-stone-300">
            For questions whose category matches no topic by slug or title.
          </p>
          <select
            id={`${id}-topic`}
            aria-describedby={`${id}-topic-hint`}
            className={selectClass}
            value={defaultTopic}
            onChange={(e) => (setDefaultTopic(e.target.value), setReport(null))}
          >
            <option value="">None: skip such questions</option>
            {topics.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.title}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-file`} className="font-medium">
            GIFT or Moodle XML file
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".txt,.gift,.xml,text/plain,application/xml,text/xml"
            onChange={(e) => (setFile(e.target.files?.[0] ?? null), setReport(null))}
          />
        </div>
        <button type="submit" className={buttonClass} disabled={busy !== null}>
          {busy === "report" ? "Reading the file…" : "Show the import report"}
        </button>
      </form>
      <div aria-live="polite" className="flex flex-col gap-2">
        {busy && <progress aria-label={busy === "apply" ? "Importing" : "Reading the file"} className="w-full max-w-xl" />}
        {error && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        {done && <p role="status">{done}</p>}
      </div>
      {report && (
        <section aria-labelledby={`${id}-report`} className="flex flex-col gap-4">
          <h2 id={`${id}-report`} className="text-xl font-semibold">
            Import report for {report.bank.name}
          </h2>
          <p>
            {Object.entries(report.counts.byStatus)
              .map(([status, n]) => `${n} ${status}`)
              .join(", ")}
            .
          </p>
          <table className="w-full max-w-3xl text-left text-sm">
            <caption className="text-left font-medium">Categories and the topics they go to</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Category in the file
                </th>
                <th scope="col" className="py-1 pr-3">
                  Topic
                </th>
                <th scope="col" className="py-1 pr-3">
                  Matched by
                </th>
                <th scope="col" className="py-1 text-right">
                  Questions
                </th>
              </tr>
            </thead>
            <tbody>
              {report.topicMapping.map((m) => (
                <tr key={m.category ?? ""}>
                  <td className="py-1 pr-3">{m.category ?? "(none)"}</td>
                  <td className="py-1 pr-3">{m.topic ?? "no topic: skipped"}</td>
                  <td className="py-1 pr-3">{m.by}</td>
                  <td className="py-1 text-right">{m.questions}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <caption className="text-left font-medium">Every question in the file</caption>
              <thead className="border-b border-stone-300 dark:border-stone-700">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    #
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Name
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Key
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Type
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Status
                  </th>
                  <th scope="col" className="py-2">
                    Why / notes
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.index} className="border-b border-stone-200 align-top dark:border-stone-800">
                    <td className="py-2 pr-3">
                      {r.index + 1}
                      {r.line ? ` (line ${r.line})` : ""}
                    </td>
                    <td className="py-2 pr-3">{r.name}</td>
                    <td className="py-2 pr-3 font-mono">{r.key}</td>
                    <td className="py-2 pr-3">{r.type}</td>
                    <td className="py-2 pr-3">{r.status}</td>
                    <td className="py-2">
                      {[r.reason, ...r.warnings].filter(Boolean).map((note) => (
                        <p key={note}>{note}</p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap gap-3">
            <button type="button" className={buttonClass} disabled={busy !== null || writable === 0} onClick={() => void send(true)}>
              {busy === "apply" ? "Importing…" : `Confirm import (${writable} questions)`}
            </button>
            <button type="button" className={secondaryButtonClass} disabled={busy !== null} onClick={() => setReport(null)}>
              Cancel
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
