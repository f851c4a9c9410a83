import { useEffect, useId, useState } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import type { Page } from '../shared/api-types';
import { label } from '../shared/format';
import { Empty, ErrorState, Loading } from '../shared/states';

export interface AccountSummary {
  id: string;
  number: string;
  name: string;
  status: string;
  currency: string;
}

const SEARCH_DELAY_MS = 300;
const MIN_QUERY = 2;

/** Finds a customer account (number, name, contact email or phone) and links it to the ticket. */
export function LinkAccount({ ticketId, onLinked }: { ticketId: string; onLinked: () => void }) {
  const { api } = useSession();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; page?: Page<AccountSummary>; error?: unknown }>({
    query: '',
  });
  const [linking, setLinking] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const text = query.trim();

  useEffect(() => {
    if (text.length < MIN_QUERY) return;
    let current = true;
    const timer = setTimeout(() => {
      api.get<Page<AccountSummary>>('/api/accounts', { q: text, pageSize: 8 }).then(
        (page) => current && setResults({ query: text, page }),
        (error: unknown) => current && setResults({ query: text, error }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text]);

  async function link(account: AccountSummary) {
    setLinking(account.id);
    setLinkError(null);
    try {
      await api.patch(`/api/tickets/${ticketId}`, { accountId: account.id });
      onLinked();
    } catch (failure) {
      setLinkError(describeError(failure));
      setLinking(null);
    }
  }

  const answered = results.query === text;
  return (
    <div className="link-account stack">
      <label htmlFor={inputId}>Link a customer account</label>
      <input
        id={inputId}
        type="search"
        value={query}
        placeholder="Account number, name or email"
        autoComplete="off"
        onChange={(event) => setQuery(event.target.value)}
      />
      {text.length > 0 && text.length < MIN_QUERY && (
        <p className="muted small">Type at least {MIN_QUERY} characters.</p>
      )}
      {text.length >= MIN_QUERY && !answered && <Loading what="accounts" />}
      {answered && results.error !== undefined && <ErrorState error={results.error} />}
      {answered && results.page?.items.length === 0 && <Empty>No account matches “{text}”.</Empty>}
      {answered && results.page && results.page.items.length > 0 && (
        <ul className="account-results" aria-label="Matching accounts">
          {results.page.items.map((account) => (
            <li key={account.id}>
              <span>
                <strong>{account.name}</strong> <span className="muted">{account.number}</span>{' '}
                <span className="muted small">
                  {account.currency} · {label(account.status)}
                </span>
              </span>
              <button
                type="button"
                disabled={linking !== null}
                aria-label={`${linking === account.id ? 'Linking' : 'Link'} ${account.name}`}
                onClick={() => void link(account)}
              >
                {linking === account.id ? 'Linking…' : 'Link'}
              </button>
            </li>
          ))}
          {results.page.total > results.page.items.length && (
            <li className="muted small">
              {results.page.total - results.page.items.length} more — refine the search.
            </li>
          )}
        </ul>
      )}
      {linkError && (
        <p className="form-error" role="alert">
          {linkError}
        </p>
      )}
    </div>
  );
}
