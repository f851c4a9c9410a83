import type { TicketViewer } from '../live/live-types';

/** "Also here": the other agents watching the ticket, and whether they are writing a reply. */
export function PresenceBar({ viewers, myId }: { viewers: TicketViewer[]; myId: string }) {
  const others = viewers.filter((viewer) => viewer.agentId !== myId);
  if (others.length === 0) return null;
  return (
    <p className="presence" role="status" aria-live="polite">
      {others.map((viewer) => (
        <span key={viewer.agentId} className={`viewer viewer-${viewer.mode}`}>
          {viewer.name} is {viewer.mode === 'replying' ? 'replying' : 'also viewing'}
        </span>
      ))}
    </p>
  );
}
