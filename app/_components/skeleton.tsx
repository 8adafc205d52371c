// A placeholder for a section that is still loading (inside <Suspense>): grey bars the size of what is coming, and
// the words for screen readers. The pulse stops for people who asked for less motion.
export function SectionSkeleton({ label, lines = 4 }: { label: string; lines?: number }) {
  return (
    <div role="status" className="flex flex-col gap-3" aria-live="polite">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="h-6 w-48 rounded bg-stone-200 motion-safe:animate-pulse dark:bg-stone-800" />
      {Array.from({ length: lines }, (_, i) => (
        <div
          key={i}
          aria-hidden="true"
          className="h-4 rounded bg-stone-200 motion-safe:animate-pulse dark:bg-stone-800"
          style={{ width: `${90 - ((i * 17) % 40)}%` }}
        />
      ))}
    </div>
  );
}
