"use client";
// Score per topic over time: a line chart (loaded only in the browser, so recharts stays out of the first load) with
// the same numbers as a table beside it for screen readers, keyboards and anyone who prefers figures.
import dynamic from "next/dynamic";
import type { HistoryDTO } from "@/lib/dal/progress";
import { formatDate } from "@/lib/dates/format";

const HistoryLines = dynamic(() => import("./progress-history-lines").then((m) => m.HistoryLines), {
  ssr: false,
  loading: () => <div className="h-64 w-full animate-pulse rounded bg-stone-100 dark:bg-stone-800" aria-hidden="true" />,
});

export function HistoryChart({
  history,
  caption = "Your score per topic, by finished attempt",
  emptyText = "Finish a quiz to see your scores over time.",
  timeZone,
}: {
  history: HistoryDTO;
  caption?: string;
  emptyText?: string;
  /** The viewer's zone (server and browser then render the same dates); unknown = UTC. */
  timeZone?: string | null;
}) {
  if (history.points.length === 0) return <p>{emptyText}</p>;
  return (
    <div className="flex flex-col gap-3">
      <div role="img" aria-label={`Line chart: ${caption.toLowerCase()}. The same numbers are in the table below.`}>
        <HistoryLines history={history} />
      </div>
      <details>
        <summary className="cursor-pointer text-sm font-medium">Show the numbers as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{caption} (percent)</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Finished
                </th>
                <th scope="col" className="py-1 pr-3">
                  Quiz
                </th>
                {history.topics.map((t) => (
                  <th key={t.slug} scope="col" className="py-1 pr-3 text-right">
                    {t.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.points.map((p) => (
                <tr key={p.attemptId} className="border-t border-stone-200 dark:border-stone-800">
                  <td className="py-1 pr-3">{formatDate(new Date(p.finishedAt), timeZone)}</td>
                  <td className="py-1 pr-3">{p.quizTitle}</td>
                  {history.topics.map((t) => (
                    <td key={t.slug} className="py-1 pr-3 text-right">
                      {p.scores[t.slug] === undefined ? "—" : `${p.scores[t.slug]}%`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
