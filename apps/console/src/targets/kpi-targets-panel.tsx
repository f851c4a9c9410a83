import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import type { KpiTarget, KpiTargetDefinition, KpiTargets, NamedRef } from '../shared/api-types';
import { fieldErrors } from '../shared/field-errors';
import { ErrorState, Loading } from '../shared/states';
import { useResource } from '../shared/use-resource';
import { directionWords, formatTarget, parseTarget, TARGET_LABELS, targetUnit } from './target-units';

/** The names the agent sees for the properties the API's refusals name. */
const API_NAMES: Record<string, string> = { ...TARGET_LABELS, teamId: 'Team' };

/** KPI targets, desk-wide or one team's overrides; supervisors and admins edit, agents read. */
export function KpiTargetsPanel({ editable }: { editable: boolean }) {
  const { api } = useSession();
  const data = useResource(
    () => Promise.all([api.get<KpiTargets>('/api/kpis/targets'), api.get<NamedRef[]>('/api/teams')]),
    'kpi-targets',
  );
  const [teamId, setTeamId] = useState('');

  return (
    <section className="panel" aria-labelledby="kpi-targets-title">
      <div className="panel-head">
        <h2 id="kpi-targets-title">KPI targets</h2>
        {data.data && (
          <label className="inline">
            Scope{' '}
            <select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
              <option value="">Desk-wide</option>
              {data.data[1].map((team) => (
                <option key={team.id} value={team.id}>
                  Team {team.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted">
        An agent is judged by their team&apos;s override (the strictest when several teams override), else by
        the desk-wide target.
      </p>
      {Boolean(data.error) && !data.data && <ErrorState error={data.error} onRetry={data.reload} />}
      {!data.data && !data.error && <Loading what="KPI targets" />}
      {data.data && (
        <table className="targets-table" aria-label={teamId ? 'Team KPI targets' : 'Desk-wide KPI targets'}>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col">Target</th>
              {teamId && <th scope="col">Desk-wide</th>}
            </tr>
          </thead>
          <tbody>
            {data.data[0].definitions.map((definition) => {
              const targets = data.data?.[0].targets ?? [];
              const find = (team: string | null) =>
                targets.find((target) => target.kpi === definition.kpi && target.teamId === team);
              return (
                <TargetRow
                  key={`${definition.kpi}|${teamId}`}
                  definition={definition}
                  teamId={teamId || null}
                  current={find(teamId || null)}
                  deskWide={teamId ? find(null) : undefined}
                  editable={editable}
                  onChanged={data.reload}
                />
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface RowProps {
  definition: KpiTargetDefinition;
  teamId: string | null;
  current: KpiTarget | undefined;
  deskWide: KpiTarget | undefined;
  editable: boolean;
  onChanged: () => void;
}

function TargetRow({ definition, teamId, current, deskWide, editable, onChanged }: RowProps) {
  const { api } = useSession();
  const { kpi, direction } = definition;
  const unit = targetUnit(kpi);
  const [text, setText] = useState(current ? String(unit.toDisplay(current.value)) : '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `target-${kpi}`;
  const range = `${unit.toDisplay(definition.min)}–${unit.toDisplay(definition.max)} ${unit.suffix}`;

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await action();
      setSaved(done);
      onChanged();
    } catch (failure) {
      setError(fieldErrors(failure, ['value'], 'value', API_NAMES).value ?? null);
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const target = parseTarget(text, definition);
    if (target.error !== undefined) {
      setSaved(null);
      setError(target.error);
      return;
    }
    const body = teamId ? { value: target.value, teamId } : { value: target.value };
    void run(() => api.put(`/api/kpis/targets/${kpi}`, body), 'Saved');
  }

  const remove = () =>
    void run(
      async () => {
        await api.delete(`/api/kpis/targets/${kpi}`, teamId ? { teamId } : undefined);
        // The field shows what applies now: the desk-wide target ("inherits") or none.
        setText('');
      },
      teamId ? 'Override removed' : 'Target removed',
    );

  const name = TARGET_LABELS[kpi];
  return (
    <tr data-target-kpi={kpi}>
      <th scope="row">
        {editable ? <label htmlFor={id}>{name}</label> : name}
        <span className="muted small"> ({directionWords(direction)})</span>
      </th>
      <td>
        {editable ? (
          <form className="inline-form" noValidate onSubmit={save} aria-label={`${name} target`}>
            <span aria-hidden="true">{direction === 'at_least' ? '≥' : '≤'} </span>
            <input
              id={id}
              type="number"
              inputMode="decimal"
              step={unit.step}
              value={text}
              placeholder={teamId ? 'inherits' : 'none'}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              onChange={(event) => setText(event.target.value)}
            />{' '}
            {unit.suffix}{' '}
            <button type="submit" disabled={busy}>
              Save
            </button>
            {current && (
              <button type="button" className="link" disabled={busy} onClick={remove}>
                {teamId ? 'Remove override' : 'Remove'}
              </button>
            )}
            <span id={`${id}-hint`} className="visually-hidden">
              {directionWords(direction)}, {range}
            </span>
            {error && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {error}
              </span>
            )}
            {saved && (
              <span className="saved" role="status">
                {saved}
              </span>
            )}
          </form>
        ) : (
          <span>{current ? formatTarget(kpi, direction, current.value) : teamId ? 'inherits' : 'none'}</span>
        )}
      </td>
      {teamId && <td>{deskWide ? formatTarget(kpi, direction, deskWide.value) : 'none'}</td>}
    </tr>
  );
}
