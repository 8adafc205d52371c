import { PageSkeleton } from "@/app/_components/page-skeleton";

export default function DashboardLoading() {
  return <PageSkeleton label="your dashboard" blocks={3} />;
}
