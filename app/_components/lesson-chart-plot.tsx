"use client";
// The recharts drawing behind LessonChart: a line or bar chart of one cited data set, with axis titles and the
// lesson's annotated events as labelled reference lines. Loaded only in the browser (see lesson-chart.tsx).
import {
  Bar,
  BarChart,
  CartesianGrid,
  Label,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { LessonChartProps } from "./lesson-chart";

// Distinguishable in light and dark themes; dash patterns tell lines apart without colour.
const COLOURS = ["#17584e", "#b45309", "#1d4ed8", "#be123c"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3"];

export function LessonChartPlot({ kind, rows, xKey, xLabel, yLabel, series, annotations }: LessonChartProps) {
  const common = {
    data: rows,
    margin: { top: 24, right: 16, bottom: 28, left: 12 },
  };
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#d6d3d1" />
      <XAxis dataKey={xKey} tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12}>
        <Label value={xLabel} position="insideBottom" offset={-16} style={{ fontSize: 12 }} />
      </XAxis>
      <YAxis tick={{ fontSize: 12 }} width={56}>
        <Label value={yLabel} angle={-90} position="insideLeft" style={{ fontSize: 12, textAnchor: "middle" }} />
      </YAxis>
      <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(1) : String(v))} />
      {series.length > 1 && <Legend verticalAlign="top" height={24} />}
      {annotations.map((a) => (
        <ReferenceLine key={`${a.x}-${a.label}`} x={a.x} stroke="#57534e" strokeDasharray="4 2">
          <Label value={a.label} position="top" style={{ fontSize: 11 }} />
        </ReferenceLine>
      ))}
    </>
  );
  return (
    <div className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        {kind === "bar" ? (
          <BarChart {...common}>
            {axes}
            {series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <LineChart {...common}>
            {axes}
            {series.map((s, i) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={COLOURS[i % COLOURS.length]}
                strokeDasharray={DASHES[i % DASHES.length]}
                strokeWidth={2}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
