import Link from "@/app/_components/link";
import { safeNext } from "@/lib/auth/safe-next";
import { SignInForm } from "@/app/_components/auth-forms";
import { OAuthButtons } from "@/app/_components/oauth-buttons";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <SignInForm next={next === undefined ? undefined : safeNext(next)} />
      <OAuthButtons />
      <p>
        New here? <Link href={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>Create an account</Link>.
      </p>
    </div>
  );
}
