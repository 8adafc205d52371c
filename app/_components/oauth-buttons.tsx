import { enabledOAuthProviders } from "@/lib/auth/config";
import { signInWithProviderAction } from "@/lib/actions/auth";

/** Shown only when an operator configured a provider (AUTH_GITHUB_ID/SECRET, AUTH_GOOGLE_ID/SECRET). */
export function OAuthButtons() {
  const providers = enabledOAuthProviders();
  if (providers.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      {providers.map((p) => (
        <form key={p.id} action={signInWithProviderAction}>
          <input type="hidden" name="provider" value={p.id} />
          <button type="submit" className="rounded border border-stone-400 px-4 py-2">
            Continue with {p.name}
          </button>
        </form>
      ))}
    </div>
  );
}
