import { connectLive, listen, pause } from '../support/live';
import { TestAgent, TestApp } from '../support/test-app';

/** Presence follows the console's live connection: gone for the grace period → offline. */
describe('presence when the console goes away', () => {
  const GRACE_SECONDS = 1;
  let testApp: TestApp;
  let url: string;

  beforeAll(async () => {
    process.env.PRESENCE_OFFLINE_AFTER_SECONDS = String(GRACE_SECONDS);
    testApp = await TestApp.start();
    url = await listen(testApp);
  });

  afterAll(async () => {
    delete process.env.PRESENCE_OFFLINE_AFTER_SECONDS;
    await testApp.close();
  });

  async function availableAgent(): Promise<TestAgent> {
    const agent = await testApp.agent('agent');
    await testApp
      .http()
      .put('/api/me/presence')
      .set('authorization', agent.auth)
      .send({ presence: 'available' })
      .expect(200);
    return agent;
  }

  const presenceOf = async (agent: TestAgent): Promise<string> =>
    (
      await testApp.dataSource.query<{ presence: string }[]>(`SELECT presence FROM agents WHERE id = $1`, [
        agent.id,
      ])
    )[0].presence;

  const presenceEvents = (agent: TestAgent) =>
    testApp.dataSource.query<{ actor_id: string | null; payload: Record<string, unknown> }[]>(
      `SELECT actor_id, payload FROM agent_events WHERE agent_id = $1 AND type = 'presence.changed' ORDER BY id`,
      [agent.id],
    );

  it('sets an agent offline once their last console connection has been gone for the grace period', async () => {
    const agent = await availableAgent();
    const console = await connectLive(url, agent);
    console.close();
    await pause(GRACE_SECONDS * 1000 + 700);

    expect(await presenceOf(agent)).toBe('offline');
    expect((await presenceEvents(agent)).at(-1)).toEqual({
      actor_id: null,
      payload: { from: 'available', to: 'offline', reason: 'disconnected' },
    });
  });

  it('changes nothing when the console reconnects within the grace period (a reload)', async () => {
    const agent = await availableAgent();
    (await connectLive(url, agent)).close();
    const reloaded = await connectLive(url, agent);
    await pause(GRACE_SECONDS * 1000 + 700);

    expect(await presenceOf(agent)).toBe('available');
    reloaded.close();
  });

  it('keeps the agent available while another tab is still connected', async () => {
    const agent = await availableAgent();
    const [first, second] = [await connectLive(url, agent), await connectLive(url, agent)];
    first.close();
    await pause(GRACE_SECONDS * 1000 + 700);

    expect(await presenceOf(agent)).toBe('available');
    second.close();
  });
});
