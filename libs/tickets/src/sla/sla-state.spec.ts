import { AppConfig } from '@ledgerdesk/shared';
import { slaTargetState, ticketSla, TicketSlaFacts } from './sla-state';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 10, 2, 9, minutes));

describe('slaTargetState', () => {
  const due = at(30);

  it('is met when achieved at or before the due time, breached when after', () => {
    expect(slaTargetState(due, at(10), at(100), 30)).toBe('met');
    expect(slaTargetState(due, at(30), at(100), 30)).toBe('met');
    expect(slaTargetState(due, at(31), at(31), 30)).toBe('breached');
  });

  it('while running: pending, then due_soon inside the window, then breached from the due time on', () => {
    expect(slaTargetState(due, null, at(-1), 30)).toBe('pending');
    expect(slaTargetState(due, null, at(0), 30)).toBe('due_soon');
    expect(slaTargetState(due, null, at(29), 30)).toBe('due_soon');
    expect(slaTargetState(due, null, at(30), 30)).toBe('breached');
    expect(slaTargetState(due, null, at(90), 30)).toBe('breached');
  });

  it('uses the configured window', () => {
    expect(slaTargetState(due, null, at(0), 5)).toBe('pending');
    expect(slaTargetState(due, null, at(25), 5)).toBe('due_soon');
  });
});

describe('ticketSla', () => {
  const open: TicketSlaFacts = {
    status: 'open',
    firstResponseDueAt: at(30),
    resolutionDueAt: at(240),
    firstRespondedAt: null,
    solvedAt: null,
    closedAt: null,
    resolutionPausedSince: null,
  };

  it('runs both targets on an untouched ticket', () => {
    expect(ticketSla(open, at(10), 30)).toEqual({
      firstResponse: { dueAt: at(30), completedAt: null, pausedSince: null, state: 'due_soon' },
      resolution: { dueAt: at(240), completedAt: null, pausedSince: null, state: 'pending' },
    });
  });

  it('stops the first response at the first contact; the resolution keeps running', () => {
    const sla = ticketSla({ ...open, firstRespondedAt: at(45) }, at(50), 30);
    expect(sla.firstResponse).toEqual({
      dueAt: at(30),
      completedAt: at(45),
      pausedSince: null,
      state: 'breached',
    });
    expect(sla.resolution.state).toBe('pending');
  });

  it('stops both at the solve when nobody answered before', () => {
    const sla = ticketSla({ ...open, status: 'solved', solvedAt: at(20) }, at(500), 30);
    expect(sla.firstResponse).toEqual({
      dueAt: at(30),
      completedAt: at(20),
      pausedSince: null,
      state: 'met',
    });
    expect(sla.resolution).toEqual({ dueAt: at(240), completedAt: at(20), pausedSince: null, state: 'met' });
  });

  it('takes the close as the end of a ticket closed without a solve', () => {
    const sla = ticketSla({ ...open, status: 'closed', closedAt: at(300) }, at(500), 30);
    expect(sla.resolution).toEqual({
      dueAt: at(240),
      completedAt: at(300),
      pausedSince: null,
      state: 'breached',
    });
  });

  it('runs the resolution again once a reopen has cleared the solve', () => {
    const reopened = { ...open, firstRespondedAt: at(5), solvedAt: null };
    expect(ticketSla(reopened, at(241), 30).resolution).toEqual({
      dueAt: at(240),
      completedAt: null,
      pausedSince: null,
      state: 'breached',
    });
  });

  it('pauses the resolution while pending, even past its due time; the first response runs on', () => {
    const pending = { ...open, status: 'pending' as const, resolutionPausedSince: at(20) };
    const sla = ticketSla(pending, at(300), 30);
    expect(sla.resolution).toEqual({
      dueAt: at(240),
      completedAt: null,
      pausedSince: at(20),
      state: 'paused',
    });
    expect(sla.firstResponse).toEqual({
      dueAt: at(30),
      completedAt: null,
      pausedSince: null,
      state: 'breached',
    });
  });

  it('reports no pause once the target is achieved', () => {
    const closed = { ...open, status: 'closed' as const, closedAt: at(100), resolutionPausedSince: at(20) };
    expect(ticketSla(closed, at(300), 30).resolution).toEqual({
      dueAt: at(240),
      completedAt: at(100),
      pausedSince: null,
      state: 'met',
    });
  });
});

describe('SLA_DUE_SOON_MINUTES', () => {
  it('defaults to 30 and accepts whole minutes up to a week', () => {
    expect(AppConfig.fromEnvironment({}).slaDueSoonMinutes).toBe(30);
    expect(AppConfig.fromEnvironment({ SLA_DUE_SOON_MINUTES: '90' }).slaDueSoonMinutes).toBe(90);
  });

  it('refuses zero, fractions and more than a week, naming the variable', () => {
    for (const value of ['0', '1.5', 'soon', String(7 * 24 * 60 + 1)]) {
      expect(() => AppConfig.fromEnvironment({ SLA_DUE_SOON_MINUTES: value })).toThrow(
        /SLA_DUE_SOON_MINUTES/,
      );
    }
  });
});
