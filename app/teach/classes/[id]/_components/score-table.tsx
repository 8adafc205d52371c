"use client";
// The interactive per-topic score table (TanStack Table v9): sort, filter by name, "below N%" filters on topic
// columns, column visibility, pagination (so 10,000 students stay smooth), and a CSV of exactly what is shown.
import Link from "next/link";
import { useMemo, useState } from "react";
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  constructFilterFn,
  createColumnHelper,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import type { StudentScoreRowDTO } from "@/lib/dal/scores";
import { SCORE_STATUS_LABELS, formatPercentCell } from "@/lib/stats/score-format";

/** The row DTO the server shaped (type-only import: nothing server-side reaches the browser bundle). */
export type ScoreTableRow = StudentScoreRowDTO;


/** Keeps rows whose score is below the threshold; rows without a score are not "below" anything. */
const filterFn_below = constructFilterFn({
  filter: (value: unknown, threshold: number) => typeof value === "number" && value < threshold,
  resolveFilterValue: (v: unknown) => Number(v),
  autoRemove: (v: unknown) => v === undefined || v === null || v === "" || !Number.isFinite(Number(v)),
});

type ColumnMeta = {
  /** The CSV header and cell text; the same rounding as the server's CSV route (one decimal). */
  csvHeader: string;
  csv: (row: ScoreTableRow) => string;
  numeric?: boolean;
  topicSlug?: string;
};

const features = tableFeatures({
  columnFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  rowPaginationFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  filterFns: { includesString: filterFn_includesString, below: filterFn_below },
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnMeta: metaHelper<ColumnMeta>(),
});

const helper = createColumnHelper<typeof features, ScoreTableRow>();

const percentText = formatPercentCell;
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const PAGE_SIZES = [25, 50, 100, 250];

function buildColumns(classId: string, topics: { slug: string; title: string }[]) {
  const href = (row: ScoreTableRow, hash = "") => `/teach/classes/${classId}/students/${row.studentId}${hash}`;
  return helper.columns([
    helper.accessor("name", {
      header: "Name",
      sortFn: "alphanumeric",
      filterFn: "includesString",
      enableHiding: false,
      cell: (info) => <Link href={href(info.row.original)}>{info.getValue()}</Link>,
      meta: { csvHeader: "Name", csv: (r) => r.name },
    }),
    helper.accessor("email", {
      header: "Email",
      sortFn: "alphanumeric",
      enableColumnFilter: false,
      cell: (info) => <Link href={href(info.row.original)}>{info.getValue()}</Link>,
      meta: { csvHeader: "Email", csv: (r) => r.email },
    }),
    ...topics.map((t) =>
      helper.accessor((row) => row.topicPercents[t.slug], {
        id: `topic:${t.slug}`,
        header: t.title,
        sortFn: "basic",
        sortUndefined: "last",
        filterFn: "below",
        cell: (info) => {
          const v = info.getValue();
          return (
            <Link href={href(info.row.original, `#topic-${t.slug}`)} aria-label={`${info.row.original.name}, ${t.title}: ${v === undefined ? "no score" : `${percentText(v)}%`}`}>
              {v === undefined ? "—" : percentText(v)}
            </Link>
          );
        },
        meta: { csvHeader: `${t.title} (%)`, csv: (r) => percentText(r.topicPercents[t.slug]), numeric: true, topicSlug: t.slug },
      }),
    ),
    helper.accessor((row) => row.overallPercent ?? undefined, {
      id: "overall",
      header: "Overall",
      sortFn: "basic",
      sortUndefined: "last",
      filterFn: "below",
      cell: (info) => <Link href={href(info.row.original)}>{info.getValue() === undefined ? "—" : percentText(info.getValue())}</Link>,
      meta: { csvHeader: "Overall (%)", csv: (r) => percentText(r.overallPercent), numeric: true },
    }),
    helper.accessor("attemptsUsed", {
      header: "Attempts",
      sortFn: "basic",
      enableColumnFilter: false,
      cell: (info) => <Link href={href(info.row.original)}>{info.getValue()}</Link>,
      meta: { csvHeader: "Attempts used", csv: (r) => String(r.attemptsUsed), numeric: true },
    }),
    helper.accessor((row) => row.lastActivity ?? undefined, {
      id: "lastActivity",
      header: "Last activity",
      sortFn: "alphanumeric",
      sortUndefined: "last",
      enableColumnFilter: false,
      cell: (info) => {
        const v = info.getValue();
        return <Link href={href(info.row.original)}>{v ? <time dateTime={v}>{dateFormat.format(new Date(v))}</time> : "never"}</Link>;
      },
      meta: { csvHeader: "Last activity", csv: (r) => r.lastActivity ?? "" },
    }),
    helper.accessor("status", {
      header: "Status",
      sortFn: "alphanumeric",
      enableColumnFilter: false,
      cell: (info) => <Link href={href(info.row.original)}>{SCORE_STATUS_LABELS[info.getValue()]}</Link>,
      meta: { csvHeader: "Status", csv: (r) => SCORE_STATUS_LABELS[r.status] },
    }),
  ]);
}

