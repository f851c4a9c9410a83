/** The reply/note composer as a pure reducer: one draft per kind, kept when sending fails. */

export type ComposerKind = 'reply' | 'note';
/** What to do with the ticket's status together with a reply. */
export type StatusAfterSend = 'unchanged' | 'pending' | 'solved';

export interface ComposerState {
  kind: ComposerKind;
  drafts: Record<ComposerKind, string>;
  statusAfter: StatusAfterSend;
  sending: boolean;
  error: string | null;
}

export type ComposerAction =
  | { type: 'kind'; kind: ComposerKind }
  | { type: 'edit'; text: string }
  /** Puts text in place of the selection (`from`–`to`) of the current draft. */
  | { type: 'insert'; text: string; from: number; to: number }
  | { type: 'statusAfter'; statusAfter: StatusAfterSend }
  | { type: 'send' }
  | { type: 'sent' }
  | { type: 'failed'; error: string };

export const initialComposer: ComposerState = {
  kind: 'reply',
  drafts: { reply: '', note: '' },
  statusAfter: 'unchanged',
  sending: false,
  error: null,
};

export const currentDraft = (state: ComposerState): string => state.drafts[state.kind];

/** The message can go: something besides whitespace, and nothing on its way already. */
export const canSend = (state: ComposerState): boolean =>
  !state.sending && currentDraft(state).trim().length > 0;

/** What the other agents on the ticket see: "replying" while a public reply is being written. */
export const presenceMode = (state: ComposerState): 'viewing' | 'replying' =>
  state.kind === 'reply' && currentDraft(state).trim().length > 0 ? 'replying' : 'viewing';

export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  switch (action.type) {
    case 'kind':
      return state.sending ? state : { ...state, kind: action.kind, error: null };
    case 'edit':
      return state.sending ? state : { ...state, drafts: { ...state.drafts, [state.kind]: action.text } };
    case 'insert': {
      if (state.sending) return state;
      const draft = currentDraft(state);
      const text = draft.slice(0, action.from) + action.text + draft.slice(action.to);
      return { ...state, drafts: { ...state.drafts, [state.kind]: text } };
    }
    case 'statusAfter':
      return { ...state, statusAfter: action.statusAfter };
    case 'send':
      return canSend(state) ? { ...state, sending: true, error: null } : state;
    case 'sent':
      return {
        ...state,
        sending: false,
        drafts: { ...state.drafts, [state.kind]: '' },
        statusAfter: 'unchanged',
      };
    case 'failed':
      return { ...state, sending: false, error: action.error };
  }
}
