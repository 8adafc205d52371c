// The frame every class sub-page shares: the access check, the class heading and the tabs (Overview, Assignments,
// Scores, Students, Settings), so no page of the class is a 2,800 px scroll.
import { notFound, redirect } from "next/navigation";
import Link from "@/app/_components/link";
import { getClassForInstructor, type ClassDetailDTO } from "@/lib/dal/classes";
import { NotFoundError } from "@/lib/dal/errors";
import { getViewer, type Viewer } from "@/lib/dal/viewer";
import { parseRouteId } from "@/lib/validation/route-params";
import { ClassHeader } from "./class-header";

export const CLASS_TABS = [
  { slug: "", label: "Overview" },
  { slug: "assignments", label: "Assignments" },
  { slug: "scores", label: "Scores" },
  { slug: "students", label: "Students" },
  { slug: "settings", label: "Settings" },
] as const;
export type ClassTab = (typeof CLASS_TABS)[number]["slug"];

export const classTabPath = (classId: string, tab: ClassTab) => `/teach/classes/${classId}${tab ? `/${tab}` : ""}`;

/**
 * The signed-in instructor and their class, or the redirect to sign-in / a 404 (the same for "no such class" and
 * "not yours"). `roster` pages the students (only the Students tab lists them).
 */
export async function loadClass(
  rawId: string,
  tab: ClassTab,
  roster: { page: number; size: number } = { page: 1, size: 1 },
): Promise<{ viewer: Viewer; detail: ClassDetailDTO }> {
  const id = parseRouteId(rawId);
  if (!id) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(classTabPath(id, tab))}`);
  // No global-role check: the DAL scopes by "teaches this class", and an instructor who arrived by an LTI launch
  // teaches that class without a global instructor role (issue 14).
  const detail = await getClassForInstructor(viewer, id, roster).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!detail) notFound();
  return { viewer, detail };
}

export function ClassFrame({ detail, tab, children }: { detail: ClassDetailDTO; tab: ClassTab; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-6">
      <ClassHeader detail={detail} />
      {/* Scrolls inside its own box on a phone rather than widening the page. */}
      <nav aria-label="Class sections" className="-mx-1 overflow-x-auto border-b border-stone-300 dark:border-stone-700">
        <ul className="flex min-w-max gap-1 px-1">
          {CLASS_TABS.map((t) => {
            const current = t.slug === tab;
            return (
              <li key={t.slug}>
                <Link
                  href={classTabPath(detail.id, t.slug)}
                  aria-current={current ? "page" : undefined}
                  className={`-mb-px block border-b-2 px-3 py-2 no-underline ${
                    current
                      ? "border-brand-600 font-semibold text-stone-900 dark:border-brand-100 dark:text-stone-100"
                      : "border-transparent text-stone-700 hover:border-stone-400 dark:text-stone-300"
                  }`}
                >
                  {t.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="flex flex-col gap-10">{children}</div>
    </div>
  );
}
