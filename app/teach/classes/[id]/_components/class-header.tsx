// The class page's heading: name, term and a short summary.
import Link from "@/app/_components/link";
import type { ClassDetailDTO } from "@/lib/dal/classes";

export function ClassHeader({ detail }: { detail: ClassDetailDTO }) {
  const n = detail.studentCount;
  return (
    <header className="flex flex-col gap-1">
      <p className="text-sm">
        <Link href="/teach">← Your classes</Link>
      </p>
      <h1 className="text-2xl font-semibold">{detail.name}</h1>
      <p className="text-stone-600 dark:text-stone-300">
        {[detail.term, `${n} student${n === 1 ? "" : "s"}`, detail.isOwner ? "you own this class" : "you are a co-instructor"]
          .filter(Boolean)
          .join(" · ")}
      </p>
    </header>
  );
}
