import { fillTemplate } from '@ledgerdesk/contracts';
import { useSession } from '../auth/session';
import type { ReplyTemplate } from '../shared/api-types';
import { useResource } from '../shared/use-resource';
import type { TemplateValues } from './template-values';

/**
 * Inserts one of the desk's reply templates, its placeholders filled from the ticket (those with
 * no value stay as written for the agent to fill in). Nothing shows while the desk has none.
 */
export function TemplatePicker({
  values,
  onInsert,
  disabled,
}: {
  values: TemplateValues;
  onInsert: (text: string) => void;
  disabled?: boolean;
}) {
  const { api } = useSession();
  const templates = useResource(() => api.get<ReplyTemplate[]>('/api/reply-templates'), 'reply-templates');
  if (!templates.data || templates.data.length === 0) return null;
  return (
    <select
      className="template-picker"
      aria-label="Insert a reply template"
      value=""
      disabled={disabled}
      onChange={(event) => {
        const chosen = templates.data?.find((template) => template.id === event.target.value);
        if (chosen) onInsert(fillTemplate(chosen.body, values));
      }}
    >
      <option value="">Insert template…</option>
      {templates.data.map((template) => (
        <option key={template.id} value={template.id}>
          {template.name}
        </option>
      ))}
    </select>
  );
}
