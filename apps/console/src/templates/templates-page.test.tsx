import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import type { Me, ReplyTemplate } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { TemplatesPage } from './templates-page';

afterEach(cleanup);

const REFUND: ReplyTemplate = {
  id: 'tpl-1',
  name: 'Refund on its way',
  body: 'Hello {{customer.firstName}},\nthe refund is on its way.',
  updatedBy: 's1',
  updatedByName: 'Sam',
  updatedAt: '2026-11-25T09:00:00Z',
};

function renderPage(me: Partial<Me>, api: Record<string, unknown>) {
  render(
    <WithSession session={testSession({ get: vi.fn(() => Promise.resolve([REFUND])), ...api }, me)}>
      <TemplatesPage />
    </WithSession>,
  );
}

describe('<TemplatesPage>', () => {
  it('shows agents the templates read-only, with who changed them', async () => {
    renderPage({}, {});
    const item = (await screen.findByRole('heading', { name: 'Refund on its way' })).closest('li')!;
    expect(item.querySelector('pre')?.textContent).toBe(REFUND.body);
    expect(item.textContent).toContain('Changed by Sam');
    expect(screen.queryByRole('button', { name: 'New template' })).toBeNull();
    expect(within(item).queryByRole('button')).toBeNull();
  });

  it('lets a supervisor add a template and shows the API’s refusal next to the field', async () => {
    const post = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError(400, {
          statusCode: 400,
          error: 'Bad Request',
          message: 'body uses unknown placeholder {{customer.nmae}}',
          details: [{ field: 'body', problems: ['uses unknown placeholder {{customer.nmae}}'] }],
        }),
      )
      .mockResolvedValueOnce({ ...REFUND, id: 'tpl-2', name: 'Dunning' });
    renderPage({ id: 's1', role: 'supervisor' }, { post });
    await userEvent.click(await screen.findByRole('button', { name: 'New template' }));
    const form = screen.getByRole('form', { name: 'New template' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Dunning');
    await userEvent.type(within(form).getByLabelText('Text'), 'Dear {{{{customer.nmae}}');
    await userEvent.click(within(form).getByRole('button', { name: 'Save template' }));
    const text = within(form).getByLabelText('Text');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(text.getAttribute('aria-describedby')!)?.textContent).toBe(
      'uses unknown placeholder {{customer.nmae}}',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Save template' }));
    expect(post).toHaveBeenLastCalledWith('/api/reply-templates', {
      name: 'Dunning',
      body: 'Dear {{customer.nmae}}',
    });
    expect((await screen.findByRole('status')).textContent).toBe('Template “Dunning” added.');
  });

  it('edits and deletes (after asking) as a supervisor', async () => {
    const put = vi.fn(() => Promise.resolve({ ...REFUND, name: 'Refund sent' }));
    const del = vi.fn(() => Promise.resolve());
    renderPage({ id: 's1', role: 'supervisor' }, { put, delete: del });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Refund on its way' }));
    const form = screen.getByRole('form', { name: 'Edit template Refund on its way' });
    await userEvent.clear(within(form).getByLabelText('Name'));
    await userEvent.type(within(form).getByLabelText('Name'), 'Refund sent');
    await userEvent.click(within(form).getByRole('button', { name: 'Save template' }));
    expect(put).toHaveBeenCalledWith('/api/reply-templates/tpl-1', {
      name: 'Refund sent',
      body: REFUND.body,
    });

    await userEvent.click(await screen.findByRole('button', { name: 'Delete Refund on its way' }));
    expect(del).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(del).toHaveBeenCalledWith('/api/reply-templates/tpl-1');
    expect((await screen.findByRole('status')).textContent).toBe('Template “Refund on its way” deleted.');
  });
});