export function ScoreTable({
  classId,
  topics,
  rows,
}: {
  classId: string;
  topics: { slug: string; title: string }[];
  rows: ScoreTableRow[];
}) {
  const columns = useMemo(() => buildColumns(classId, topics), [classId, topics]);
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.studentId,
    initialState: { pagination: { pageIndex: 0, pageSize: 50 }, sorting: [{ id: "name", desc: false }] },
  });
  const [exporting, setExporting] = useState(false);

  const nameColumn = table.getColumn("name");
  const filterable = table.getAllLeafColumns().filter((c) => c.columnDef.filterFn === "below");
  const shownCount = table.getPrePaginatedRowModel().rows.length;
  const { pageIndex, pageSize } = table.state.pagination;

  async function downloadCsv() {
    setExporting(true);
    try {
      // Loaded on demand: most visits never export, so the parser stays out of the page's first load.
      const Papa = (await import("papaparse")).default;
      const visible = table.getVisibleLeafColumns();
      const metas = visible.map((c) => c.columnDef.meta!);
      const data = table.getPrePaginatedRowModel().rows.map((r) => metas.map((m) => m.csv(r.original)));
      const csv = Papa.unparse({ fields: metas.map((m) => m.csvHeader), data }, { escapeFormulae: true });
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `class-${classId}-scores-shown.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col text-sm">
          Filter by name
          <input
            type="search"
            value={(nameColumn?.getFilterValue() as string | undefined) ?? ""}
            onChange={(e) => nameColumn?.setFilterValue(e.target.value)}
            className="mt-1 rounded border border-stone-300 px-2 py-1 dark:border-stone-700 dark:bg-stone-900"
          />
        </label>
        <details className="text-sm">
          <summary className="cursor-pointer">Below-threshold filters</summary>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {filterable.map((c) => (
              <label key={c.id} className="flex items-center gap-2">
                <span className="min-w-0 flex-1">{typeof c.columnDef.header === "string" ? c.columnDef.header : c.id} below</span>
                <input
                  type="number"
                  min={0}
                  max={100}
                  inputMode="decimal"
                  value={(c.getFilterValue() as string | number | undefined) ?? ""}
                  onChange={(e) => c.setFilterValue(e.target.value)}
                  className="w-20 rounded border border-stone-300 px-2 py-1 dark:border-stone-700 dark:bg-stone-900"
                />
                <span aria-hidden="true">%</span>
              </label>
            ))}
          </div>
        </details>
        <details className="text-sm">
          <summary className="cursor-pointer">Columns</summary>
          <fieldset className="mt-2 flex flex-col gap-1">
            <legend className="sr-only">Columns to show</legend>
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id} className="flex items-center gap-2">
                  <input type="checkbox" checked={c.getIsVisible()} onChange={(e) => c.toggleVisibility(e.target.checked)} />
                  {typeof c.columnDef.header === "string" ? c.columnDef.header : c.id}
                </label>
              ))}
          </fieldset>
        </details>
        <button
          type="button"
          onClick={downloadCsv}
          disabled={exporting}
          className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {exporting ? "Preparing CSV…" : `Download CSV (${shownCount} shown)`}
        </button>
      </div>

      <p className="text-sm text-stone-600 dark:text-stone-300" aria-live="polite">
        {shownCount === rows.length ? `${rows.length} students` : `${shownCount} of ${rows.length} students match the filters`}
      </p>

      <div className="max-h-[70vh] overflow-auto rounded border border-stone-200 dark:border-stone-800">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Per-topic scores (percent) for each student; column headers sort the table</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = header.column.columnDef.meta?.numeric;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      className={`sticky top-0 z-10 border-b border-stone-300 bg-stone-100 px-3 py-2 dark:border-stone-700 dark:bg-stone-800 ${numeric ? "text-right" : ""}`}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="font-semibold">
                          <table.FlexRender header={header} />
                          <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-b border-stone-200 dark:border-stone-800">
                {row.getVisibleCells().map((cell) =>
                  cell.column.id === "name" ? (
                    <th key={cell.id} scope="row" className="px-3 py-1.5 font-medium">
                      <table.FlexRender cell={cell} />
                    </th>
                  ) : (
                    <td key={cell.id} className={`px-3 py-1.5 ${cell.column.columnDef.meta?.numeric ? "text-right tabular-nums" : ""}`}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <nav aria-label="Score table pages" className="flex flex-wrap items-center gap-3 text-sm">
        <button type="button" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()} className="rounded border px-2 py-1 disabled:opacity-50">
          First
        </button>
        <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()} className="rounded border px-2 py-1 disabled:opacity-50">
          Previous
        </button>
        <span>
          Page {table.getPageCount() === 0 ? 0 : pageIndex + 1} of {table.getPageCount()}
        </span>
        <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()} className="rounded border px-2 py-1 disabled:opacity-50">
          Next
        </button>
        <button type="button" onClick={() => table.lastPage()} disabled={!table.getCanNextPage()} className="rounded border px-2 py-1 disabled:opacity-50">
          Last
        </button>
        <label className="flex items-center gap-2">
          Rows per page
          <select
            value={pageSize}
            onChange={(e) => table.setPageSize(Number(e.target.value))}
            className="rounded border border-stone-300 px-2 py-1 dark:border-stone-700 dark:bg-stone-900"
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </div>
  );
}
