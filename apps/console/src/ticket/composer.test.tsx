import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import { Composer, type ComposerSubmission } from './composer';

afterEach(cleanup);

describe('<Composer>', () => {
  it('sends a public reply with Ctrl+Enter and clears the draft', async () => {
    const onSubmit = vi.fn((_: ComposerSubmission) => Promise.resolve());
    render(<Composer onSubmit={onSubmit} />);
    const box = screen.getByLabelText('Reply to the customer');
    await userEvent.type(box, 'We refunded it{Control>}{Enter}{/Control}');
    expect(onSubmit).toHaveBeenCalledWith({
      kind: 'reply',
      body: 'We refunded it',
      statusAfter: 'unchanged',
    });
    expect(box).toHaveProperty('value', '');
  });

  it('adds an internal note with the chosen kind', async () => {
    const onSubmit = vi.fn((_: ComposerSubmission) => Promise.resolve());
    render(<Composer onSubmit={onSubmit} />);
    await userEvent.click(screen.getByLabelText('Internal note'));
    await userEvent.type(screen.getByLabelText('Internal note for agents'), 'Customer is a reseller');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(onSubmit).toHaveBeenCalledWith({
      kind: 'note',
      body: 'Customer is a reseller',
      statusAfter: 'unchanged',
    });
  });

  it('sends the reply together with the status to set', async () => {
    const onSubmit = vi.fn((_: ComposerSubmission) => Promise.resolve());
    render(<Composer onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'Done');
    await userEvent.selectOptions(screen.getByLabelText('Status after sending'), 'solved');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(onSubmit).toHaveBeenCalledWith({ kind: 'reply', body: 'Done', statusAfter: 'solved' });
  });

  it('keeps the draft and names the API error when sending fails', async () => {
    const error = new ApiError(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'A closed ticket takes no messages',
    });
    render(<Composer onSubmit={() => Promise.reject(error)} />);
    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'Hello');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect((await screen.findByRole('alert')).textContent).toContain('A closed ticket takes no messages');
    expect(screen.getByLabelText('Reply to the customer')).toHaveProperty('value', 'Hello');
  });

  it('disables sending while the draft is blank', async () => {
    render(<Composer onSubmit={() => Promise.resolve()} />);
    expect(screen.getByRole('button', { name: 'Send reply' })).toHaveProperty('disabled', true);
    await userEvent.type(screen.getByLabelText('Reply to the customer'), '   ');
    expect(screen.getByRole('button', { name: 'Send reply' })).toHaveProperty('disabled', true);
  });

  it('reports "replying" presence while a reply is being written', async () => {
    const onPresence = vi.fn();
    render(<Composer onSubmit={() => Promise.resolve()} onPresence={onPresence} />);
    expect(onPresence).toHaveBeenLastCalledWith('viewing');
    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'D');
    expect(onPresence).toHaveBeenLastCalledWith('replying');
  });
});
