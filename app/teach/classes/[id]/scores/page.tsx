import { Suspense } from "react";
import { SectionSkeleton } from "@/app/_components/skeleton";
import { parseScoreTableQuery } from "@/lib/stats/score-table-query";
import { ClassFrame, loadClass } from "../_components/class-frame";
import { ScoreSection } from "../_components/score-section";

export const metadata = { title: "Class scores" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ClassScoresPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams?: SearchParams }) {
  const query = parseScoreTableQuery((await searchParams) ?? {});
  const { viewer, detail } = await loadClass((await params).id, "scores");
  return (
    <ClassFrame detail={detail} tab="scores">
      <Suspense fallback={<SectionSkeleton label="Loading the score table…" lines={10} />}>
        <ScoreSection viewer={viewer} classId={detail.id} className={detail.name} query={query} />
      </Suspense>
    </ClassFrame>
  );
}
