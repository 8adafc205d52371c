// The page for any address that does not exist or is not yours: one calm message, and ways on.
import Link from "@/app/_components/link";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">We could not find that page</h1>
      <p>
        The address may be mistyped, or the page belongs to someone else (a class, attempt or student that is not yours looks the same as
        one that does not exist).
      </p>
      <ul className="list-disc pl-6">
        <li>
          <Link href="/learn">Browse the lessons</Link>
        </li>
        <li>
          <Link href="/dashboard">Go to your dashboard</Link>
        </li>
        <li>
          <Link href="/">Back to the course overview</Link>
        </li>
      </ul>
    </div>
  );
}
