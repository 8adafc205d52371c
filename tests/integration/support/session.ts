// Who the integration tests are signed in as; the real getViewer() still re-reads the account from the database.
export const testSession: { userId: string | null } = { userId: null };

export function signInAs(userId: string | null): void {
  testSession.userId = userId;
}
