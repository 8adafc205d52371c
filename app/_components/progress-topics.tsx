// Mastery per topic as labelled bars: level, score, what would move it up, the memory forecast, and the readable rule.
import Link from "@/app/_components/link";
import { MASTERY_RULE_TEXT, type MasteryLevel } from "@/lib/stats/mastery";
import { forecastSentence, type TopicProgressDTO } from "@/lib/dal/progress";

const LEVEL_STEP: Record<MasteryLevel, number> = { "not-started": 0, attempted: 1, familiar: 2, proficient: 3, mastered: 4 };
const LEVEL_COUNT = 4;

export function ProgressTopics({
  topics,
  audience = "learner",
}: {
  topics: TopicProgressDTO[];
  /** "learner" links each topic to practice and shows the memory forecast; "instructor" shows the evidence only. */
  audience?: "learner" | "instructor";
}) {
  return (
    <section aria-labelledby="progress-heading" className="flex flex-col gap-3">
      <h2 id="progress-heading" className="text-xl font-semibold">
        Progress by topic
      </h2>
      <ul className="flex flex-col gap-3">
        {topics.map((t) => {
          const step = LEVEL_STEP[t.level];
          return (
            <li
              key={t.slug}
              className="flex flex-col gap-1 rounded border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-medium">{audience === "learner" ? <Link href={`/learn/${t.slug}`}>{t.title}</Link> : t.title}</h3>
                <p className="text-sm">
                  <span className="font-semibold">{t.levelLabel}</span>
                  {t.evidenceCount > 0 && (
                    <span className="text-stone-600 dark:text-stone-300">
                      {" "}
                      · score {Math.round(t.score * 100)}% · {t.evidenceCount} question{t.evidenceCount === 1 ? "" : "s"}
                    </span>
                  )}
                </p>
              </div>
              <div
                role="progressbar"
                aria-label={`${t.title}: mastery level`}
                aria-valuemin={0}
                aria-valuemax={LEVEL_COUNT}
                aria-valuenow={step}
                aria-valuetext={`${t.levelLabel}, level ${step} of ${LEVEL_COUNT}`}
                className="flex h-2 w-full gap-1"
              >
                {Array.from({ length: LEVEL_COUNT }, (_, i) => (
                  <span key={i} className={`h-full flex-1 rounded ${i < step ? "bg-brand-600" : "bg-stone-200 dark:bg-stone-700"}`} />
                ))}
              </div>
              <p className="text-sm text-stone-600 dark:text-stone-300">{t.nextStep}</p>
              {audience === "learner" && t.recallInAWeek !== null && <p className="text-sm">{forecastSentence(t.recallInAWeek)}</p>}
            </li>
          );
        })}
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">How levels are decided</summary>
        <ul className="mt-2 flex list-disc flex-col gap-1 pl-6">
          {MASTERY_RULE_TEXT.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
