// Owns reading the course (topics, lessons, quizzes): public content, no viewer needed.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import type { Lesson } from "@/lib/content/schema";
import { readLesson } from "@/lib/db/json";

export type TopicSummaryDTO = { slug: string; title: string; order: number; summary: string };

export const listTopics = cache(async (): Promise<TopicSummaryDTO[]> => {
  const rows = await db().lesson.findMany({
    where: { topic: { retiredAt: null } },
    select: { topicSlug: true, title: true, data: true, topic: { select: { order: true } } },
    orderBy: { topic: { order: "asc" } },
  });
  return rows.map((r) => ({
    slug: r.topicSlug,
    title: r.title,
    order: r.topic.order,
    summary: readLesson(r.data, r.topicSlug).summary,
  }));
});

export const getLesson = cache(async (slug: string): Promise<Lesson | null> => {
  const row = await db().lesson.findFirst({ where: { topicSlug: slug, topic: { retiredAt: null } }, select: { data: true } });
  return row ? readLesson(row.data, slug) : null;
});
