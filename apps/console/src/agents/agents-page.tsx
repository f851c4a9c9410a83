import { useState } from 'react';
import { useSession } from '../auth/session';
import type { AgentRecord, Role } from '../shared/api-types';
import { FieldError, invalidity } from '../shared/field-error';
import { label } from '../shared/format';
import { LabelledOptions } from '../shared/labelled-options';
import { RecordFormFooter, useRecordForm } from '../shared/record-form';
import { ErrorState, Loading } from '../shared/states';
import { useResource } from '../shared/use-resource';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];
const FIELDS = ['email', 'name', 'role', 'teams', 'password', 'active'] as const;

/** The desk's agents, for admins: add one, change role, teams or password, deactivate. */
export function AgentsPage() {
  const { api } = useSession();
  const agents = useResource(() => api.get<AgentRecord[]>('/api/agents'), 'agents');
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const saved = (message: string) => {
    setEditing(null);
    setNotice(message);
    agents.reload();
  };

  return (
    <section className="panel agents-page" aria-labelledby="agents-title">
      <h1 id="agents-title">Agents</h1>
      <p className="muted">
        Deactivating an agent signs them out everywhere, ends their work sessions and hands their open tickets
        back to their teams. A changed password signs the agent out too.
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {editing === null && (
        <button type="button" onClick={() => setEditing({ id: null })}>
          Add agent
        </button>
      )}
      {editing?.id === null && (
        <AgentForm onSaved={(agent) => saved(`${agent.name} added.`)} onCancel={() => setEditing(null)} />
      )}
      {Boolean(agents.error) && !agents.data && <ErrorState error={agents.error} onRetry={agents.reload} />}
      {!agents.data && !agents.error && <Loading what="agents" />}
      {agents.data && (
        <div className="table-scroll">
          <table className="agent-table" aria-label="Agents">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Teams</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {agents.data.map((agent) =>
                editing?.id === agent.id ? (
                  <tr key={agent.id}>
                    <td colSpan={6}>
                      <AgentForm
                        agent={agent}
                        onSaved={(changed) => saved(`${changed.name} saved.`)}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr
                    key={agent.id}
                    data-agent={agent.email}
                    className={agent.active ? undefined : 'inactive'}
                  >
                    <td>{agent.name}</td>
                    <td>{agent.email}</td>
                    <td>{label(agent.role)}</td>
                    <td>{agent.teams.map((team) => team.name).join(', ') || '—'}</td>
                    <td>{agent.active ? label(agent.presence) : 'Deactivated'}</td>
                    <td>
                      {editing === null && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            setNotice(null);
                            setEditing({ id: agent.id });
                          }}
                        >
                          Edit <span className="visually-hidden">{agent.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const teamNames = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

/** Adds an agent, or changes one (a password only when typed). */
function AgentForm({
  agent,
  onSaved,
  onCancel,
}: {
  agent?: AgentRecord;
  onSaved: (agent: AgentRecord) => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const [email, setEmail] = useState(agent?.email ?? '');
  const [name, setName] = useState(agent?.name ?? '');
  const [role, setRole] = useState<Role>(agent?.role ?? 'agent');
  const [teams, setTeams] = useState(agent?.teams.map((team) => team.name).join(', ') ?? '');
  const [active, setActive] = useState(agent?.active ?? true);
  const [password, setPassword] = useState('');
  const id = (field: string) => `agent-${agent?.id ?? 'new'}-${field}`;
  const { problems, busy, submit } = useRecordForm(FIELDS, async () => {
    const common = { name, role, teams: teamNames(teams) };
    onSaved(
      agent
        ? await api.patch<AgentRecord>(`/api/agents/${agent.id}`, {
            ...common,
            active,
            ...(password ? { password } : {}),
          })
        : await api.post<AgentRecord>('/api/agents', { ...common, email, password }),
    );
  });

  return (
    <form
      className="action-form stack"
      aria-label={agent ? `Edit ${agent.name}` : 'Add agent'}
      onSubmit={submit}
    >
      {!agent && (
        <>
          <label htmlFor={id('email')}>Email</label>
          <input
            id={id('email')}
            type="email"
            required
            value={email}
            {...invalidity(id('email'), problems.email)}
            onChange={(event) => setEmail(event.target.value)}
          />
          <FieldError id={id('email')} problem={problems.email} />
        </>
      )}
      <label htmlFor={id('name')}>Name</label>
      <input
        id={id('name')}
        required
        value={name}
        {...invalidity(id('name'), problems.name)}
        onChange={(event) => setName(event.target.value)}
      />
      <FieldError id={id('name')} problem={problems.name} />
      <label htmlFor={id('role')}>Role</label>
      <select id={id('role')} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        <LabelledOptions values={ROLES} />
      </select>
      <FieldError id={id('role')} problem={problems.role} />
      <label htmlFor={id('teams')}>Teams (comma-separated; a new name creates the team)</label>
      <input
        id={id('teams')}
        value={teams}
        {...invalidity(id('teams'), problems.teams)}
        onChange={(event) => setTeams(event.target.value)}
      />
      <FieldError id={id('teams')} problem={problems.teams} />
      {agent && (
        <label className="inline">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />{' '}
          Active
        </label>
      )}
      <label htmlFor={id('password')}>{agent ? 'New password (leave empty to keep)' : 'Password'}</label>
      <input
        id={id('password')}
        type="password"
        autoComplete="new-password"
        required={!agent}
        minLength={10}
        value={password}
        {...invalidity(id('password'), problems.password)}
        onChange={(event) => setPassword(event.target.value)}
      />
      <FieldError id={id('password')} problem={problems.password} />
      <p className="hint">At least 10 characters and hard to guess: a few unrelated words work well.</p>
      <RecordFormFooter
        problem={problems.form}
        busy={busy}
        submitLabel={agent ? 'Save agent' : 'Add agent'}
        onCancel={onCancel}
      />
    </form>
  );
}
