// Per-topic retention forecasts as plain sentences ("you will likely remember about 80% of this topic in a week").
import Link from "@/app/_components/link";
import { forecastSentence, type TopicProgressDTO } from "@/lib/dal/progress";

export function ProgressForecasts({ topics }: { topics: TopicProgressDTO[] }) {
  const forecast = topics.filter((t) => t.recallInAWeek !== null);
  if (forecast.length === 0) return null;
  return (
    <section aria-labelledby="forecast-heading" className="flex flex-col gap-2">
      <h2 id="forecast-heading" className="text-xl font-semibold">
        Memory forecast
      </h2>
      <ul className="flex flex-col gap-1">
        {forecast.map((t) => (
          <li key={t.slug}>
            <Link href={`/learn/${t.slug}`}>{t.title}</Link>: {forecastSentence(t.recallInAWeek)}
          </li>
        ))}
      </ul>
      <p className="text-sm text-stone-600 dark:text-stone-300">
        Based on the questions of each topic you have answered, if you do no reviews until then. Reviewing when questions are due keeps
        these numbers high.
      </p>
    </section>
  );
}
