"use client";
// A lesson chart in the browser: recharts is imported lazily (next/dynamic, no SSR) so it never weighs on the lesson
// page's first load; the server-rendered table beside it carries the same numbers for everyone else.
import dynamic from "next/dynamic";

export type LessonChartProps = {
  kind: "line" | "bar";
  rows: Array<Record<string, number | null>>;
  xKey: string;
  xLabel: string;
  yLabel: string;
  series: Array<{ key: string; label: string }>;
  /** Events marked on the x axis (x is a value of the x column, e.g. the year 1985). */
  annotations: Array<{ x: number; label: string }>;
};

const LessonChartPlot = dynamic(() => import("./lesson-chart-plot").then((m) => m.LessonChartPlot), {
  ssr: false,
  loading: () => <div className="h-72 w-full animate-pulse rounded bg-stone-100 dark:bg-stone-800" aria-hidden="true" />,
});

export function LessonChart(props: LessonChartProps & { title: string }) {
  const { title, ...plot } = props;
  return (
    <div role="img" aria-label={`${plot.kind === "bar" ? "Bar" : "Line"} chart: ${title}. The same numbers are in the table below.`}>
      <LessonChartPlot {...plot} />
    </div>
  );
}
