/**
 * The inbox address an agent last had (view, search, filters, sort and page), for the way back
 * from a ticket. Kept per browser tab; a ticket opened by a link in a new tab goes back to "/".
 */
const KEY = 'ledgerdesk.inbox';

export function rememberInbox(search: string): void {
  try {
    sessionStorage.setItem(KEY, `/${search}`);
  } catch {
    // Storage may be off (private mode, policies); the way back is then the plain inbox.
  }
}

export function inboxAddress(): string {
  try {
    const address = sessionStorage.getItem(KEY);
    return address?.startsWith('/?') ? address : '/';
  } catch {
    return '/';
  }
}
