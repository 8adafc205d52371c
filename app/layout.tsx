import type { Metadata } from "next";
import Link from "@/app/_components/link";
import "./globals.css";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import { SignOutButton } from "./_components/sign-out-button";
import { TimeZoneSync } from "./_components/time-zone-sync";

// Every page depends on who is signed in; rendering per request also keeps `next build` away from the database.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Koza — Allies and Capital", template: "%s · Koza" },
  description: "A course and quizzes on U.S.–Japan trade and investment, 1945–2025.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
            <Link href="/" className="mr-auto text-lg font-semibold text-stone-900 no-underline dark:text-stone-100">
              Koza
            </Link>
            <Link href="/learn">Lessons</Link>
            {viewer && <Link href="/dashboard">Dashboard</Link>}
            {viewer && <Link href="/review">Review</Link>}
            {isInstructor(viewer) && <Link href="/teach">Teach</Link>}
            {viewer && <Link href="/account">Account</Link>}
            {viewer ? (
              <span className="flex items-center gap-3">
                <span className="text-sm text-stone-600 dark:text-stone-300">{viewer.name}</span>
                <SignOutButton />
              </span>
            ) : (
              <>
                <Link href="/signin">Sign in</Link>
                <Link href="/signup">Sign up</Link>
              </>
            )}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
        {viewer && <TimeZoneSync stored={viewer.timeZone ?? null} />}
      </body>
    </html>
  );
}
