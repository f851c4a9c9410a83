import { describe, expect, it } from 'vitest';
import {
  canSend,
  composerReducer,
  currentDraft,
  initialComposer,
  presenceMode,
  type ComposerAction,
} from './composer-state';

const apply = (...actions: ComposerAction[]) => actions.reduce(composerReducer, initialComposer);

describe('composer state', () => {
  it('keeps one draft per kind', () => {
    const state = apply(
      { type: 'edit', text: 'Hello Pat' },
      { type: 'kind', kind: 'note' },
      { type: 'edit', text: 'Call back at 3' },
    );
    expect(state.drafts).toEqual({ reply: 'Hello Pat', note: 'Call back at 3' });
    expect(currentDraft(composerReducer(state, { type: 'kind', kind: 'reply' }))).toBe('Hello Pat');
  });

  it('cannot send a blank draft or twice at once', () => {
    expect(canSend(apply({ type: 'edit', text: '  \n ' }))).toBe(false);
    const sending = apply({ type: 'edit', text: 'Hi' }, { type: 'send' });
    expect(sending.sending).toBe(true);
    expect(canSend(sending)).toBe(false);
    expect(composerReducer(sending, { type: 'send' })).toBe(sending);
  });

  it('clears only the sent draft and the status choice after success', () => {
    const state = apply(
      { type: 'kind', kind: 'note' },
      { type: 'edit', text: 'internal' },
      { type: 'kind', kind: 'reply' },
      { type: 'edit', text: 'public' },
      { type: 'statusAfter', statusAfter: 'solved' },
      { type: 'send' },
      { type: 'sent' },
    );
    expect(state.drafts).toEqual({ reply: '', note: 'internal' });
    expect(state.statusAfter).toBe('unchanged');
    expect(state.sending).toBe(false);
  });

  it('keeps the draft and shows the error when sending fails', () => {
    const state = apply(
      { type: 'edit', text: 'Hi' },
      { type: 'send' },
      { type: 'failed', error: 'body must not be blank' },
    );
    expect(state).toMatchObject({ sending: false, error: 'body must not be blank', drafts: { reply: 'Hi' } });
  });

  it('ignores edits and kind switches while sending', () => {
    const sending = apply({ type: 'edit', text: 'Hi' }, { type: 'send' });
    expect(composerReducer(sending, { type: 'edit', text: 'changed' })).toBe(sending);
    expect(composerReducer(sending, { type: 'kind', kind: 'note' })).toBe(sending);
  });

  it('tells the others "replying" only while a public reply has text', () => {
    expect(presenceMode(initialComposer)).toBe('viewing');
    expect(presenceMode(apply({ type: 'edit', text: 'Dear Pat' }))).toBe('replying');
    expect(presenceMode(apply({ type: 'kind', kind: 'note' }, { type: 'edit', text: 'x' }))).toBe('viewing');
  });
});
