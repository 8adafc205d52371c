"use client";
// The per-topic score table (TanStack Table v9 in manual mode): the server pages, sorts and filters
// (?page=&size=&sort=&dir=&q=, lib/stats/score-table-query.ts), so the browser only ever holds one page of rows;
// this component renders it, turns header clicks and page controls into URL changes, and hides columns on request.
import Link from "@/app/_components/link";
import { usePathname, useRouter } from "next/navigation";
import { useMemo, useTransition } from "react";
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type PaginationState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import type { StudentScoreRowDTO } from "@/lib/dal/score-table";
import { SCORE_COLUMN_LABELS, SCORE_STATUS_LABELS, formatPercentWithUnit, shortTopicTitle } from "@/lib/stats/score-format";
import { formatDate } from "@/lib/dates/format";
import {
  DEFAULT_SCORE_TABLE_QUERY,
  SCORE_PAGE_SIZES,
  SCORE_SEARCH_MAX,
  isScoreSort,
  parseScoreTableQuery,
  scoreTableSearch,
  type ScoreTableQuery,
} from "@/lib/stats/score-table-query";

/** The row DTO the server shaped (type-only import: nothing server-side reaches the browser bundle). */
export type ScoreTableRow = StudentScoreRowDTO;

type ColumnMeta = { numeric?: boolean; fullTitle?: string };

// No sorted/filtered/paginated row models: in manual mode the rows arrive in their final order and size (the
// filtering feature is there only to declare manualFiltering: the search box filters on the server).
const features = tableFeatures({
  columnFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<ColumnMeta>(),
});

const helper = createColumnHelper<typeof features, ScoreTableRow>();

const percentText = formatPercentWithUnit;

/** A topic's column header: the short title on screen (full title as a tooltip), the full title for screen readers. */
function TopicHeader({ title }: { title: string }) {
  const short = shortTopicTitle(title);
  if (short === title) return <>{title}</>;
  return (
    <>
      <span aria-hidden="true" title={title}>
        {short}
      </span>
      <span className="sr-only">{title}</span>
    </>
  );
}

function buildColumns(classId: string, topics: { slug: string; title: string }[], zone: string | null | undefined) {
  // Only the name links to the student (row headers and column headers already say what each number is): a link
  // per cell made every row ten times heavier, and 50 rows × 10 prefetches a page view.
  const nameLink = (row: ScoreTableRow) => (
    <Link href={`/teach/classes/${classId}/students/${row.studentId}`} prefetch={false}>
      {row.name}
    </Link>
  );
  // Column ids are the server's sort keys, so a header click maps straight onto ?sort=.
  return helper.columns([
    helper.accessor("name", {
      id: "name",
      header: SCORE_COLUMN_LABELS.name,
      enableHiding: false,
      cell: (info) => nameLink(info.row.original),
    }),
    helper.accessor("email", { id: "email", header: SCORE_COLUMN_LABELS.email }),
    ...topics.map((t) =>
      helper.accessor((row) => row.topicPercents[t.slug], {
        id: `topic:${t.slug}`,
        header: () => <TopicHeader title={t.title} />,
        sortDescFirst: true,
        meta: { numeric: true, fullTitle: t.title },
        cell: (info) => percentText(info.getValue()),
      }),
    ),
    helper.accessor((row) => row.overallPercent ?? undefined, {
      id: "overall",
      header: SCORE_COLUMN_LABELS.overall,
      sortDescFirst: true,
      meta: { numeric: true },
      cell: (info) => percentText(info.getValue()),
    }),
    helper.accessor("attemptsUsed", { id: "attempts", header: SCORE_COLUMN_LABELS.attempts, sortDescFirst: true, meta: { numeric: true } }),
    helper.accessor((row) => row.lastActivity ?? undefined, {
      id: "lastActivity",
      header: SCORE_COLUMN_LABELS.lastActivity,
      sortDescFirst: true,
      cell: (info) => {
        const v = info.getValue();
        return v ? <time dateTime={v}>{formatDate(new Date(v), zone)}</time> : "never";
      },
    }),
    helper.accessor("status", { id: "status", header: SCORE_COLUMN_LABELS.status, cell: (info) => SCORE_STATUS_LABELS[info.getValue()] }),
  ]);
}

function apply<T>(updater: Updater<T>, current: T): T {
  return typeof updater === "function" ? (updater as (old: T) => T)(current) : updater;
}

