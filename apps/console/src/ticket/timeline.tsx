import type { TimelineEntry } from '../shared/api-types';
import { useAgents } from '../shared/use-agents';
import { Empty } from '../shared/states';
import { Time } from '../shared/time';
import { describeEntry } from './timeline-describe';

const HIDDEN_TYPES = new Set(['work.started']);

export function Timeline({
  entries,
  account,
}: {
  entries: TimelineEntry[];
  /** The ticket's customer account, to name it where it was linked. */
  account?: { id: string; number: string; name: string };
}) {
  const agents = useAgents();
  const names = new Map(agents.map((agent) => [agent.id, agent.name]));
  const teams = new Map(agents.flatMap((agent) => agent.teams).map((team) => [team.id, team.name]));
  const others = {
    team: (id: string) => teams.get(id),
    account: (id: string) => (account?.id === id ? `${account.name} (${account.number})` : undefined),
  };
  const shown = entries.filter((entry) => !HIDDEN_TYPES.has(entry.type));
  if (shown.length === 0) return <Empty>Nothing has happened on this ticket yet.</Empty>;
  return (
    <ol className="timeline" aria-label="Conversation and history">
      {shown.map((entry) => {
        const described = describeEntry(entry, (id) => names.get(id), others);
        const hasBody = entry.message || entry.call?.notes;
        return (
          <li
            key={entry.id}
            id={`event-${entry.id}`}
            className={`entry entry-${described.kind}`}
            data-kind={described.kind}
            data-type={entry.type}
          >
            <div className="entry-head">
              <span className="entry-title">{described.title}</span>
              {described.kind === 'note' && <span className="badge">Internal</span>}
              {entry.source === 'import' && <span className="badge">Imported</span>}
              {entry.message?.sender?.verdict === 'fail' && (
                <span className="badge badge-warning" title={entry.message.sender.reason}>
                  ⚠ Sender not verified: its domain says it did not send this
                </span>
              )}
              <span className="entry-time">
                <Time at={entry.at} exact />
              </span>
            </div>
            {described.details.map((detail) => (
              <p key={detail} className="entry-detail">
                {detail}
              </p>
            ))}
            {hasBody && <div className="entry-body">{entry.message?.bodyText ?? entry.call?.notes}</div>}
          </li>
        );
      })}
    </ol>
  );
}
