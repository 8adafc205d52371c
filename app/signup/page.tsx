import Link from "@/app/_components/link";
import { safeNext } from "@/lib/auth/safe-next";
import { SignUpForm } from "@/app/_components/auth-forms";

export const metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Create an account</h1>
      <SignUpForm next={next === undefined ? undefined : safeNext(next)} />
      <p>
        Already have one? <Link href="/signin">Sign in</Link>.
      </p>
    </div>
  );
}
