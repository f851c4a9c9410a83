import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import type { SlaClock } from '@ledgerdesk/contracts';
import type { SlaPolicy, UpdatedSlaPolicy } from '../shared/api-types';
import { fieldErrors } from '../shared/field-errors';
import { label, plural } from '../shared/format';
import { ErrorState, Loading } from '../shared/states';
import { Time } from '../shared/time';
import { useResource } from '../shared/use-resource';

const FIELDS = ['firstResponseMinutes', 'resolutionMinutes'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_LABELS: Record<Field, string> = {
  firstResponseMinutes: 'First response (minutes)',
  resolutionMinutes: 'Resolution (minutes)',
};

const CLOCK_LABELS: Record<SlaClock, string> = { calendar: 'Calendar time', business: 'Business hours' };

/** The longest target the API takes: a longer one is a typo, not a policy. */
const MAX_MINUTES = 525_600;

/** What is wrong with the minutes typed into a field, in the field's own words; none when they are fine. */
function minutesErrors(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const text = values[field].trim();
    const minutes = Number(text);
    if (text === '' || !Number.isInteger(minutes)) errors[field] = 'Enter a whole number of minutes';
    else if (minutes < 1) errors[field] = 'Enter at least 1 minute';
    else if (minutes > MAX_MINUTES) errors[field] = `Enter at most ${MAX_MINUTES} minutes (one year)`;
  }
  const resolution = Number(values.resolutionMinutes);
  if (Object.keys(errors).length === 0 && Number(values.firstResponseMinutes) > resolution) {
    errors.firstResponseMinutes = `Enter at most the resolution time (${plural(resolution, 'minute')})`;
  }
  return errors;
}

/** SLA targets per priority, in calendar or business minutes; supervisors and admins edit, agents read. */
export function SlaPoliciesPanel({ editable }: { editable: boolean }) {
  const { api } = useSession();
  const policies = useResource(() => api.get<SlaPolicy[]>('/api/sla/policies'), 'sla-policies');
  return (
    <section className="panel" aria-labelledby="sla-title">
      <h2 id="sla-title">SLA policies</h2>
      <p className="muted">
        Due times run from ticket creation, counting every minute (calendar time) or only the opening hours
        below (business hours). A change re-times the running targets of every unresolved ticket of that
        priority.
      </p>
      {Boolean(policies.error) && !policies.data && (
        <ErrorState error={policies.error} onRetry={policies.reload} />
      )}
      {!policies.data && !policies.error && <Loading what="SLA policies" />}
      {policies.data && (
        <table className="targets-table" aria-label="SLA policies per priority">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              {FIELDS.map((field) => (
                <th key={field} scope="col">
                  {FIELD_LABELS[field]}
                </th>
              ))}
              <th scope="col">Clock</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {policies.data.map((policy) =>
              editable ? (
                <PolicyRow key={policy.priority} policy={policy} onSaved={policies.reload} />
              ) : (
                <tr key={policy.priority} data-priority={policy.priority}>
                  <th scope="row">{label(policy.priority)}</th>
                  <td>{policy.firstResponseMinutes}</td>
                  <td>{policy.resolutionMinutes}</td>
                  <td>{CLOCK_LABELS[policy.clock]}</td>
                  <td>
                    <LastChange policy={policy} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LastChange({ policy }: { policy: SlaPolicy }) {
  return policy.updatedBy ? (
    <span className="muted small">
      {policy.updatedBy.name}, <Time at={policy.updatedAt} />
    </span>
  ) : (
    <span className="muted small">default</span>
  );
}

function PolicyRow({ policy, onSaved }: { policy: SlaPolicy; onSaved: () => void }) {
  const { api } = useSession();
  const [values, setValues] = useState<Record<Field, string>>({
    firstResponseMinutes: String(policy.firstResponseMinutes),
    resolutionMinutes: String(policy.resolutionMinutes),
  });
  const [clock, setClock] = useState<SlaClock>(policy.clock);
  const [errors, setErrors] = useState<Partial<Record<Field | 'clock', string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = `sla-${policy.priority}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const invalid = minutesErrors(values);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const body = { ...Object.fromEntries(FIELDS.map((field) => [field, Number(values[field])])), clock };
      const updated = await api.put<UpdatedSlaPolicy>(`/api/sla/policies/${policy.priority}`, body);
      setSaved(`Saved; ${plural(updated.retimedTickets, 'open ticket')} re-timed`);
      onSaved();
    } catch (failure) {
      setErrors(fieldErrors(failure, [...FIELDS, 'clock'], 'firstResponseMinutes', FIELD_LABELS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr data-priority={policy.priority}>
      <th scope="row">
        <form
          noValidate
          id={formId}
          onSubmit={(event) => void save(event)}
          aria-label={`${label(policy.priority)} SLA`}
        />
        {label(policy.priority)}
      </th>
      {FIELDS.map((field) => {
        const id = `${formId}-${field}`;
        return (
          <td key={field}>
            <label htmlFor={id} className="visually-hidden">
              {label(policy.priority)}: {FIELD_LABELS[field]}
            </label>
            <input
              id={id}
              form={formId}
              type="number"
              min={1}
              step={1}
              value={values[field]}
              aria-invalid={errors[field] ? true : undefined}
              aria-describedby={errors[field] ? `${id}-error` : undefined}
              onChange={(event) => setValues({ ...values, [field]: event.target.value })}
            />
            {errors[field] && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {errors[field]}
              </span>
            )}
          </td>
        );
      })}
      <td>
        <label htmlFor={`${formId}-clock`} className="visually-hidden">
          {label(policy.priority)}: clock
        </label>
        <select
          id={`${formId}-clock`}
          form={formId}
          value={clock}
          aria-invalid={errors.clock ? true : undefined}
          aria-describedby={errors.clock ? `${formId}-clock-error` : undefined}
          onChange={(event) => setClock(event.target.value as SlaClock)}
        >
          {(Object.keys(CLOCK_LABELS) as SlaClock[]).map((value) => (
            <option key={value} value={value}>
              {CLOCK_LABELS[value]}
            </option>
          ))}
        </select>
        {errors.clock && (
          <span id={`${formId}-clock-error`} className="field-error" role="alert">
            {errors.clock}
          </span>
        )}
      </td>
      <td>
        <button type="submit" form={formId} disabled={busy}>
          Save
        </button>{' '}
        {saved ? (
          <span className="saved" role="status">
            {saved}
          </span>
        ) : (
          <LastChange policy={policy} />
        )}
      </td>
    </tr>
  );
}
