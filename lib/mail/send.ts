// Owns outgoing mail: through SMTP (nodemailer) when SMTP_URL is set, otherwise written to the server log, so a
// machine without a mail server still works (the operator reads the link there or uses `npm run admin -- reset-link`).
import "server-only";
import nodemailer from "nodemailer";
import { readEnv, type Env } from "@/lib/env";

export type MailMessage = { to: string; subject: string; text: string };

/** The sender: MAIL_FROM, else koza@ the public host, else a name that says where it came from. */
export function mailFrom(env: Env): string {
  if (env.MAIL_FROM) return env.MAIL_FROM;
  const host = env.KOZA_PUBLIC_URL ? new URL(env.KOZA_PUBLIC_URL).hostname : "localhost";
  return `Koza <koza@${host}>`;
}

/**
 * Sends one message. With no SMTP_URL the whole message goes to the log at once (before any await), so callers may
 * fire and forget. A failure to deliver is thrown for the caller to log; it never reaches the person who asked.
 */
export async function sendMail(message: MailMessage, env: Env = readEnv()): Promise<"sent" | "logged"> {
  if (!env.SMTP_URL) {
    console.info(
      `[mail] SMTP_URL is not set, so this message was not sent. To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}`,
    );
    return "logged";
  }
  const transport = nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({ from: mailFrom(env), to: message.to, subject: message.subject, text: message.text });
  } finally {
    transport.close();
  }
  return "sent";
}
