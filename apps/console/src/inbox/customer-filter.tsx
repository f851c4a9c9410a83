import { useSession } from '../auth/session';
import type { AccountSummary } from '../billing/link-account';
import { useResource } from '../shared/use-resource';

interface Props {
  /** A customer account id: every contact's tickets of that account. */
  account?: string;
  /** A requester's email address or phone: that person's tickets. */
  requester?: string;
  onClear: () => void;
}

/** Says whose tickets the inbox is limited to (from a ticket's "other tickets" panel), and lifts it. */
export function CustomerFilter({ account, requester, onClear }: Props) {
  const { api } = useSession();
  const named = useResource(
    () => (account ? api.get<AccountSummary>(`/api/accounts/${account}`) : Promise.resolve(null)),
    `customer-filter/${account ?? ''}`,
  );
  if (!account && !requester) return null;
  const whose = account
    ? named.data
      ? `${named.data.name} (${named.data.number})`
      : 'one customer account'
    : requester;
  return (
    <p className="customer-filter">
      Only the tickets of <strong>{whose}</strong>
      <button type="button" className="link" onClick={onClear}>
        Show every customer’s
      </button>
    </p>
  );
}
