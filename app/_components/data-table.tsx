// Owns the markup the app's tables of rows share: a scroller that keeps the table's visually hidden labels inside it
// (without a positioned box they escaped it and widened the page on a phone), a caption (shown, or for screen
// readers only), one header row from a list of columns, and cell spacing set once on the table rather than on each
// cell (a page's size is a budget). The rows are the caller's: `<tr>`s with a `<th scope="row">` first.
import type { ReactNode } from "react";

export type DataTableColumn = { label: ReactNode; align?: "right" };

const SIZE = {
  sm: "text-sm [&_td]:py-2 [&_td]:pr-3 [&_tbody_th]:py-2 [&_tbody_th]:pr-3",
  base: "[&_td]:py-2 [&_td]:pr-4 [&_tbody_th]:py-2 [&_tbody_th]:pr-4",
};

export function DataTable({
  caption,
  showCaption = false,
  columns,
  size = "sm",
  className = "",
  children,
}: {
  caption: ReactNode;
  showCaption?: boolean;
  columns: readonly DataTableColumn[];
  size?: keyof typeof SIZE;
  /** Spacing around the scroller (e.g. a top margin). */
  className?: string;
  children: ReactNode;
}) {
  const pad = size === "sm" ? "pr-3" : "pr-4";
  return (
    <div className={`relative overflow-x-auto ${className}`}>
      <table
        className={`w-full border-collapse text-left ${SIZE[size]} [&_tbody_tr]:border-b [&_tbody_tr]:border-stone-200 [&_tbody_tr]:align-top dark:[&_tbody_tr]:border-stone-800`}
      >
        <caption className={showCaption ? "text-left text-sm text-stone-600 dark:text-stone-300" : "sr-only"}>{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 dark:border-stone-700">
            {columns.map((c, i) => (
              <th key={i} scope="col" className={`py-2 ${i < columns.length - 1 ? pad : ""} ${c.align === "right" ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
