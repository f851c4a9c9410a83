import type { TicketViewer } from '../live/live-types';

/**
 * "Also here": the customer when they have the ticket's web chat open (a reply reaches them at
 * once), and the other agents watching the ticket, and whether they are writing a reply.
 */
export function PresenceBar({
  viewers,
  myId,
  customerInChat = false,
}: {
  viewers: TicketViewer[];
  myId: string;
  customerInChat?: boolean;
}) {
  const others = viewers.filter((viewer) => viewer.agentId !== myId);
  if (others.length === 0 && !customerInChat) return null;
  return (
    <p className="presence" role="status" aria-live="polite">
      {customerInChat && <span className="viewer viewer-customer">The customer is in the chat now</span>}
      {others.map((viewer) => (
        <span key={viewer.agentId} className={`viewer viewer-${viewer.mode}`}>
          {viewer.name} is {viewer.mode === 'replying' ? 'replying' : 'also viewing'}
        </span>
      ))}
    </p>
  );
}
