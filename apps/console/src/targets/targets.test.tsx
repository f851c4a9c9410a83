import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import type { BusinessHours, KpiTarget, KpiTargets, SlaPolicy } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { BusinessHoursPanel } from './business-hours-panel';
import { KpiTargetsPanel } from './kpi-targets-panel';
import { SlaPoliciesPanel } from './sla-policies-panel';
import { TargetMark } from './target-mark';

afterEach(cleanup);

const KPI_TARGETS: KpiTargets = {
  definitions: [
    { kpi: 'fcrRate', direction: 'at_least', min: 0, max: 1 },
    { kpi: 'ahtSeconds', direction: 'at_most', min: 1, max: 86400 },
  ],
  targets: [
    {
      kpi: 'fcrRate',
      direction: 'at_least',
      teamId: null,
      value: 0.7,
      updatedAt: '2026-11-01T00:00:00Z',
      updatedBy: null,
    },
    {
      kpi: 'ahtSeconds',
      direction: 'at_most',
      teamId: null,
      value: 600,
      updatedAt: '2026-11-01T00:00:00Z',
      updatedBy: null,
    },
    {
      kpi: 'ahtSeconds',
      direction: 'at_most',
      teamId: 'team-1',
      value: 480,
      updatedAt: '2026-11-01T00:00:00Z',
      updatedBy: null,
    },
  ],
};
const POLICY: SlaPolicy = {
  priority: 'urgent',
  firstResponseMinutes: 30,
  resolutionMinutes: 240,
  clock: 'calendar',
  updatedAt: '2026-11-01T00:00:00Z',
  updatedBy: null,
};

const SCHEDULE: BusinessHours = {
  timeZone: 'Europe/Berlin',
  hours: [
    { day: 'monday', opens: '09:00', closes: '12:00' },
    { day: 'monday', opens: '13:00', closes: '17:00' },
    { day: 'tuesday', opens: '09:00', closes: '17:00' },
  ],
  holidays: [{ day: '2026-12-25', name: 'Christmas Day' }],
  updatedAt: '2026-11-01T00:00:00Z',
  updatedBy: { id: 'sup-1', name: 'Sam Supervisor' },
};

function fakeApi(overrides: Record<string, unknown> = {}, kpiTargets = () => KPI_TARGETS) {
  const get = vi.fn((path: string) => {
    if (path === '/api/kpis/targets') return Promise.resolve(kpiTargets());
    if (path === '/api/teams') return Promise.resolve([{ id: 'team-1', name: 'Collections' }]);
    if (path === '/api/sla/policies') return Promise.resolve([POLICY]);
    if (path === '/api/sla/business-hours') return Promise.resolve(SCHEDULE);
    return Promise.reject(new Error(`unexpected GET ${path}`));
  });
  return { get, put: vi.fn(), delete: vi.fn(), ...overrides };
}

function renderWith(api: object, ui: React.ReactNode) {
  render(<WithSession session={testSession(api, { role: 'supervisor' })}>{ui}</WithSession>);
}

describe('<TargetMark>', () => {
  it('says met or missed in symbol and words, not colour alone', () => {
    render(
      <>
        <TargetMark kpi="fcrRate" target={{ target: 0.7, direction: 'at_least', met: true }} />
        <TargetMark kpi="ahtSeconds" target={{ target: 600, direction: 'at_most', met: false }} />
        <TargetMark kpi="csatScore" target={{ target: 85, direction: 'at_least', met: null }} />
      </>,
    );
    const [met, missed, none] = document.querySelectorAll('.target');
    expect(met.textContent).toBe('✓ meets the target of at least 70 %≥ 70 %');
    expect(missed.textContent).toBe('✗ misses the target of at most 10 min≤ 10 min');
    expect(none.textContent).toBe('target at least 85 of 100≥ 85 of 100');
    expect(met.className).toContain('target-met');
    expect(missed.className).toContain('target-missed');
  });
  it('leaves out a target without a figure in dense tables', () => {
    const { container } = render(
      <TargetMark kpi="csatScore" target={{ target: 85, direction: 'at_least', met: null }} onlyWithFigure />,
    );
    expect(container.textContent).toBe('');
  });
});

