"use client";
// Two class charts (recharts): mean score per topic and the distribution of overall scores. Each sits beside a
// data table with the same numbers, so the chart is never the only way to read them. Recharts is loaded lazily,
// and only once a chart scrolls into view, so it weighs on neither the page's first load nor a visit that never
// scrolls past the score table.
import { Suspense, lazy, useEffect, useRef, useState, type ReactNode } from "react";
import { shortTopicTitle } from "@/lib/stats/score-format";

export type MasteryDatum = { title: string; meanPercent: number | null; students: number };
export type HistogramDatum = { label: string; count: number };

/** Whole-number ticks from 0 to the largest count (a chart of 2 students stops at 2, not 4); null = let recharts choose. */
export function countTicks(max: number): number[] | null {
  if (max <= 10) return Array.from({ length: Math.max(1, max) + 1 }, (_, i) => i);
  return null;
}

const AXIS_TEXT = { fontSize: 13, fill: "currentColor" } as const;

const ChartsImpl = lazy(async () => {
  const { Bar, BarChart, CartesianGrid, Label, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } = await import("recharts");

  function MasteryBars({ data }: { data: MasteryDatum[] }) {
    const rows = data.map((d) => ({
      name: shortTopicTitle(d.title),
      full: d.title,
      percent: d.meanPercent === null ? 0 : Math.round(d.meanPercent * 10) / 10,
      shown: d.meanPercent === null ? "no score" : `${(Math.round(d.meanPercent * 10) / 10).toFixed(1)}%`,
    }));
    return (
      <ResponsiveContainer width="100%" height={Math.max(220, 48 * rows.length + 70)}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 8, left: 8, right: 56, bottom: 24 }}
          title="Class mean score per topic"
          desc="The same numbers are in the table below the chart."
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" tick={AXIS_TEXT}>
            <Label value="Class mean score (%)" position="bottom" offset={4} style={AXIS_TEXT} />
          </XAxis>
          <YAxis type="category" dataKey="name" width={170} tick={AXIS_TEXT} interval={0}>
            <Label value="Topic" angle={-90} position="insideLeft" offset={-4} style={AXIS_TEXT} />
          </YAxis>
          <Tooltip
            formatter={(_v, _n, item) => [String((item.payload as { shown: string }).shown), "Class mean"]}
            labelFormatter={(_l, payload) => String((payload?.[0]?.payload as { full?: string } | undefined)?.full ?? "")}
          />
          <Bar dataKey="percent" fill="#1f6f62" isAnimationActive={false}>
            <LabelList dataKey="shown" position="right" style={AXIS_TEXT} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    );
  }

  function Histogram({ data }: { data: HistogramDatum[] }) {
    const max = Math.max(0, ...data.map((d) => d.count));
    const ticks = countTicks(max);
    // Ticks name each band by its lower edge ("0", "10", … "90"): ten "0–10%" labels do not fit a phone unrotated.
    const rows = data.map((d) => ({ ...d, edge: d.label.split("–")[0] ?? d.label }));
    return (
      <ResponsiveContainer width="100%" height={280}>
        <BarChart
          data={rows}
          margin={{ top: 20, left: 8, right: 16, bottom: 24 }}
          title="Students per overall-score band"
          desc="The same numbers are in the table below the chart."
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="edge" tick={AXIS_TEXT} interval={0}>
            <Label value="Overall score (%), in bands of 10 from the number shown" position="bottom" offset={4} style={AXIS_TEXT} />
          </XAxis>
          <YAxis
            allowDecimals={false}
            domain={[0, ticks ? ticks[ticks.length - 1]! : "auto"]}
            ticks={ticks ?? undefined}
            tick={AXIS_TEXT}
            width={44}
          >
            <Label value="Students" angle={-90} position="insideLeft" offset={8} style={AXIS_TEXT} />
          </YAxis>
          <Tooltip
            formatter={(v) => [String(v), "Students"]}
            labelFormatter={(_l, payload) => String((payload?.[0]?.payload as { label?: string } | undefined)?.label ?? "")}
          />
          <Bar dataKey="count" fill="#17584e" isAnimationActive={false}>
            <LabelList dataKey="count" position="top" style={AXIS_TEXT} formatter={(v) => (Number(v) > 0 ? String(v) : "")} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    );
  }

  function Charts({ kind, mastery, histogram }: { kind: "mastery" | "histogram"; mastery: MasteryDatum[]; histogram: HistogramDatum[] }) {
    return kind === "mastery" ? <MasteryBars data={mastery} /> : <Histogram data={histogram} />;
  }
  return { default: Charts };
});

/** Renders children (and so starts loading their code) once the placeholder is near the viewport. */
function WhenVisible({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || visible) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: "200px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible]);
  return <div ref={ref}>{visible ? <Suspense fallback={fallback}>{children}</Suspense> : fallback}</div>;
}

const pct = (p: number | null) => (p === null ? "—" : `${p.toFixed(1)}%`);

export function ClassCharts({
  mastery,
  histogram,
  gradedStudents,
}: {
  mastery: MasteryDatum[];
  histogram: HistogramDatum[];
  gradedStudents: number;
}) {
  const fallback = <div className="h-[260px] rounded bg-stone-100 motion-safe:animate-pulse dark:bg-stone-800" />;
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <figure className="flex flex-col gap-3" aria-labelledby="mastery-chart-title">
        <figcaption id="mastery-chart-title" className="font-medium">
          Class mastery per topic (mean score)
        </figcaption>
        <WhenVisible fallback={fallback}>
          <ChartsImpl kind="mastery" mastery={mastery} histogram={histogram} />
        </WhenVisible>
        <details>
          <summary className="cursor-pointer text-sm">Show the numbers</summary>
          <table className="mt-2 w-full border-collapse text-left text-sm">
            <caption className="sr-only">Class mean score per topic</caption>
            <thead>
              <tr className="border-b border-stone-300 dark:border-stone-700">
                <th scope="col" className="py-1 pr-3">
                  Topic
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  Mean score
                </th>
                <th scope="col" className="py-1 text-right">
                  Students with a score
                </th>
              </tr>
            </thead>
            <tbody>
              {mastery.map((m) => (
                <tr key={m.title} className="border-b border-stone-200 dark:border-stone-800">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {m.title}
                  </th>
                  <td className="py-1 pr-3 text-right tabular-nums">{pct(m.meanPercent)}</td>
                  <td className="py-1 text-right tabular-nums">{m.students}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>

      <figure className="flex flex-col gap-3" aria-labelledby="histogram-chart-title">
        <figcaption id="histogram-chart-title" className="font-medium">
          Distribution of overall scores ({gradedStudents} student{gradedStudents === 1 ? "" : "s"} with a grade)
        </figcaption>
        <WhenVisible fallback={fallback}>
          <ChartsImpl kind="histogram" mastery={mastery} histogram={histogram} />
        </WhenVisible>
        <details>
          <summary className="cursor-pointer text-sm">Show the numbers</summary>
          <table className="mt-2 w-full border-collapse text-left text-sm">
            <caption className="sr-only">Number of students per overall-score band</caption>
            <thead>
              <tr className="border-b border-stone-300 dark:border-stone-700">
                <th scope="col" className="py-1 pr-3">
                  Overall score
                </th>
                <th scope="col" className="py-1 text-right">
                  Students
                </th>
              </tr>
            </thead>
            <tbody>
              {histogram.map((b) => (
                <tr key={b.label} className="border-b border-stone-200 dark:border-stone-800">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {b.label}
                  </th>
                  <td className="py-1 text-right tabular-nums">{b.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
    </div>
  );
}
