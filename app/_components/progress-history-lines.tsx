"use client";
// The recharts line chart behind HistoryChart: one line per topic, one point per finished attempt (0–100%).
import { CartesianGrid, Label, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HistoryDTO } from "@/lib/dal/progress";

// Distinguishable in light and dark themes; dash patterns tell lines apart without colour.
const COLOURS = ["#17584e", "#b45309", "#1d4ed8", "#be123c", "#7c3aed", "#4d7c0f"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3"];

// Browser-only (no SSR), so the browser's own zone; the same "Dec 4" style as lib/dates/format.ts.
const dayFormat = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short" });
const dayTimeFormat = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
const AXIS_TEXT = { fontSize: 13, fill: "currentColor" } as const;
const DAY_MS = 86_400_000;

/** The x-axis spans the attempts' real times, padded half a day each side so no point sits on the chart's edge. */
export function timeDomain(times: number[]): [number, number] {
  const min = Math.min(...times);
  const max = Math.max(...times);
  const pad = Math.max(DAY_MS / 2, (max - min) * 0.05);
  return [min - pad, max + pad];
}

export function HistoryLines({ history }: { history: HistoryDTO }) {
  // Time on a time axis: x is the finishing instant, so a week's gap looks like a week, not like the next attempt.
  const data = history.points.map((p) => ({ t: new Date(p.finishedAt).getTime(), quiz: p.quizTitle, ...p.scores }));
  const domain = timeDomain(data.map((d) => d.t));
  return (
    <div className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 12, right: 20, bottom: 28, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d6d3d1" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            tickCount={5}
            tickFormatter={(t: number) => dayFormat.format(new Date(t))}
            tick={AXIS_TEXT}
          >
            <Label value="Date finished" position="bottom" offset={8} style={AXIS_TEXT} />
          </XAxis>
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" width={56} tick={AXIS_TEXT}>
            <Label value="Score" angle={-90} position="insideLeft" offset={0} style={AXIS_TEXT} />
          </YAxis>
          <Tooltip
            labelFormatter={(t, payload) => {
              const row = payload?.[0]?.payload as { quiz?: string } | undefined;
              return `${dayTimeFormat.format(new Date(Number(t)))}${row?.quiz ? ` · ${row.quiz}` : ""}`;
            }}
            formatter={(value) => `${String(value)}%`}
          />
          <Legend verticalAlign="top" height={36} />
          {history.topics.map((t, i) => (
            <Line
              key={t.slug}
              type="monotone"
              dataKey={t.slug}
              name={t.title}
              stroke={COLOURS[i % COLOURS.length]}
              strokeDasharray={DASHES[i % DASHES.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
