"use client";
// The recharts line chart behind HistoryChart: one line per topic, one point per finished attempt (0–100%).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HistoryDTO } from "@/lib/dal/progress";

// Distinguishable in light and dark themes; dash patterns tell lines apart without colour.
const COLOURS = ["#17584e", "#b45309", "#1d4ed8", "#be123c", "#7c3aed", "#4d7c0f"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3"];

// Browser-only (no SSR), so the browser's own zone; the same "Dec 4" style as lib/dates/format.ts.
const dayFormat = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short" });

export function HistoryLines({ history }: { history: HistoryDTO }) {
  const data = history.points.map((p, i) => ({ n: i + 1, date: dayFormat.format(new Date(p.finishedAt)), quiz: p.quizTitle, ...p.scores }));
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d6d3d1" />
          <XAxis dataKey="n" tickFormatter={(n: number) => data[n - 1]?.date ?? ""} tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 100]} unit="%" width={48} tick={{ fontSize: 12 }} />
          <Tooltip
            labelFormatter={(n) => {
              const row = data[Number(n) - 1];
              return row ? `${row.date} · ${row.quiz}` : "";
            }}
            formatter={(value) => `${String(value)}%`}
          />
          <Legend />
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
