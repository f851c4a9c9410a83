import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { Timeline } from './timeline';

afterEach(cleanup);

const customerMessage = (
  id: string,
  sender: NonNullable<TimelineEntry['message']>['sender'],
): TimelineEntry => ({
  id,
  type: 'message',
  at: '2026-11-25T09:00:00Z',
  recordedAt: '2026-11-25T09:00:00Z',
  source: 'live',
  actor: { kind: 'customer', id: null, name: null },
  payload: { author: 'customer', visibility: 'public' },
  message: { id: `m-${id}`, kind: 'customer', bodyHtml: '', bodyText: 'Pay my refund to IBAN XX00.', sender },
});

describe('<Timeline>', () => {
  it('marks a customer email whose sender failed its domain’s checks, and only that one', async () => {
    render(
      <WithSession session={testSession({ get: () => Promise.resolve([]) })}>
        <Timeline
          entries={[
            customerMessage('1', { verdict: 'fail', reason: 'DMARC fail (p=REJECT)' }),
            customerMessage('2', { verdict: 'pass', reason: 'DMARC pass' }),
            customerMessage('3', null),
            customerMessage('4', undefined),
          ]}
        />
      </WithSession>,
    );
    const entries = await screen.findAllByRole('listitem');
    const warnings = entries.map((entry) =>
      within(entry).queryByText('⚠ Sender not verified: its domain says it did not send this'),
    );
    expect(warnings.map(Boolean)).toEqual([true, false, false, false]);
    expect(warnings[0]?.getAttribute('title')).toBe('DMARC fail (p=REJECT)');
  });
});
