import { redirect } from "next/navigation";
import { getViewer } from "@/lib/dal/viewer";
import { getAccount } from "@/lib/dal/accounts";
import { ChangePasswordForm, DisplayNameForm, SignOutEverywhereForm } from "@/app/_components/account-forms";

export const metadata = { title: "Your account" };

const PROVIDER_NAMES: Record<string, string> = { github: "GitHub", google: "Google" };

export default async function AccountPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent("/account")}`);
  const account = await getAccount(viewer);

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="text-stone-700 dark:text-stone-300">
          Signed in as <span className="font-medium">{account.email}</span>
          {account.signsInWith.length > 0 && <> (also with {account.signsInWith.map((p) => PROVIDER_NAMES[p] ?? p).join(" and ")})</>}.
        </p>
      </div>

      <section aria-labelledby="name-heading" className="flex flex-col gap-3">
        <h2 id="name-heading" className="text-xl font-semibold">
          Name
        </h2>
        <p className="text-sm text-stone-600 dark:text-stone-300">Shown to the instructors of your classes and in the header.</p>
        <DisplayNameForm name={account.name} />
      </section>

      <section aria-labelledby="password-heading" className="flex flex-col gap-3">
        <h2 id="password-heading" className="text-xl font-semibold">
          Password
        </h2>
        {account.hasPassword ? (
          <>
            <p className="text-sm text-stone-600 dark:text-stone-300">Changing it signs you out on every other browser and device.</p>
            <ChangePasswordForm />
          </>
        ) : (
          <p>This account signs in with GitHub or Google and has no password.</p>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Sessions
        </h2>
        <p className="max-w-prose text-stone-700 dark:text-stone-300">
          Signed in on a shared or lost device? This ends every session of your account at once, this one included; each device has to sign
          in again. Signing out, changing your password or having your role changed does the same.
        </p>
        <SignOutEverywhereForm />
      </section>
    </div>
  );
}
