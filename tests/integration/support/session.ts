// Who the integration tests are signed in as; the real getViewer() still re-reads the account from the database.
export const testSession: { userId: string | null } = { userId: null };

export function signInAs(userId: string | null): void {
  testSession.userId = userId;
}

/** The request headers `headers()` from next/headers returns in integration tests (there is no real request). */
export const testRequest: { headers: Headers } = { headers: new Headers() };
