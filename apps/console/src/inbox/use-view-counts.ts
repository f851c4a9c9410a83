import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import { useLive, useLiveEvent } from '../live/live-context';
import type { QueueViews } from '../live/live-types';
import type { Page, Ticket } from '../shared/api-types';
import { useDebounced } from '../shared/use-debounced';
import { SAVED_VIEWS } from './saved-views';

/**
 * Counts per saved view: the live `queue.counts` pushes when the server sends them; until the
 * first one arrives, the list API's totals, refreshed when a ticket changes.
 */
export function useViewCounts(): Partial<QueueViews> {
  const { api } = useSession();
  const live = useLive();
  const [fallback, setFallback] = useState<Partial<QueueViews>>({});
  const [version, setVersion] = useState(0);
  const refresh = useDebounced(() => setVersion((value) => value + 1), 500);
  useLiveEvent('ticket.changed', refresh);

  useEffect(() => {
    if (live.counts) return;
    let current = true;
    void Promise.all(
      SAVED_VIEWS.map((view) =>
        api.get<Page<Ticket>>('/api/tickets', { ...view.query, pageSize: 1 }).then(
          (page) => [view.countKey, page.total] as const,
          () => [view.countKey, undefined] as const,
        ),
      ),
    ).then((entries) => current && setFallback(Object.fromEntries(entries)));
    return () => {
      current = false;
    };
  }, [api, live.counts, version]);

  return live.counts?.views ?? fallback;
}
