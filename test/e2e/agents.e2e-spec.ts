import { randomUUID } from 'node:crypto';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import {
  createTicket,
  eventsOf,
  expectApiError,
  expectFieldError,
  oversizedText,
  patchTicket,
  UUID_NOBODY_HAS,
} from '../support/tickets';

interface AgentEventRow {
  type: string;
  actor_id: string | null;
  at: Date;
  payload: Record<string, unknown>;
}

describe('agents, teams and presence', () => {
  let testApp: TestApp;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let agent: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    admin = await testApp.agent('admin');
    supervisor = await testApp.agent('supervisor');
    agent = await testApp.agent('agent', [uniqueTeam()]);
  });

  afterAll(() => testApp.close());

  const agentEvents = (agentId: string): Promise<AgentEventRow[]> =>
    testApp.dataSource.query(
      `SELECT type, actor_id, at, payload FROM agent_events WHERE agent_id = $1 ORDER BY id`,
      [agentId],
    );
  const newAgentBody = (overrides: Record<string, unknown> = {}) => ({
    email: `grace-${randomUUID().slice(0, 8)}@billing.example`,
    name: 'Grace Hopper',
    role: 'agent',
    password: 'correct horse battery',
    ...overrides,
  });
  const countAgents = async (): Promise<number> =>
    Number((await testApp.dataSource.query(`SELECT count(*) AS n FROM agents`))[0].n);

  describe('bodies over HTTP_BODY_LIMIT_BYTES', () => {
    it.each([
      ['post', '/api/agents', 'email'],
      ['patch', 'own id', 'name'],
      ['put', '/api/me/presence', 'presence'],
      ['post', '/api/teams', 'name'],
    ] as const)('refuses %s %s with 413', async (method, path, field) => {
      const url = path === 'own id' ? `/api/agents/${agent.id}` : path;
      const response = await testApp
        .http()
        [method](url)
        .set('Authorization', admin.auth)
        .send({ [field]: oversizedText(testApp) });
      expectApiError(response, 413, 'too large');
    });
  });

  describe('GET /api/me', () => {
    it('returns the calling agent with its teams and without the password hash', async () => {
      const response = await testApp.http().get('/api/me').set('Authorization', agent.auth).expect(200);
      expect(response.body).toEqual({
        id: agent.id,
        email: agent.email,
        name: 'Test agent',
        role: 'agent',
        active: true,
        presence: 'offline',
        presenceChangedAt: expect.any(String),
        teams: [{ id: agent.teamIds[0], name: expect.stringMatching(/^team-/) }],
        createdAt: expect.any(String),
      });
    });
  });

  describe('PUT /api/me/presence', () => {
    it('changes the presence and records one presence.changed event with the time', async () => {
      const someone = await testApp.agent();
      const response = await testApp
        .http()
        .put('/api/me/presence')
        .set('Authorization', someone.auth)
        .send({ presence: 'available' })
        .expect(200);

      expect(response.body).toMatchObject({ id: someone.id, presence: 'available' });
      const events = (await agentEvents(someone.id)).filter((event) => event.type === 'presence.changed');
      expect(events).toEqual([
        {
          type: 'presence.changed',
          actor_id: someone.id,
          at: new Date(response.body.presenceChangedAt),
          payload: { from: 'offline', to: 'available' },
        },
      ]);

      await testApp
        .http()
        .put('/api/me/presence')
        .set('Authorization', someone.auth)
        .send({ presence: 'away' })
        .expect(200);
      const after = (await agentEvents(someone.id)).filter((event) => event.type === 'presence.changed');
      expect(after.map((event) => event.payload)).toEqual([
        { from: 'offline', to: 'available' },
        { from: 'available', to: 'away' },
      ]);
      expect(after[1].at.getTime()).toBeGreaterThanOrEqual(after[0].at.getTime());
    });

    it('records nothing when the presence does not change', async () => {
      const someone = await testApp.agent();
      const before = await testApp.http().get('/api/me').set('Authorization', someone.auth).expect(200);
      const response = await testApp
        .http()
        .put('/api/me/presence')
        .set('Authorization', someone.auth)
        .send({ presence: 'offline' })
        .expect(200);

      expect(response.body.presenceChangedAt).toBe(before.body.presenceChangedAt);
      expect((await agentEvents(someone.id)).map((event) => event.type)).toEqual(['agent.created']);
    });

    it.each([
      ['an unknown presence', { presence: 'busy' }, 'presence'],
      ['a missing presence', {}, 'presence'],
      ['a presence of the wrong type', { presence: 1 }, 'presence'],
      ['an unknown field', { presence: 'away', mood: 'great' }, 'mood'],
    ])('rejects %s with 400 naming the field', async (_, body, field) => {
      const response = await testApp
        .http()
        .put('/api/me/presence')
        .set('Authorization', agent.auth)
        .send(body);
      expectFieldError(response, field);
      const me = await testApp.http().get('/api/me').set('Authorization', agent.auth).expect(200);
      expect(me.body.presence).toBe('offline');
    });
  });

  describe('POST /api/agents', () => {
    it('lets an admin create an agent with an argon2id hash, its teams and an agent.created event', async () => {
      const team = uniqueTeam('billing');
      const body = newAgentBody({ role: 'supervisor', teams: [team, ` ${team.toUpperCase()} `] });
      const response = await testApp.http().post('/api/agents').set('Authorization', admin.auth).send(body);

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        email: body.email,
        name: 'Grace Hopper',
        role: 'supervisor',
        active: true,
        presence: 'offline',
        presenceChangedAt: expect.any(String),
        teams: [{ id: expect.any(String), name: team }],
        createdAt: expect.any(String),
      });
      const [stored] = await testApp.dataSource.query<{ password_hash: string }[]>(
        `SELECT password_hash FROM agents WHERE id = $1`,
        [response.body.id],
      );
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
      expect(stored.password_hash).not.toContain(body.password);
      expect(await agentEvents(response.body.id)).toEqual([
        {
          type: 'agent.created',
          actor_id: admin.id,
          at: expect.any(Date),
          payload: { email: body.email, role: 'supervisor', teams: [team] },
        },
      ]);
      await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: body.email, password: body.password })
        .expect(200);
    });

    it('refuses an email already taken in another letter case (409) and writes nothing', async () => {
      const team = uniqueTeam();
      const before = await countAgents();
      const response = await testApp
        .http()
        .post('/api/agents')
        .set('Authorization', admin.auth)
        .send(newAgentBody({ email: agent.email.toUpperCase(), teams: [team] }));

      expectApiError(response, 409, agent.email.toUpperCase());
      expect(await countAgents()).toBe(before);
      const teams: unknown[] = await testApp.dataSource.query(`SELECT 1 FROM teams WHERE name = $1`, [team]);
      expect(teams).toEqual([]);
    });

    it.each(['agent', 'supervisor'] as const)('refuses a %s (403) and writes nothing', async (role) => {
      const caller = role === 'agent' ? agent : supervisor;
      const body = newAgentBody();
      const response = await testApp.http().post('/api/agents').set('Authorization', caller.auth).send(body);

      expectApiError(response, 403, 'admin');
      const rows: unknown[] = await testApp.dataSource.query(`SELECT 1 FROM agents WHERE email = $1`, [
        body.email,
      ]);
      expect(rows).toEqual([]);
    });

    it.each([
      ['an unknown role', { role: 'root' }, 'role'],
      ['a short password', { password: 'short' }, 'password'],
      ['a common password', { password: 'password1234' }, 'password'],
      ['a variation of a common password', { password: 'Summer2024!' }, 'password'],
      ['a keyboard row', { password: 'qwertyuiop' }, 'password'],
      [
        'a password built from the agent’s name',
        { name: 'Grace Hopper', password: 'gracehopper' },
        'password',
      ],
      ['an invalid email', { email: 'grace.billing.example' }, 'email'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name of the wrong type', { name: 42 }, 'name'],
      ['teams that are not a list', { teams: 'billing' }, 'teams'],
      ['a blank team name', { teams: [' '] }, 'teams'],
      ['an unknown field', { superuser: true }, 'superuser'],
    ])('rejects %s with 400 naming the field', async (_, overrides, field) => {
      const body = newAgentBody(overrides);
      const response = await testApp.http().post('/api/agents').set('Authorization', admin.auth).send(body);
      expectFieldError(response, field);
      expect(await testApp.dataSource.query(`SELECT 1 FROM agents WHERE email = $1`, [body.email])).toEqual(
        [],
      );
    });

    it('rejects a missing password and role with 400 naming both fields', async () => {
      const response = await testApp
        .http()
        .post('/api/agents')
        .set('Authorization', admin.auth)
        .send({ email: 'x@billing.example', name: 'X' });
      expectFieldError(response, 'password');
      expectFieldError(response, 'role');
    });
  });

  describe('GET /api/agents and /api/agents/:id', () => {
    it('lists agents to any role, without password hashes', async () => {
      const response = await testApp.http().get('/api/agents').set('Authorization', agent.auth).expect(200);
      const ids = (response.body as { id: string }[]).map((listed) => listed.id);
      expect(ids).toEqual(expect.arrayContaining([admin.id, supervisor.id, agent.id]));
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|passwordHash/);
    });

    it('returns one agent by id', async () => {
      const response = await testApp
        .http()
        .get(`/api/agents/${supervisor.id}`)
        .set('Authorization', agent.auth)
        .expect(200);
      expect(response.body).toMatchObject({ id: supervisor.id, email: supervisor.email, role: 'supervisor' });
    });

    it('answers 404 for an unknown id and 400 naming the id for a malformed one', async () => {
      expectApiError(
        await testApp.http().get(`/api/agents/${UUID_NOBODY_HAS}`).set('Authorization', agent.auth),
        404,
        UUID_NOBODY_HAS,
      );
      expectApiError(
        await testApp.http().get('/api/agents/42').set('Authorization', agent.auth),
        400,
        /\bid\b.*uuid|uuid.*\bid\b/i,
      );
    });
  });

  describe('PATCH /api/agents/:id', () => {
    it('changes name, role and teams, recording one agent.updated event with the changes', async () => {
      const target = await testApp.agent('agent', [uniqueTeam('old')]);
      const newTeam = uniqueTeam('new');
      const response = await testApp
        .http()
        .patch(`/api/agents/${target.id}`)
        .set('Authorization', admin.auth)
        .send({ name: ' Ada Lovelace ', role: 'supervisor', teams: [newTeam] })
        .expect(200);

      expect(response.body).toMatchObject({
        id: target.id,
        name: 'Ada Lovelace',
        role: 'supervisor',
        teams: [{ name: newTeam }],
      });
      const updates = (await agentEvents(target.id)).filter((event) => event.type === 'agent.updated');
      expect(updates).toEqual([
        {
          type: 'agent.updated',
          actor_id: admin.id,
          at: expect.any(Date),
          payload: {
            changes: {
              name: { from: 'Test agent', to: 'Ada Lovelace' },
              role: { from: 'agent', to: 'supervisor' },
              teams: { from: [expect.stringMatching(/^old-/)], to: [newTeam] },
            },
          },
        },
      ]);
    });

    it('changes the password: the old one stops working and the new one logs in', async () => {
      const target = await testApp.agent();
      await testApp
        .http()
        .patch(`/api/agents/${target.id}`)
        .set('Authorization', admin.auth)
        .send({ password: 'a brand new password' })
        .expect(200);

      await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: target.email, password: target.password })
        .expect(401);
      await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: target.email, password: 'a brand new password' })
        .expect(200);
      const [update] = (await agentEvents(target.id)).filter((event) => event.type === 'agent.updated');
      expect(update.payload).toEqual({ changes: { password: { from: '(hidden)', to: '(changed)' } } });
    });

    it('deactivating an agent sets them offline, ends their work and puts their open tickets back in the queue', async () => {
      const ada = await testApp.agent('agent', [uniqueTeam()]);
      const teamId = ada.teamIds[0];
      await testApp
        .http()
        .put('/api/me/presence')
        .set('Authorization', ada.auth)
        .send({ presence: 'available' })
        .expect(200);
      const open = await createTicket(testApp, ada, { teamId, assigneeId: ada.id });
      const pending = await createTicket(testApp, ada, { teamId, assigneeId: ada.id });
      await patchTicket(testApp, ada, pending.id, { status: 'pending' }).expect(200);
      const solved = await createTicket(testApp, ada, { teamId, assigneeId: ada.id });
      await patchTicket(testApp, ada, solved.id, { status: 'solved' }).expect(200);
      await testApp
        .http()
        .post(`/api/tickets/${open.id}/work/heartbeat`)
        .set('Authorization', ada.auth)
        .expect((response) => expect(response.status).toBeLessThan(300));

      await testApp
        .http()
        .patch(`/api/agents/${ada.id}`)
        .set('Authorization', admin.auth)
        .send({ active: false })
        .expect(200);

      const listed = await testApp
        .http()
        .get(`/api/agents/${ada.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(listed.body).toMatchObject({ active: false, presence: 'offline' });
      expect((await agentEvents(ada.id)).at(-1)).toMatchObject({
        type: 'presence.changed',
        actor_id: admin.id,
        payload: { from: 'available', to: 'offline', reason: 'deactivated' },
      });
      const sessions = await testApp.dataSource.query<{ ended_at: Date | null }[]>(
        `SELECT ended_at FROM work_sessions WHERE agent_id = $1`,
        [ada.id],
      );
      expect(sessions).toEqual([{ ended_at: expect.any(Date) }]);
      const assignees = await testApp.dataSource.query<{ id: string; assignee_id: string | null }[]>(
        `SELECT id, assignee_id FROM tickets WHERE id = ANY($1)`,
        [[open.id, pending.id, solved.id]],
      );
      expect(Object.fromEntries(assignees.map((row) => [row.id, row.assignee_id]))).toEqual({
        [open.id]: null,
        [pending.id]: null,
        [solved.id]: ada.id,
      });
      for (const ticket of [open, pending]) {
        expect(
          (await eventsOf(testApp, ticket.id)).filter((event) => event.type !== 'work').at(-1),
        ).toMatchObject({
          type: 'ticket.assigned',
          actor_kind: 'agent',
          actor_id: admin.id,
          payload: { agentId: null, previousAgentId: ada.id },
        });
      }
      expect((await eventsOf(testApp, solved.id)).at(-1)?.type).not.toBe('ticket.assigned');
      // Solved tickets keep their solver; giving her a ticket again is refused.
      const refused = await patchTicket(testApp, admin, open.id, { assigneeId: ada.id });
      expectApiError(refused, 422, 'deactivated');
    });

    it('records nothing when nothing changes', async () => {
      const target = await testApp.agent('agent');
      await testApp
        .http()
        .patch(`/api/agents/${target.id}`)
        .set('Authorization', admin.auth)
        .send({ name: 'Test agent', role: 'agent', active: true })
        .expect(200);
      expect((await agentEvents(target.id)).map((event) => event.type)).toEqual(['agent.created']);
    });

    it('refuses to let an admin deactivate or demote itself (409)', async () => {
      const self = await testApp.agent('admin');
      for (const body of [{ active: false }, { role: 'supervisor' }]) {
        const response = await testApp
          .http()
          .patch(`/api/agents/${self.id}`)
          .set('Authorization', self.auth)
          .send(body);
        expectApiError(response, 409, 'cannot deactivate or demote themselves');
      }
      const me = await testApp.http().get('/api/me').set('Authorization', self.auth).expect(200);
      expect(me.body).toMatchObject({ role: 'admin', active: true });
    });

    it.each(['agent', 'supervisor'] as const)('refuses a %s (403) and changes nothing', async (role) => {
      const caller = role === 'agent' ? agent : supervisor;
      const response = await testApp
        .http()
        .patch(`/api/agents/${caller.id}`)
        .set('Authorization', caller.auth)
        .send({ role: 'admin' });
      expectApiError(response, 403, 'admin');
      const me = await testApp.http().get('/api/me').set('Authorization', caller.auth).expect(200);
      expect(me.body.role).toBe(role);
    });

    it('answers 404 for an unknown agent and 400 naming the id for a malformed one', async () => {
      expectApiError(
        await testApp
          .http()
          .patch(`/api/agents/${UUID_NOBODY_HAS}`)
          .set('Authorization', admin.auth)
          .send({ name: 'Nobody' }),
        404,
        UUID_NOBODY_HAS,
      );
      expectApiError(
        await testApp
          .http()
          .patch('/api/agents/not-a-uuid')
          .set('Authorization', admin.auth)
          .send({ name: 'X' }),
        400,
        /\bid\b.*uuid|uuid.*\bid\b/i,
      );
    });

    it.each([
      ['an unknown role', { role: 'owner' }, 'role'],
      ['active of the wrong type', { active: 'no' }, 'active'],
      ['a short password', { password: 'short' }, 'password'],
      ['a common password', { password: 'iloveyou2024' }, 'password'],
      ['an unknown field', { email: 'new@billing.example' }, 'email'],
    ])('rejects %s with 400 naming the field', async (_, body, field) => {
      const target = await testApp.agent();
      const response = await testApp
        .http()
        .patch(`/api/agents/${target.id}`)
        .set('Authorization', admin.auth)
        .send(body);
      expectFieldError(response, field);
      expect((await agentEvents(target.id)).map((event) => event.type)).toEqual(['agent.created']);
    });
  });

  describe('/api/teams', () => {
    it('lets an admin create a team that every role then sees', async () => {
      const name = uniqueTeam('collections');
      const created = await testApp
        .http()
        .post('/api/teams')
        .set('Authorization', admin.auth)
        .send({ name: ` ${name} ` })
        .expect(201);
      expect(created.body).toEqual({ id: expect.any(String), name, createdAt: expect.any(String) });

      const listed = await testApp.http().get('/api/teams').set('Authorization', agent.auth).expect(200);
      expect(listed.body).toContainEqual({ id: created.body.id, name, createdAt: created.body.createdAt });
    });

    it('returns the existing team (200, not 201) when the name is taken in another letter case', async () => {
      const name = uniqueTeam('refunds');
      const first = await testApp
        .http()
        .post('/api/teams')
        .set('Authorization', admin.auth)
        .send({ name })
        .expect(201);
      const second = await testApp
        .http()
        .post('/api/teams')
        .set('Authorization', admin.auth)
        .send({ name: name.toUpperCase() })
        .expect(200);
      expect(second.body).toEqual(first.body);
      const rows: unknown[] = await testApp.dataSource.query(`SELECT 1 FROM teams WHERE lower(name) = $1`, [
        name,
      ]);
      expect(rows).toHaveLength(1);
    });

    it.each(['agent', 'supervisor'] as const)('refuses a %s (403)', async (role) => {
      const name = uniqueTeam();
      const response = await testApp
        .http()
        .post('/api/teams')
        .set('Authorization', (role === 'agent' ? agent : supervisor).auth)
        .send({ name });
      expectApiError(response, 403, 'admin');
      expect(await testApp.dataSource.query(`SELECT 1 FROM teams WHERE name = $1`, [name])).toEqual([]);
    });

    it.each([
      ['a blank name', { name: '  ' }, 'name'],
      ['a missing name', {}, 'name'],
      ['a name too long', { name: 'x'.repeat(101) }, 'name'],
      ['an unknown field', { name: 'Ok', lead: 'me' }, 'lead'],
    ])('rejects %s with 400 naming the field', async (_, body, field) => {
      const response = await testApp.http().post('/api/teams').set('Authorization', admin.auth).send(body);
      expectFieldError(response, field);
    });
  });
});