describe('<KpiTargetsPanel>', () => {
  it('saves a desk-wide target entered in percent as the fraction the API stores', async () => {
    const api = fakeApi({ put: vi.fn(() => Promise.resolve({})) });
    renderWith(api, <KpiTargetsPanel editable />);
    const input = await screen.findByLabelText('First-contact resolution');
    expect(input).toHaveProperty('value', '70');
    await userEvent.clear(input);
    await userEvent.type(input, '75');
    await userEvent.click(
      within(screen.getByRole('form', { name: 'First-contact resolution target' })).getByRole('button', {
        name: 'Save',
      }),
    );
    expect(api.put).toHaveBeenCalledWith('/api/kpis/targets/fcrRate', { value: 0.75 });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved');
  });

  it("shows a team's override, the desk-wide target beside it, and removes the override", async () => {
    const api = fakeApi({ delete: vi.fn(() => Promise.resolve()) });
    renderWith(api, <KpiTargetsPanel editable />);
    await userEvent.selectOptions(await screen.findByLabelText('Scope'), 'team-1');
    const row = screen.getByLabelText('Average handle time').closest('tr')!;
    expect(screen.getByLabelText('Average handle time')).toHaveProperty('value', '8');
    expect(row.textContent).toContain('≤ 10 min');
    await userEvent.click(within(row).getByRole('button', { name: 'Remove override' }));
    expect(api.delete).toHaveBeenCalledWith('/api/kpis/targets/ahtSeconds', { teamId: 'team-1' });
  });

  it('shows the inherited target once a team override is removed, and does not save it again', async () => {
    // A fake server: the targets change with each PUT and DELETE.
    let targets = KPI_TARGETS.targets;
    const put = vi.fn((path: string, body: { value: number; teamId?: string }) => {
      const kpi = path.split('/').pop() as KpiTarget['kpi'];
      const set: KpiTarget = { ...targets[0], kpi, value: body.value, teamId: body.teamId ?? null };
      targets = [...targets, set];
      return Promise.resolve(set);
    });
    const remove = vi.fn((path: string, query: { teamId: string }) => {
      targets = targets.filter((target) => !(path.endsWith(target.kpi) && target.teamId === query.teamId));
      return Promise.resolve();
    });
    const api = fakeApi({ put, delete: remove }, () => ({ ...KPI_TARGETS, targets }));
    renderWith(api, <KpiTargetsPanel editable />);
    await userEvent.selectOptions(await screen.findByLabelText('Scope'), 'team-1');
    const input = screen.getByLabelText('First-contact resolution');
    const row = within(input.closest('tr')!);
    expect(input).toHaveProperty('value', '');
    expect(input.getAttribute('placeholder')).toBe('inherits');

    await userEvent.type(input, '80');
    await userEvent.click(row.getByRole('button', { name: 'Save' }));
    expect(put).toHaveBeenCalledWith('/api/kpis/targets/fcrRate', { value: 0.8, teamId: 'team-1' });
    await userEvent.click(await row.findByRole('button', { name: 'Remove override' }));
    expect(remove).toHaveBeenCalledWith('/api/kpis/targets/fcrRate', { teamId: 'team-1' });
    expect((await row.findByRole('status')).textContent).toBe('Override removed');
    await waitFor(() => expect(row.queryByRole('button', { name: 'Remove override' })).toBeNull());
    expect(input).toHaveProperty('value', '');
    expect(input.getAttribute('placeholder')).toBe('inherits');
    expect(input.closest('tr')!.textContent).toContain('≥ 70 %');

    await userEvent.click(row.getByRole('button', { name: 'Save' }));
    expect(put).toHaveBeenCalledTimes(1);
    expect(row.getByRole('alert').textContent).toBe('Enter a percentage from 0 to 100');
  });

  it('asks for a value in the field’s own unit before sending it', async () => {
    const api = fakeApi({ put: vi.fn(() => Promise.resolve({})) });
    renderWith(api, <KpiTargetsPanel editable />);
    const input = await screen.findByLabelText('First-contact resolution');
    await userEvent.clear(input);
    await userEvent.type(input, '150{Enter}');
    const error = await screen.findByRole('alert');
    expect(error.textContent).toBe('Enter a percentage from 0 to 100');
    expect(api.put).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(error.id);

    const aht = screen.getByLabelText('Average handle time');
    await userEvent.clear(aht);
    await userEvent.type(aht, '0{Enter}');
    expect(within(aht.closest('tr')!).getByRole('alert').textContent).toBe(
      'Enter a number of minutes from 0.02 to 1440',
    );
    expect(api.put).not.toHaveBeenCalled();
  });

  it("shows the API's refusal next to the field in the field's words, not its property name", async () => {
    const refusal = new ApiError(422, {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'value: a fcrRate target must be from 0 to 1',
      details: [{ field: 'value', problems: ['must be from 0 to 1 for fcrRate'] }],
    });
    const api = fakeApi({ put: vi.fn(() => Promise.reject(refusal)) });
    renderWith(api, <KpiTargetsPanel editable />);
    const input = await screen.findByLabelText('First-contact resolution');
    await userEvent.clear(input);
    await userEvent.type(input, '75{Enter}');
    const error = await screen.findByRole('alert');
    expect(error.textContent).toBe('must be from 0 to 1 for First-contact resolution');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
  });

  it('is read-only for agents', async () => {
    renderWith(fakeApi(), <KpiTargetsPanel editable={false} />);
    await screen.findByText('≥ 70 %');
    expect(screen.queryByRole('spinbutton')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});

describe('<SlaPoliciesPanel>', () => {
  it('saves minutes per priority and says how many tickets were re-timed', async () => {
    const api = fakeApi({
      put: vi.fn(() => Promise.resolve({ ...POLICY, firstResponseMinutes: 20, retimedTickets: 3 })),
    });
    renderWith(api, <SlaPoliciesPanel editable />);
    const first = await screen.findByLabelText('Urgent: First response (minutes)');
    await userEvent.clear(first);
    await userEvent.type(first, '20');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.put).toHaveBeenCalledWith('/api/sla/policies/urgent', {
      firstResponseMinutes: 20,
      resolutionMinutes: 240,
      clock: 'calendar',
    });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved; 3 open tickets re-timed');
  });

  it('asks for whole minutes, at least 1, before sending', async () => {
    const api = fakeApi({ put: vi.fn(() => Promise.resolve({ ...POLICY, retimedTickets: 0 })) });
    renderWith(api, <SlaPoliciesPanel editable />);
    const first = await screen.findByLabelText('Urgent: First response (minutes)');
    const resolution = screen.getByLabelText('Urgent: Resolution (minutes)');
    const errorOf = (input: HTMLElement) =>
      document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;
    await userEvent.clear(first);
    await userEvent.type(first, '0');
    await userEvent.clear(resolution);
    await userEvent.type(resolution, '2.5');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(first)).toBe('Enter at least 1 minute');
    expect(errorOf(resolution)).toBe('Enter a whole number of minutes');

    await userEvent.clear(first);
    await userEvent.type(first, '300');
    await userEvent.clear(resolution);
    await userEvent.type(resolution, '240');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(errorOf(first)).toBe('Enter at most the resolution time (240 minutes)');
    expect(resolution.getAttribute('aria-invalid')).toBeNull();
    expect(api.put).not.toHaveBeenCalled();
  });

  it("shows the API's refusal next to the field it names, in the field's words", async () => {
    const refusal = new ApiError(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'resolutionMinutes must be at most 525600 (one year)',
      details: [
        { field: 'resolutionMinutes', problems: ['resolutionMinutes must be at most 525600 (one year)'] },
      ],
    });
    const api = fakeApi({ put: vi.fn(() => Promise.reject(refusal)) });
    renderWith(api, <SlaPoliciesPanel editable />);
    const resolution = await screen.findByLabelText('Urgent: Resolution (minutes)');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(resolution.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(resolution.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Resolution (minutes) must be at most 525600 (one year)',
    );
    expect(screen.getByLabelText('Urgent: First response (minutes)').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('<SlaPoliciesPanel> clock', () => {
  it('switches a priority to business hours', async () => {
    const api = fakeApi({
      put: vi.fn(() => Promise.resolve({ ...POLICY, clock: 'business', retimedTickets: 4 })),
    });
    renderWith(api, <SlaPoliciesPanel editable />);
    await userEvent.selectOptions(await screen.findByLabelText('Urgent: clock'), 'Business hours');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.put).toHaveBeenCalledWith('/api/sla/policies/urgent', {
      firstResponseMinutes: 30,
      resolutionMinutes: 240,
      clock: 'business',
    });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved; 4 open tickets re-timed');
  });

  it("shows the API's refusal of business hours next to the clock", async () => {
    const refusal = new ApiError(422, {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'clock business needs opening hours: set the business hours first',
      details: [{ field: 'clock', problems: ['the desk has no opening hours'] }],
    });
    const api = fakeApi({ put: vi.fn(() => Promise.reject(refusal)) });
    renderWith(api, <SlaPoliciesPanel editable />);
    const clock = await screen.findByLabelText('Urgent: clock');
    await userEvent.selectOptions(clock, 'Business hours');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(clock.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(clock.getAttribute('aria-describedby')!)?.textContent).toBe(
      'the desk has no opening hours',
    );
  });

  it('shows the clock to agents as words', async () => {
    renderWith(fakeApi(), <SlaPoliciesPanel editable={false} />);
    const row = (await screen.findByText('Urgent')).closest('tr')!;
    expect(within(row).getByText('Calendar time')).toBeTruthy();
  });
});

describe('<BusinessHoursPanel>', () => {
  const errorOf = (input: HTMLElement) =>
    document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

  it('edits the week (a break, a day added, a day closed) and says how many tickets were re-timed', async () => {
    // The schedule reloads after the save with a new updatedAt (the form starts again from it).
    let current = SCHEDULE;
    const api = fakeApi({
      get: vi.fn(() => Promise.resolve(current)),
      put: vi.fn(() => {
        current = { ...SCHEDULE, updatedAt: '2026-11-26T10:00:00Z' };
        return Promise.resolve({ ...current, retimedTickets: 2 });
      }),
    });
    renderWith(api, <BusinessHoursPanel editable />);
    expect((await screen.findByLabelText<HTMLInputElement>('Time zone')).value).toBe('Europe/Berlin');
    expect(screen.getByLabelText<HTMLInputElement>('Monday (2): opens').value).toBe('13:00');

    await userEvent.click(screen.getByRole('button', { name: 'Remove Tuesday hours' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add hours on Saturday' }));
    const closes = screen.getByLabelText('Saturday: closes');
    await userEvent.clear(closes);
    await userEvent.type(closes, '13:30');
    await userEvent.click(screen.getByRole('button', { name: 'Save opening hours' }));

    expect(api.put).toHaveBeenCalledWith('/api/sla/business-hours', {
      timeZone: 'Europe/Berlin',
      hours: [
        { day: 'monday', opens: '09:00', closes: '12:00' },
        { day: 'monday', opens: '13:00', closes: '17:00' },
        { day: 'saturday', opens: '09:00', closes: '13:30' },
      ],
    });
    await waitFor(() => expect(api.get).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('Saved; 2 open tickets re-timed')).toBeTruthy();
  });

  it('asks for HH:MM times, closing after opening, before sending', async () => {
    const api = fakeApi({ put: vi.fn() });
    renderWith(api, <BusinessHoursPanel editable />);
    const opens = await screen.findByLabelText('Tuesday: opens');
    const closes = screen.getByLabelText('Monday (1): closes');
    await userEvent.clear(opens);
    await userEvent.type(opens, '9');
    await userEvent.clear(closes);
    await userEvent.type(closes, '08:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save opening hours' }));
    expect(opens.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(opens)).toBe('Enter a time like 09:00');
    expect(errorOf(closes)).toBe('Enter a time after the opening time');
    expect(api.put).not.toHaveBeenCalled();
  });

  it("shows the API's refusal next to the interval or field it names", async () => {
    const refusal = new ApiError(400, {
      statusCode: 400,
      error: 'Bad Request',
      message:
        'hours.1.opens overlaps monday 09:00–12:00; timeZone must be an IANA time zone like Europe/Berlin',
      details: [
        { field: 'hours.1.opens', problems: ['overlaps monday 09:00–12:00'] },
        { field: 'timeZone', problems: ['must be an IANA time zone like Europe/Berlin'] },
      ],
    });
    const api = fakeApi({ put: vi.fn(() => Promise.reject(refusal)) });
    renderWith(api, <BusinessHoursPanel editable />);
    const zone = await screen.findByLabelText('Time zone');
    await userEvent.click(screen.getByRole('button', { name: 'Save opening hours' }));
    const second = screen.getByLabelText('Monday (2): opens');
    await waitFor(() => expect(second.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(second)).toBe('overlaps monday 09:00–12:00');
    expect(errorOf(zone)).toBe('must be an IANA time zone like Europe/Berlin');
  });

  it('adds and removes holidays', async () => {
    const api = fakeApi({
      put: vi.fn(() => Promise.resolve({ ...SCHEDULE, retimedTickets: 1 })),
      delete: vi.fn(() => Promise.resolve({ ...SCHEDULE, holidays: [], retimedTickets: 3 })),
    });
    renderWith(api, <BusinessHoursPanel editable />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add holiday' }));
    expect(errorOf(screen.getByLabelText('Date'))).toBe('Choose a date');
    expect(errorOf(screen.getByLabelText('Name'))).toBe('Enter a name, like Christmas Day');

    await userEvent.type(screen.getByLabelText('Date'), '2026-12-26');
    await userEvent.type(screen.getByLabelText('Name'), ' Boxing Day ');
    await userEvent.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(api.put).toHaveBeenCalledWith('/api/sla/business-hours/holidays/2026-12-26', {
      name: 'Boxing Day',
    });
    expect(await screen.findByText('2026-12-26 saved; 1 open ticket re-timed')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Remove Christmas Day' }));
    expect(api.delete).toHaveBeenCalledWith('/api/sla/business-hours/holidays/2026-12-25');
    expect(await screen.findByText('2026-12-25 removed; 3 open tickets re-timed')).toBeTruthy();
  });

  it('shows agents the week, closed days and holidays without fields', async () => {
    renderWith(fakeApi(), <BusinessHoursPanel editable={false} />);
    expect(await screen.findByText('Time zone: Europe/Berlin')).toBeTruthy();
    expect(
      within(screen.getByRole('row', { name: /Monday/ })).getByText('09:00–12:00, 13:00–17:00'),
    ).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Sunday/ })).getByText('Closed')).toBeTruthy();
    expect(screen.getByText('2026-12-25 Christmas Day')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
