"use client";
// The administrator's LTI registration forms: add a platform (with field errors), remove one (confirmed).
import { useActionState } from "react";
import { addPlatformAction, removePlatformAction } from "@/lib/actions/lti";
import { FormError, TextField, buttonClass } from "@/app/_components/form-fields";
import { ConfirmSubmit } from "@/app/_components/confirm-submit";

export function AddPlatformForm() {
  const [state, action, pending] = useActionState(addPlatformAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-2xl flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      {state?.ok && (
        <p role="status">
          Registered {state.data.issuer} (client id {state.data.clientId}).
        </p>
      )}
      <TextField
        label="Issuer"
        name="issuer"
        required
        hint="Canvas cloud: https://canvas.instructure.com. Moodle: your site's URL."
        errors={fe?.issuer}
      />
      <TextField label="Client id" name="clientId" required autoComplete="off" errors={fe?.clientId} />
      <TextField
        label="Deployment ids"
        name="deploymentIds"
        required
        hint="One or more, separated by spaces or commas."
        errors={fe?.deploymentIds}
      />
      <TextField label="Authorization endpoint (OIDC auth URL)" name="authUrl" required errors={fe?.authUrl} />
      <TextField label="Token endpoint (access token URL)" name="tokenUrl" required errors={fe?.tokenUrl} />
      <TextField label="Public key set URL (JWKS)" name="jwksUrl" required errors={fe?.jwksUrl} />
      <TextField
        label="Extra origins allowed to frame Koza (optional)"
        name="frameOrigins"
        hint="Your LMS's own address when it differs from the issuer, e.g. https://school.instructure.com."
        errors={fe?.frameOrigins}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving the registration…" : "Add registration"}
      </button>
    </form>
  );
}

export function RemovePlatformButton({ platformId, label }: { platformId: string; label: string }) {
  const [state, action, pending] = useActionState(removePlatformAction, null);
  return (
    <form action={action} className="flex flex-col gap-1">
      <input type="hidden" name="platformId" value={platformId} />
      <FormError message={state && !state.ok ? state.error : undefined} />
      <ConfirmSubmit
        trigger={
          <>
            Remove<span className="sr-only"> {label}</span>
          </>
        }
        confirm={`Confirm: remove ${label}`}
        pendingLabel="Removing…"
        pending={pending}
        question="Launches from this platform will stop working."
      />
    </form>
  );
}
