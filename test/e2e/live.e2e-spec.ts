import { io, Socket } from 'socket.io-client';
import { TestApp, TestAgent, uniqueTeam } from '../support/test-app';

function connect(url: string, token?: string): Socket {
  return io(`${url}/live`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
}

function firstOf<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, (payload: T) => resolve(payload)));
}

describe('socket.io /live namespace', () => {
  let testApp: TestApp;
  let url: string;
  let agent: TestAgent;
  let supervisor: TestAgent;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    testApp = await TestApp.start();
    await testApp.app.listen(0, '127.0.0.1');
    url = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    const team = uniqueTeam();
    agent = await testApp.agent('agent', [team]);
    supervisor = await testApp.agent('supervisor', [team]);
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await testApp.close();
  });

  it('refuses a connection without an access token', async () => {
    const socket = connect(url);
    sockets.push(socket);
    const error = await firstOf<Error>(socket, 'connect_error');
    expect(error.message).toMatch(/Missing bearer access token/);
  });

  it('refuses a forged token', async () => {
    const socket = connect(url, `${agent.token.slice(0, -4)}AAAA`);
    sockets.push(socket);
    const error = await firstOf<Error>(socket, 'connect_error');
    expect(error.message).toMatch(/invalid or expired/);
  });

  it('joins an agent to its own room and its team rooms', async () => {
    const socket = connect(url, agent.token);
    sockets.push(socket);
    const session = await firstOf<{ agentId: string; rooms: string[] }>(socket, 'session');
    expect(session.agentId).toBe(agent.id);
    expect(session.rooms).toEqual([`agent:${agent.id}`, `team:${agent.teamIds[0]}`]);
  });

  it('also joins supervisors to the supervisors room', async () => {
    const socket = connect(url, supervisor.token);
    sockets.push(socket);
    const session = await firstOf<{ rooms: string[] }>(socket, 'session');
    expect(session.rooms).toContain('supervisors');
  });
});
