import { plural } from '../shared/format';
import { SAVED_VIEWS, type ViewId } from './saved-views';
import { useViewCounts } from './use-view-counts';

export function ViewTabs({ current, onSelect }: { current: ViewId; onSelect: (id: ViewId) => void }) {
  const counts = useViewCounts();
  return (
    <nav className="view-tabs" aria-label="Saved views">
      {SAVED_VIEWS.map((view, index) => {
        const count = counts[view.countKey];
        return (
          <button
            key={view.id}
            type="button"
            className={view.id === current ? 'view-tab active' : 'view-tab'}
            aria-current={view.id === current ? 'page' : undefined}
            onClick={(event) => {
              onSelect(view.id);
              // A click with the mouse (detail: click count; 0 from Enter or Space) leaves the tab, so
              // that Enter goes on to open the selected ticket instead of clicking the tab again.
              if (event.detail > 0) event.currentTarget.blur();
            }}
            title={`${view.label} (key ${index + 1})`}
            data-view={view.id}
          >
            {view.label}
            <span
              className="count"
              aria-label={count === undefined ? 'unknown number of tickets' : plural(count, 'ticket')}
              data-count={view.id}
            >
              {count ?? '–'}
            </span>
          </button>
        );
      })}
    </nav>
  );
}
