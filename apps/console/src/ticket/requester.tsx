import type { Ticket } from '../shared/api-types';

/** "Jane Doe <jane@example.com>", or the address or phone alone when the requester has no name. */
export function Requester({ requester }: { requester: Ticket['requester'] }) {
  return (
    <>
      <strong>{requester.name ?? requester.email ?? requester.phone ?? 'unknown'}</strong>
      {requester.name && requester.email && <span className="muted"> &lt;{requester.email}&gt;</span>}
    </>
  );
}
