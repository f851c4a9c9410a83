import { InvalidStatusTransition, statusChangeEvent } from './status-transition';

describe('statusChangeEvent', () => {
  it('records nothing when the status does not change', () => {
    expect(statusChangeEvent('open', 'open')).toBeUndefined();
  });

  it('names solving, closing and plain changes', () => {
    expect(statusChangeEvent('open', 'solved')).toBe('ticket.solved');
    expect(statusChangeEvent('new', 'closed')).toBe('ticket.closed');
    expect(statusChangeEvent('open', 'pending')).toBe('ticket.status_changed');
    expect(statusChangeEvent('pending', 'on_hold')).toBe('ticket.status_changed');
  });

  it('treats solved back to open as a reopen', () => {
    expect(statusChangeEvent('solved', 'open')).toBe('ticket.reopened');
  });

  it('keeps closed final', () => {
    expect(() => statusChangeEvent('closed', 'open')).toThrow(InvalidStatusTransition);
    expect(() => statusChangeEvent('closed', 'solved')).toThrow(/closed tickets are final/);
  });

  it('refuses going back to new and leaving solved sideways', () => {
    expect(() => statusChangeEvent('open', 'new')).toThrow(/cannot return to new/);
    expect(() => statusChangeEvent('solved', 'pending')).toThrow(/only be reopened/);
  });
});
