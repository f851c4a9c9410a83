const KEY = 'ledgerdesk.token';

/** The access token, kept in localStorage so that every tab of the console shares one login. */
export const tokenStore = {
  get: (): string | null => localStorage.getItem(KEY),
  set: (token: string): void => localStorage.setItem(KEY, token),
  clear: (): void => localStorage.removeItem(KEY),
};
