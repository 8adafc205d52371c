// A quiet placeholder while a slow page's data loads: announced once as "Loading…", blocks shaped like what comes.
export function PageSkeleton({ label, blocks = 3 }: { label: string; blocks?: number }) {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <p role="status" className="sr-only">
        Loading {label}…
      </p>
      <div className="h-8 w-1/3 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} className="h-28 animate-pulse rounded border border-stone-200 bg-stone-100 dark:border-stone-800 dark:bg-stone-900" />
      ))}
    </div>
  );
}
