import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import type { AgentRecord } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { AgentsPage } from './agents-page';

afterEach(cleanup);

const agentRecord = (overrides: Partial<AgentRecord>): AgentRecord => ({
  id: 'a2',
  email: 'grace@billing.example',
  name: 'Grace Hopper',
  role: 'agent',
  active: true,
  presence: 'available',
  presenceChangedAt: '2026-11-25T09:00:00Z',
  teams: [{ id: 't1', name: 'Billing Operations' }],
  createdAt: '2026-11-01T09:00:00Z',
  ...overrides,
});

const GRACE = agentRecord({});
const LINUS = agentRecord({
  id: 'a3',
  email: 'linus@billing.example',
  name: 'Linus Pauling',
  active: false,
  teams: [],
});

function renderPage(api: Record<string, unknown>) {
  const get = vi.fn(() => Promise.resolve([GRACE, LINUS]));
  render(
    <WithSession session={testSession({ get, ...api }, { id: 'a1', role: 'admin' })}>
      <AgentsPage />
    </WithSession>,
  );
  return get;
}

const weakPassword = new ApiError(400, {
  statusCode: 400,
  error: 'Bad Request',
  message: 'password is too easy to guess: it is a commonly used password',
  details: [{ field: 'password', problems: ['is too easy to guess: it is a commonly used password'] }],
});

describe('<AgentsPage>', () => {
  it('lists agents with role, teams and status', async () => {
    renderPage({});
    const row = (await screen.findByText('linus@billing.example')).closest('tr')!;
    expect(row.textContent).toContain('Deactivated');
    expect(screen.getByText('grace@billing.example').closest('tr')!.textContent).toContain(
      'Billing Operations',
    );
  });

  it('adds an agent, showing the API’s refusal of the password at the field', async () => {
    const post = vi
      .fn()
      .mockRejectedValueOnce(weakPassword)
      .mockResolvedValueOnce(agentRecord({ id: 'a9', name: 'Ada' }));
    renderPage({ post });
    await userEvent.click(await screen.findByRole('button', { name: 'Add agent' }));
    const form = screen.getByRole('form', { name: 'Add agent' });
    await userEvent.type(within(form).getByLabelText('Email'), 'ada@billing.example');
    await userEvent.type(within(form).getByLabelText('Name'), 'Ada');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'supervisor');
    await userEvent.type(within(form).getByLabelText(/^Teams/), 'Billing Operations, Collections ,');
    await userEvent.type(within(form).getByLabelText('Password'), 'password1234');
    await userEvent.click(within(form).getByRole('button', { name: 'Add agent' }));
    const password = within(form).getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(password.getAttribute('aria-describedby')!)?.textContent).toBe(
      'is too easy to guess: it is a commonly used password',
    );
    await userEvent.clear(password);
    await userEvent.type(password, 'copper kettle sunrise');
    await userEvent.click(within(form).getByRole('button', { name: 'Add agent' }));
    expect(post).toHaveBeenLastCalledWith('/api/agents', {
      email: 'ada@billing.example',
      name: 'Ada',
      role: 'supervisor',
      teams: ['Billing Operations', 'Collections'],
      password: 'copper kettle sunrise',
    });
    expect((await screen.findByRole('status')).textContent).toBe('Ada added.');
  });

  it('deactivates an agent without touching the password when none is typed', async () => {
    const patch = vi.fn(() => Promise.resolve({ ...GRACE, active: false }));
    renderPage({ patch });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Grace Hopper' }));
    const form = screen.getByRole('form', { name: 'Edit Grace Hopper' });
    await userEvent.click(within(form).getByLabelText('Active'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save agent' }));
    expect(patch).toHaveBeenCalledWith('/api/agents/a2', {
      name: 'Grace Hopper',
      role: 'agent',
      teams: ['Billing Operations'],
      active: false,
    });
  });
});
