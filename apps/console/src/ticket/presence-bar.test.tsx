import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PresenceBar } from './presence-bar';

afterEach(cleanup);

const viewer = (agentId: string, name: string, mode: 'viewing' | 'replying') => ({
  agentId,
  name,
  mode,
  since: '2026-11-26T10:00:00.000Z',
});

describe('<PresenceBar>', () => {
  it('shows nothing when only this agent is here', () => {
    const { container } = render(<PresenceBar viewers={[viewer('me', 'Ada', 'viewing')]} myId="me" />);
    expect(container.innerHTML).toBe('');
  });

  it('names the other agents and whether they are replying', () => {
    render(
      <PresenceBar
        viewers={[
          viewer('me', 'Ada', 'viewing'),
          viewer('b', 'Sam Agent', 'replying'),
          viewer('c', 'Kim', 'viewing'),
        ]}
        myId="me"
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Sam Agent is replyingKim is also viewing');
  });

  it('says when the customer has the ticket’s chat open, also with no other agent here', () => {
    render(<PresenceBar viewers={[viewer('me', 'Ada', 'viewing')]} myId="me" customerInChat />);
    expect(screen.getByRole('status').textContent).toBe('The customer is in the chat now');
    expect(screen.getByText('The customer is in the chat now').className).toBe('viewer viewer-customer');
  });
});
