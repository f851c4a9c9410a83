import { LIVE_COMMANDS } from '@ledgerdesk/contracts';
import { io } from 'socket.io-client';
import { connectLive, LiveClient, listen, pause } from '../support/live';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket } from '../support/tickets';

type Ack = { ok: true } | { ok: false; error: string };

/** Changes to an agent reach their open live connections, on every api instance. */
describe('live connections of an agent who changes', () => {
  let testApp: TestApp;
  let otherInstance: TestApp;
  let url: string;
  let otherUrl: string;
  let admin: TestAgent;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    testApp = await TestApp.start();
    otherInstance = await TestApp.start();
    url = await listen(testApp);
    otherUrl = await listen(otherInstance);
    admin = await testApp.agent('admin');
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await otherInstance.close();
    await testApp.close();
  });

  async function connect(agent: TestAgent, base = url): Promise<LiveClient> {
    const client = await connectLive(base, agent);
    clients.push(client);
    return client;
  }

  /** Resolves with the reason the server gave when it closes the connection. */
  function disconnection(client: LiveClient, timeoutMs = 5000): Promise<string> {
    if (client.socket.disconnected) return Promise.resolve('already disconnected');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
      client.socket.once('disconnect', (reason: string) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
  }

  /** What a new connection with the agent's token gets: its session, or the refusal. */
  function reconnect(agent: TestAgent, base = url): Promise<{ rooms: string[] } | Error> {
    const socket = io(`${base}/live`, {
      auth: { token: agent.token },
      transports: ['websocket'],
      reconnection: false,
    });
    return new Promise((resolve) => {
      socket.once('session', (session: { rooms: string[] }) => {
        resolve(session);
        socket.disconnect();
      });
      socket.once('connect_error', (error: Error) => resolve(error));
    });
  }

  const patchAgent = (agent: TestAgent, body: Record<string, unknown>, app = testApp) =>
    app.http().patch(`/api/agents/${agent.id}`).set('Authorization', admin.auth).send(body).expect(200);

  it('disconnects a deactivated agent watching a ticket, and refuses her reconnect', async () => {
    const team = uniqueTeam();
    const ada = await testApp.agent('agent', [team]);
    const ticket = await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
    const live = await connect(ada);
    expect(await live.command<Ack>(LIVE_COMMANDS.watch, { ticketId: ticket.id })).toMatchObject({ ok: true });

    const closed = disconnection(live);
    await patchAgent(ada, { active: false });

    expect(await closed).toBe('io server disconnect');
    const again = await reconnect(ada);
    expect(again).toBeInstanceOf(Error);
    expect((again as Error).message).toMatch(/deactivated/);
  });

  it('disconnects a demoted supervisor, whose reconnect no longer joins the supervisors room', async () => {
    const sam = await testApp.agent('supervisor', [uniqueTeam()]);
    const live = await connect(sam);
    const closed = disconnection(live);

    await patchAgent(sam, { role: 'agent' });

    expect(await closed).toBe('io server disconnect');
    const session = await reconnect(sam);
    expect(session).not.toBeInstanceOf(Error);
    expect((session as { rooms: string[] }).rooms).not.toContain('supervisors');
  });

  it('disconnects an agent whose teams change, whose reconnect joins the new team only', async () => {
    const [before, after] = [uniqueTeam(), uniqueTeam()];
    const grace = await testApp.agent('agent', [before]);
    const live = await connect(grace);
    const closed = disconnection(live);

    const updated = await patchAgent(grace, { teams: [after] });

    expect(await closed).toBe('io server disconnect');
    const newTeamId = (updated.body as { teams: { id: string }[] }).teams[0].id;
    expect(await reconnect(grace)).toMatchObject({ rooms: [`agent:${grace.id}`, `team:${newTeamId}`] });
  });

  it('reaches a connection held by another api instance', async () => {
    const linus = await testApp.agent('agent', [uniqueTeam()]);
    const live = await connect(linus, otherUrl);
    const closed = disconnection(live);

    await patchAgent(linus, { active: false });

    expect(await closed).toBe('io server disconnect');
  });

  it('disconnects the connection opened with a token that signs out, and refuses it again', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const live = await connect(agent);
    const closed = disconnection(live);

    await testApp.http().post('/api/auth/logout').set('Authorization', agent.auth).expect(204);

    expect(await closed).toBe('io server disconnect');
    const again = await reconnect(agent);
    expect(again).toBeInstanceOf(Error);
    expect((again as Error).message).toMatch(/revoked/);
  });

  it('disconnects the connections of an agent whose password an admin resets', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const live = await connect(agent, otherUrl);
    const closed = disconnection(live);

    await patchAgent(agent, { password: 'reset-by-the-admin' });

    expect(await closed).toBe('io server disconnect');
    expect(await reconnect(agent)).toBeInstanceOf(Error);
  });

  it("shows the supervisors a deactivated agent's open tickets unassigned", async () => {
    const ada = await testApp.agent('agent', [uniqueTeam()]);
    const sam = await testApp.agent('supervisor', []);
    const ticket = await createTicket(testApp, ada, { teamId: ada.teamIds[0], assigneeId: ada.id });
    const wall = await connect(sam);

    await patchAgent(ada, { active: false });

    await wall.next<{ ticketId: string; assigneeId: string | null }>(
      'ticket.changed',
      (change) => change.ticketId === ticket.id && change.assigneeId === null,
    );
  });

  it('keeps the connection when nothing it was given changes (a new name)', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const live = await connect(agent);

    await patchAgent(agent, { name: 'Renamed Agent' });
    await pause(500);

    expect(live.socket.connected).toBe(true);
  });
});
