"use client";
// The page for an unexpected failure while rendering: says nothing was lost where that is true, and offers a retry.
// The detail goes to the server log (Next logs it with this digest); the learner sees no stack trace.
import Link from "@/app/_components/link";
import { useEffect, useRef } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="flex max-w-2xl flex-col gap-4" role="alert">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold">
        Something went wrong on our side
      </h1>
      <p>
        This page could not be shown just now. Answers you saw as “Saved” are stored; please try again in a moment.
        {error.digest && <span className="block text-sm text-stone-600 dark:text-stone-300">Reference: {error.digest}</span>}
      </p>
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={reset} className="rounded bg-brand-700 px-4 py-2 font-medium text-white">
          Try again
        </button>
        <Link href="/dashboard" className="rounded border border-stone-400 px-4 py-2 no-underline">
          Go to your dashboard
        </Link>
      </div>
    </div>
  );
}
