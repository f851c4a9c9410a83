import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Requester } from './requester';

afterEach(cleanup);

const shown = (requester: { name: string | null; email: string | null; phone: string | null }) =>
  render(<Requester requester={requester} />).container.textContent;

describe('<Requester>', () => {
  it('names the requester with the address beside it', () => {
    expect(shown({ name: 'Jane Doe', email: 'jane@example.com', phone: null })).toBe(
      'Jane Doe <jane@example.com>',
    );
  });

  it('shows an address without a name once', () => {
    expect(shown({ name: null, email: 'customer34@example.com', phone: null })).toBe(
      'customer34@example.com',
    );
  });

  it('falls back to the phone number, then to "unknown"', () => {
    expect(shown({ name: null, email: null, phone: '+44 20 7946 0000' })).toBe('+44 20 7946 0000');
    expect(shown({ name: null, email: null, phone: null })).toBe('unknown');
  });
});
