// One lesson chart as a figure, rendered on the server: title, the lazily drawn chart, the one-sentence takeaway, the
// data table with the same numbers, and the source with its retrieval note and caveats.
import type { LessonChart as LessonChartData } from "@/lib/content/schema";
import { LessonChart } from "./lesson-chart";

/** "−46.2" with a true minus sign, one decimal: the precision a reader compares at. */
export function formatChartValue(v: number | null): string {
  if (v === null) return "—";
  const s = Math.abs(v).toFixed(1);
  return v < 0 ? `−${s}` : s;
}

export function LessonChartFigure({ chart }: { chart: LessonChartData }) {
  const { dataset } = chart;
  const [x, ...rest] = dataset.columns;
  // The loader refuses a dataset with fewer than two columns; without an x column there is nothing to draw.
  if (!x) return null;
  const series = rest.filter((c) => chart.series.includes(c.key));
  const headingId = `chart-${chart.id}-title`;
  return (
    <figure
      aria-labelledby={headingId}
      className="not-prose my-6 flex flex-col gap-3 rounded border border-stone-200 p-4 dark:border-stone-800"
    >
      <figcaption id={headingId} className="font-semibold">
        {chart.title}
      </figcaption>
      <LessonChart
        title={chart.title}
        kind={chart.kind}
        rows={dataset.rows}
        xKey={x.key}
        xLabel={chart.xLabel}
        yLabel={chart.yLabel}
        series={series.map((s) => ({ key: s.key, label: s.label }))}
        annotations={chart.annotations.map((a) => ({ x: Number(a.at.slice(0, 4)), label: a.label }))}
      />
      <p>
        <strong>Takeaway: </strong>
        {chart.takeaway}
      </p>
      <details>
        <summary className="cursor-pointer text-sm font-medium">Show the numbers as a table</summary>
        <div className="max-h-80 overflow-y-auto">
          <table className="mt-2 w-full border-collapse text-left text-sm">
            <caption className="text-left text-sm text-stone-600 dark:text-stone-300">
              {dataset.title}
              {series[0]?.unit ? ` (${series[0].unit})` : ""}
            </caption>
            <thead>
              <tr className="border-b border-stone-300 dark:border-stone-700">
                <th scope="col" className="py-1 pr-3">
                  {x.label}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="py-1 pr-3 text-right">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dataset.rows.map((row) => (
                <tr key={String(row[x.key])} className="border-b border-stone-200 dark:border-stone-800">
                  <th scope="row" className="py-1 pr-3 font-normal tabular-nums">
                    {row[x.key]}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="py-1 pr-3 text-right tabular-nums">
                      {formatChartValue(row[s.key] ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="text-sm text-stone-600 dark:text-stone-300">
        Source: <a href={dataset.url}>{dataset.source}</a>. {dataset.retrieval}
      </p>
      {dataset.caveats.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer">Caveats</summary>
          <ul className="list-disc pl-6">
            {dataset.caveats.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      )}
    </figure>
  );
}