export function ScoreTable({
  classId,
  topics,
  rows,
  rowCount,
  classSize,
  query,
  zone,
}: {
  classId: string;
  /** The viewer's time zone: dates read in it. */
  zone: string | null | undefined;
  topics: { slug: string; title: string }[];
  rows: ScoreTableRow[];
  /** Students matching the search, over all pages. */
  rowCount: number;
  classSize: number;
  query: ScoreTableQuery;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const columns = useMemo(() => buildColumns(classId, topics, zone), [classId, topics, zone]);
  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.size };
  const go = (next: ScoreTableQuery) => startTransition(() => router.push(`${pathname}${scoreTableSearch(next)}`, { scroll: false }));

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.studentId,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    rowCount,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination },
    onSortingChange: (updater) => {
      const [first] = apply(updater, sorting);
      const sort = first && isScoreSort(first.id) ? first.id : DEFAULT_SCORE_TABLE_QUERY.sort;
      // A new order starts again at page 1: page 7 of another order is a different set of students.
      go({ ...query, sort, dir: first?.desc ? "desc" : "asc", page: 1 });
    },
    onPaginationChange: (updater) => {
      const next = apply(updater, pagination);
      go({ ...query, page: next.pageSize === query.size ? next.pageIndex + 1 : 1, size: next.pageSize });
    },
  });

  const pageCount = Math.max(1, table.getPageCount());
  const pageHref = (page: number) => `${pathname}${scoreTableSearch({ ...query, page })}`;
  const from = rowCount === 0 ? 0 : (query.page - 1) * query.size + 1;
  const to = (query.page - 1) * query.size + rows.length;
  const pageLink = (label: string, page: number, enabled: boolean) =>
    enabled ? (
      <Link href={pageHref(page)} scroll={false} prefetch={false} className="rounded border px-2 py-1">
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className="rounded border px-2 py-1 opacity-50">
        {label}
      </span>
    );

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-4">
        {/* A plain GET form: works before hydration and without JavaScript; once hydrated it navigates client-side. */}
        <form
          action={pathname}
          className="flex items-end gap-2"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = String(new FormData(e.currentTarget).get("q") ?? "");
            go({ ...query, q: parseScoreTableQuery({ q }).q, page: 1 });
          }}
        >
          <label className="flex flex-col text-sm">
            Find a student (name or email)
            <input
              type="search"
              name="q"
              defaultValue={query.q}
              maxLength={SCORE_SEARCH_MAX}
              className="mt-1 rounded border border-stone-300 px-2 py-1 dark:border-stone-700 dark:bg-stone-900"
            />
          </label>
          {query.sort !== DEFAULT_SCORE_TABLE_QUERY.sort && <input type="hidden" name="sort" value={query.sort} />}
          {query.dir !== DEFAULT_SCORE_TABLE_QUERY.dir && <input type="hidden" name="dir" value={query.dir} />}
          {query.size !== DEFAULT_SCORE_TABLE_QUERY.size && <input type="hidden" name="size" value={query.size} />}
          <button type="submit" className="rounded border border-stone-400 px-3 py-1 text-sm">
            Search
          </button>
          {query.q && (
            <Link href={`${pathname}${scoreTableSearch({ ...query, q: "", page: 1 })}`} scroll={false} prefetch={false} className="text-sm">
              Clear search
            </Link>
          )}
        </form>
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
                  {c.columnDef.meta?.fullTitle ?? (typeof c.columnDef.header === "string" ? c.columnDef.header : c.id)}
                </label>
              ))}
          </fieldset>
        </details>
      </div>

      <p className="text-sm text-stone-600 dark:text-stone-300" aria-live="polite">
        {pending
          ? "Loading…"
          : rowCount === 0
            ? "No matches."
            : `Students ${from}–${to} of ${rowCount}${rowCount === classSize ? "" : ` matching “${query.q}” (class: ${classSize})`}`}
      </p>

      {rowCount === 0 ? (
        <div className="rounded border border-dashed border-stone-400 p-6 text-center dark:border-stone-600">
          <p className="font-medium">No student in this class matches “{query.q}”.</p>
          <p className="mt-1 text-sm">
            Check the spelling, search by part of a name or email, or{" "}
            <Link href={`${pathname}${scoreTableSearch({ ...query, q: "", page: 1 })}`} scroll={false} prefetch={false}>
              show every student
            </Link>
            .
          </p>
        </div>
      ) : (
        <>
          <div className="relative max-h-[70vh] overflow-auto rounded border border-stone-200 dark:border-stone-800" aria-busy={pending}>
            {/* Cell styles set once on the table, not on each of the page's cells (the page's size is a budget). */}
            <table className="w-full border-collapse text-left text-sm [&_td]:px-3 [&_tbody_th]:px-3 [&_tbody_th]:py-1 [&_tbody_th]:font-medium [&_tbody_tr]:border-b [&_tbody_tr]:border-stone-200 dark:[&_tbody_tr]:border-stone-800 [&_td.n]:text-right [&_td.n]:tabular-nums">
              <caption className="sr-only">Per-topic scores (percent) for each student; column headers sort the whole table</caption>
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
                          className={`sticky top-0 z-10 border-b border-stone-300 bg-stone-100 px-3 py-2 whitespace-nowrap dark:border-stone-700 dark:bg-stone-800 ${numeric ? "text-right" : ""}`}
                        >
                          {header.isPlaceholder ? null : (
                            <button type="button" onClick={header.column.getToggleSortingHandler()} className="font-semibold">
                              <table.FlexRender header={header} />
                              <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                            </button>
                          )}
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.map((row) => (
                  <tr key={row.id}>
                    {row.getVisibleCells().map((cell) =>
                      cell.column.id === "name" ? (
                        <th key={cell.id} scope="row">
                          <table.FlexRender cell={cell} />
                        </th>
                      ) : (
                        <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? "n" : undefined}>
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
            {pageLink("First", 1, table.getCanPreviousPage())}
            {pageLink("Previous", query.page - 1, table.getCanPreviousPage())}
            <span aria-current="page">
              Page {query.page} of {pageCount}
            </span>
            {pageLink("Next", query.page + 1, table.getCanNextPage())}
            {pageLink("Last", pageCount, table.getCanNextPage())}
            <label className="flex items-center gap-2">
              Rows per page
              <select
                value={query.size}
                onChange={(e) => table.setPageSize(Number(e.target.value))}
                className="rounded border border-stone-300 px-2 py-1 dark:border-stone-700 dark:bg-stone-900"
              >
                {SCORE_PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </nav>
        </>
      )}
    </div>
  );
}
