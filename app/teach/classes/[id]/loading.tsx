import { PageSkeleton } from "@/app/_components/page-skeleton";

export default function ClassLoading() {
  return <PageSkeleton label="the class" blocks={4} />;
}
