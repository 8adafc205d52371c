"use client";
// Sign-in and sign-up forms: server actions with useActionState, errors next to their fields.
import { useActionState, useId, useState } from "react";
import { signInAction, signUpAction } from "@/lib/actions/auth";
import { DISPLAY_NAME_MAX, MIN_PASSWORD_LENGTH } from "@/lib/quiz/limits";
import { FormError, TextField, buttonClass } from "./form-fields";

/**
 * What was typed survives a refused submit (React resets a form after its action runs, so the fields are controlled).
 * Sign-in keeps the email and clears the password that did not work; both fields are marked invalid and point at
 * the one generic message, which does not say which of the two was wrong.
 */
export function SignInForm({ next }: { next?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const errorId = useId();
  const [state, action, pending] = useActionState(async (prev: Awaited<ReturnType<typeof signInAction>> | null, form: FormData) => {
    const result = await signInAction(prev, form);
    if (!result.ok) setPassword("");
    return result;
  }, null);
  const failed = state && !state.ok && state.code !== "rate_limited";
  const invalid = failed ? ({ "aria-invalid": true, "aria-describedby": errorId } as const) : {};
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormError id={errorId} message={state && !state.ok ? state.error : undefined} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        {...invalid}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        {...invalid}
      />
      {next && <input type="hidden" name="next" value={next} />}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

/** Sign-up keeps every field after a refusal (controlled), so only the field marked invalid needs changing. */
export function SignUpForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(signUpAction, null);
  const [values, setValues] = useState({ name: "", email: "", password: "", inviteCode: "" });
  const bind = (name: keyof typeof values) => ({
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <TextField label="Name" autoComplete="name" required maxLength={DISPLAY_NAME_MAX} errors={fe?.name} {...bind("name")} />
      <TextField label="Email" type="email" autoComplete="email" required errors={fe?.email} {...bind("email")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint="At least 10 characters and hard to guess: a few uncommon words work well."
        errors={fe?.password}
        {...bind("password")}
      />
      <TextField
        label="Instructor invite code (optional)"
        autoComplete="off"
        hint="Only if an administrator gave you one; everyone else signs up as a learner."
        errors={fe?.inviteCode}
        {...bind("inviteCode")}
      />
      {next && <input type="hidden" name="next" value={next} />}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
