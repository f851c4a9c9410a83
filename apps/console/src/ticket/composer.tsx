import { forwardRef, useEffect, useImperativeHandle, useReducer, useRef } from 'react';
import { describeError } from '../shared/api-client';
import { TemplatePicker } from './template-picker';
import type { TemplateValues } from './template-values';
import {
  canSend,
  composerReducer,
  currentDraft,
  initialComposer,
  presenceMode,
  type ComposerKind,
  type StatusAfterSend,
} from './composer-state';

export interface ComposerSubmission {
  kind: ComposerKind;
  body: string;
  statusAfter: StatusAfterSend;
}

interface Props {
  onSubmit: (submission: ComposerSubmission) => Promise<void>;
  onPresence?: (mode: 'viewing' | 'replying') => void;
  disabled?: boolean;
  /** What reply templates' placeholders are filled with; without it no templates are offered. */
  templateValues?: TemplateValues;
}

export interface ComposerHandle {
  focus: (kind: ComposerKind) => void;
}

/** Reply (public, emailed to the requester) or internal note; Ctrl/⌘+Enter sends. */
export const Composer = forwardRef<ComposerHandle, Props>(function Composer(
  { onSubmit, onPresence, disabled, templateValues },
  ref,
) {
  const [state, dispatch] = useReducer(composerReducer, initialComposer);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const mode = presenceMode(state);

  useImperativeHandle(ref, () => ({
    focus: (kind) => {
      dispatch({ type: 'kind', kind });
      textarea.current?.focus();
    },
  }));

  useEffect(() => onPresence?.(mode), [mode, onPresence]);

  async function send() {
    if (!canSend(state) || disabled) return;
    dispatch({ type: 'send' });
    try {
      await onSubmit({ kind: state.kind, body: currentDraft(state), statusAfter: state.statusAfter });
      dispatch({ type: 'sent' });
    } catch (error) {
      dispatch({ type: 'failed', error: describeError(error) });
    }
  }

  /** A template goes where the cursor is (replacing a selection), and the cursor after it. */
  function insert(text: string) {
    const field = textarea.current;
    const draft = currentDraft(state);
    const from = field?.selectionStart ?? draft.length;
    const to = field?.selectionEnd ?? draft.length;
    dispatch({ type: 'insert', text, from, to });
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(from + text.length, from + text.length);
    });
  }

  const isReply = state.kind === 'reply';
  return (
    <form
      className={`composer composer-${state.kind}`}
      aria-label="Composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="composer-tabs" role="radiogroup" aria-label="Message kind">
        {(['reply', 'note'] as const).map((kind) => (
          <label key={kind} className={state.kind === kind ? 'composer-tab active' : 'composer-tab'}>
            <input
              type="radio"
              name="composer-kind"
              value={kind}
              checked={state.kind === kind}
              onChange={() => dispatch({ type: 'kind', kind })}
            />
            {kind === 'reply' ? 'Public reply' : 'Internal note'}
          </label>
        ))}
      </div>
      <label htmlFor="composer-body" className="visually-hidden">
        {isReply ? 'Reply to the customer' : 'Internal note for agents'}
      </label>
      <textarea
        id="composer-body"
        ref={textarea}
        rows={4}
        value={currentDraft(state)}
        placeholder={isReply ? 'Write a reply to the customer…' : 'Write a note only agents can see…'}
        disabled={state.sending || disabled}
        onChange={(event) => dispatch({ type: 'edit', text: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void send();
          }
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
      />
      {state.error && (
        <p className="form-error" role="alert">
          Not sent: {state.error}
        </p>
      )}
      <div className="composer-actions">
        {templateValues && (
          <TemplatePicker values={templateValues} onInsert={insert} disabled={state.sending || disabled} />
        )}
        {isReply && (
          <label className="inline">
            and set status
            <select
              aria-label="Status after sending"
              value={state.statusAfter}
              onChange={(event) =>
                dispatch({ type: 'statusAfter', statusAfter: event.target.value as StatusAfterSend })
              }
            >
              <option value="unchanged">unchanged</option>
              <option value="pending">pending (waiting for customer)</option>
              <option value="solved">solved</option>
            </select>
          </label>
        )}
        <button type="submit" className="primary" disabled={!canSend(state) || disabled}>
          {state.sending ? 'Sending…' : isReply ? 'Send reply' : 'Add note'}
        </button>
      </div>
    </form>
  );
});
