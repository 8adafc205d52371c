"use server";
// Owns the account page's entry points: display name, password change, and signing out everywhere.
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { passwordProblem } from "@/lib/auth/password";
import { DISPLAY_NAME_MAX, MAX_PASSWORD_LENGTH } from "@/lib/quiz/limits";
import { changePassword, endAllSessions, setTimeZone, updateDisplayName } from "@/lib/dal/accounts";
import { isStorableTimeZone } from "@/lib/dates/format";
import { requireViewer } from "@/lib/dal/viewer";
import { safeText } from "@/lib/validation/text";
import { defineFormAction, NoInput } from "./define";
import { ActionRefusal, failure, refused, type ActionResult } from "./result";
import { revalidatePath } from "next/cache";

const DisplayNameSchema = z.object({
  name: safeText().trim().min(1, "Enter your name.").max(DISPLAY_NAME_MAX, `Use at most ${DISPLAY_NAME_MAX} characters.`),
});

const ChangePasswordSchema = z
  .object({
    currentPassword: safeText().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH, "That is not your current password."),
    newPassword: safeText().max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    newPasswordAgain: safeText().max(MAX_PASSWORD_LENGTH),
  })
  .refine((v) => v.newPassword === v.newPasswordAgain, { path: ["newPasswordAgain"], message: "The two new passwords are not the same." })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });

/** The name and the session show in the header of every page. */
const everyPage = { revalidate: () => [{ path: "/", type: "layout" } as const] };

export const updateDisplayNameAction = defineFormAction(
  { schema: DisplayNameSchema },
  async ({ name }, viewer) => {
    await updateDisplayName(viewer, name);
    return { message: "Your name is saved." };
  },
  everyPage,
);

/** Every session of the account ends (whoever knew the old password may hold one); this browser is signed in again. */
export const changePasswordAction = defineFormAction(
  { schema: ChangePasswordSchema },
  async ({ currentPassword, newPassword }, viewer) => {
    const problem = passwordProblem(newPassword, viewer.email, viewer.name);
    if (problem) throw new ActionRefusal(refused("Please check the highlighted fields.", "invalid", { newPassword: [problem] }));
    await changePassword(viewer, currentPassword, newPassword);
    try {
      await signIn("credentials", { email: viewer.email, password: newPassword, redirect: false });
    } catch (error) {
      // The change stands; only this browser's fresh session failed (e.g. a sign-in limit), so say what to do.
      console.error("[account] re-sign-in after a password change failed:", error);
      return { message: "Password changed and every session signed out. Sign in again with your new password." };
    }
    return { message: "Password changed. Every other browser and device has been signed out." };
  },
  everyPage,
);

/** Ends every session of the account, this one included, and goes to the home page. */
export const signOutEverywhereAction = defineFormAction({ schema: NoInput }, (_input, viewer) => endAllSessions(viewer), {
  navigate: () => signOut({ redirectTo: "/" }),
});

/**
 * The zone the browser reports (Intl.DateTimeFormat().resolvedOptions().timeZone), posted once per session by
 * app/_components/time-zone-sync.tsx: pages render dates in it from then on. Anything that is not a known IANA zone
 * name is refused and nothing changes.
 */
export async function saveTimeZoneAction(input: unknown): Promise<ActionResult<{ timeZone: string; changed: boolean }>> {
  try {
    const viewer = await requireViewer();
    const zone = (input as { timeZone?: unknown } | null)?.timeZone;
    if (!isStorableTimeZone(zone)) return refused("That is not a time zone we know.", "invalid", { timeZone: ["Not a known time zone."] });
    const { changed } = await setTimeZone(viewer, zone);
    if (changed) revalidatePath("/", "layout");
    return { ok: true, data: { timeZone: zone, changed } };
  } catch (error) {
    return failure(error);
  }
}
