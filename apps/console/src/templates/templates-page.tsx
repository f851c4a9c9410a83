import { TEMPLATE_PLACEHOLDERS } from '@ledgerdesk/contracts';
import { useState } from 'react';
import { isSupervisor, useSession } from '../auth/session';
import type { ReplyTemplate } from '../shared/api-types';
import { FieldError, invalidity } from '../shared/field-error';
import { fieldErrors } from '../shared/field-errors';
import { RecordFormFooter, useRecordForm } from '../shared/record-form';
import { Empty, ErrorState, Loading } from '../shared/states';
import { Time } from '../shared/time';
import { useResource } from '../shared/use-resource';

type Editing = { id: string | null } | null;

/** The desk's reply templates: every agent reads them, supervisors and admins write them. */
export function TemplatesPage() {
  const { api, me } = useSession();
  const editable = isSupervisor(me);
  const templates = useResource(() => api.get<ReplyTemplate[]>('/api/reply-templates'), 'reply-templates');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const saved = (message: string) => {
    setEditing(null);
    setNotice(message);
    templates.reload();
  };

  return (
    <section className="panel templates-page" aria-labelledby="templates-title">
      <h1 id="templates-title">Reply templates</h1>
      <p className="muted">
        Insert one from a ticket’s reply box (“Insert template…”) and edit it before sending. Placeholders are
        filled from the ticket: {TEMPLATE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')}; one without a
        value on the ticket stays as written, for you to fill in.
        {!editable && ' Supervisors and admins write them.'}
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {editable && editing === null && (
        <button type="button" onClick={() => setEditing({ id: null })}>
          New template
        </button>
      )}
      {editing?.id === null && (
        <TemplateForm
          onSaved={(template) => saved(`Template “${template.name}” added.`)}
          onCancel={() => setEditing(null)}
        />
      )}
      {Boolean(templates.error) && !templates.data && (
        <ErrorState error={templates.error} onRetry={templates.reload} />
      )}
      {!templates.data && !templates.error && <Loading what="reply templates" />}
      {templates.data?.length === 0 && <Empty>No reply templates yet.</Empty>}
      {templates.data && templates.data.length > 0 && (
        <ul className="template-list">
          {templates.data.map((template) =>
            editing?.id === template.id ? (
              <li key={template.id}>
                <TemplateForm
                  template={template}
                  onSaved={(changed) => saved(`Template “${changed.name}” saved.`)}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={template.id} data-template={template.name}>
                <h2>{template.name}</h2>
                <pre className="template-body">{template.body}</pre>
                <p className="muted small">
                  Changed by {template.updatedByName ?? 'an agent no longer here'},{' '}
                  <Time at={template.updatedAt} />
                </p>
                {editable && editing === null && (
                  <TemplateActions
                    template={template}
                    onEdit={() => {
                      setNotice(null);
                      setEditing({ id: template.id });
                    }}
                    onDeleted={() => saved(`Template “${template.name}” deleted.`)}
                  />
                )}
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function TemplateActions({
  template,
  onEdit,
  onDeleted,
}: {
  template: ReplyTemplate;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (confirming) {
    return (
      <div className="confirm-question">
        <p role="alert">Delete “{template.name}” for every agent?</p>
        {problem && <p className="form-error">{problem}</p>}
        <div className="button-row">
          <button
            type="button"
            className="primary"
            onClick={() =>
              void api
                .delete(`/api/reply-templates/${template.id}`)
                .then(onDeleted, (error: unknown) =>
                  setProblem(fieldErrors(error, ['form'], 'form').form ?? null),
                )
            }
          >
            Delete
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="button-row">
      <button type="button" className="link" onClick={onEdit}>
        Edit <span className="visually-hidden">{template.name}</span>
      </button>
      <button type="button" className="link" onClick={() => setConfirming(true)}>
        Delete <span className="visually-hidden">{template.name}</span>
      </button>
    </div>
  );
}

const FIELDS = ['name', 'body'] as const;

function TemplateForm({
  template,
  onSaved,
  onCancel,
}: {
  template?: ReplyTemplate;
  onSaved: (template: ReplyTemplate) => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const [name, setName] = useState(template?.name ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const prefix = template ? `template-${template.id}` : 'template-new';
  const { problems, busy, submit } = useRecordForm(FIELDS, async () => {
    const sent = { name, body };
    onSaved(
      template
        ? await api.put<ReplyTemplate>(`/api/reply-templates/${template.id}`, sent)
        : await api.post<ReplyTemplate>('/api/reply-templates', sent),
    );
  });

  return (
    <form
      className="action-form stack"
      aria-label={template ? `Edit template ${template.name}` : 'New template'}
      onSubmit={submit}
    >
      <label htmlFor={`${prefix}-name`}>Name</label>
      <input
        id={`${prefix}-name`}
        required
        maxLength={100}
        value={name}
        {...invalidity(`${prefix}-name`, problems.name)}
        onChange={(event) => setName(event.target.value)}
      />
      <FieldError id={`${prefix}-name`} problem={problems.name} />
      <label htmlFor={`${prefix}-body`}>Text</label>
      <textarea
        id={`${prefix}-body`}
        required
        rows={6}
        value={body}
        {...invalidity(`${prefix}-body`, problems.body)}
        onChange={(event) => setBody(event.target.value)}
      />
      <FieldError id={`${prefix}-body`} problem={problems.body} />
      <RecordFormFooter problem={problems.form} busy={busy} submitLabel="Save template" onCancel={onCancel} />
    </form>
  );
}
