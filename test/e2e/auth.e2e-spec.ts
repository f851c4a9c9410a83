import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@ledgerdesk/shared';
import { randomUUID } from 'node:crypto';
import { TestApp, uniqueTeam } from '../support/test-app';
import {
  expectApiError,
  expectFieldError,
  forgedToken,
  oversizedText,
  UUID_NOBODY_HAS,
} from '../support/tickets';

interface AttemptRow {
  email: string;
  agent_id: string | null;
  succeeded: boolean;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

const someId = UUID_NOBODY_HAS;
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/;
/** Every route that needs a token, with a body that would otherwise be valid enough. */
const PROTECTED_ROUTES: [method: 'get' | 'post' | 'put' | 'patch', path: string][] = [
  ['get', '/api/me'],
  ['put', '/api/me/presence'],
  ['get', '/api/agents'],
  ['post', '/api/agents'],
  ['get', `/api/agents/${someId}`],
  ['patch', `/api/agents/${someId}`],
  ['get', '/api/teams'],
  ['post', '/api/teams'],
  ['get', '/api/tickets'],
  ['post', '/api/tickets'],
  ['get', `/api/tickets/${someId}`],
  ['patch', `/api/tickets/${someId}`],
  ['get', `/api/tickets/${someId}/events`],
  ['post', `/api/tickets/${someId}/messages`],
  ['post', `/api/tickets/${someId}/calls`],
  ['post', `/api/tickets/${someId}/work/heartbeat`],
  ['post', `/api/tickets/${someId}/work/stop`],
];

describe('authentication', () => {
  let testApp: TestApp;
  let config: AppConfig;

  beforeAll(async () => {
    testApp = await TestApp.start();
    config = testApp.app.get(AppConfig);
  });

  afterAll(() => testApp.close());

  const login = (email: unknown, password: unknown, forwardedFor?: string, app: TestApp = testApp) => {
    const request = app.http().post('/api/auth/login').set('User-Agent', 'ledgerdesk-e2e');
    if (forwardedFor) void request.set('X-Forwarded-For', forwardedFor);
    return request.send({ email, password });
  };

  const attemptsFor = (email: string): Promise<AttemptRow[]> =>
    testApp.dataSource.query(
      `SELECT email, agent_id, succeeded, reason, ip, user_agent
         FROM login_attempts WHERE lower(email) = lower($1) ORDER BY id`,
      [email],
    );

  describe('POST /api/auth/login', () => {
    it('returns a JWT for the agent that opens the API, and records the successful attempt', async () => {
      const agent = await testApp.agent('supervisor', [uniqueTeam()]);
      const response = await login(agent.email, agent.password).expect(200);

      expect(response.body).toEqual({ accessToken: expect.any(String), expiresIn: config.jwtTtlSeconds });
      const claims = testApp.app
        .get(JwtService)
        .decode<{ sub: string; role: string; iss: string }>(response.body.accessToken);
      expect(claims).toMatchObject({ sub: agent.id, role: 'supervisor', iss: 'ledgerdesk' });
      const me = await testApp
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({ id: agent.id, email: agent.email, role: 'supervisor' });
      expect(me.body).not.toHaveProperty('passwordHash');

      // testApp.agent() logged in once already; this is the second success.
      const attempts = await attemptsFor(agent.email);
      expect(attempts.map((attempt) => attempt.succeeded)).toEqual([true, true]);
      expect(attempts.at(-1)).toEqual({
        email: agent.email,
        agent_id: agent.id,
        succeeded: true,
        reason: null,
        ip: expect.stringMatching(LOOPBACK),
        user_agent: 'ledgerdesk-e2e',
      });
    });

    it('matches the email case-insensitively', async () => {
      const agent = await testApp.agent();
      await login(agent.email.toUpperCase(), agent.password).expect(200);
    });

    it('refuses a wrong password with 401 and records the failed attempt', async () => {
      const agent = await testApp.agent();
      const response = await login(agent.email, `${agent.password}-wrong`);

      expectApiError(response, 401, 'Invalid email or password');
      expect(response.body).not.toHaveProperty('accessToken');
      expect((await attemptsFor(agent.email)).at(-1)).toMatchObject({
        agent_id: agent.id,
        succeeded: false,
        reason: 'wrong_password',
        ip: expect.stringMatching(LOOPBACK),
      });
    });

    it('refuses an unknown email with the same 401 and records the attempt', async () => {
      const email = `nobody-${randomUUID()}@test.example`;
      const response = await login(email, 'whatever-password');

      expectApiError(response, 401, 'Invalid email or password');
      expect(await attemptsFor(email)).toEqual([
        expect.objectContaining({ email, agent_id: null, succeeded: false, reason: 'unknown_email' }),
      ]);
    });

    it('refuses a deactivated agent even with the right password, and records why', async () => {
      const admin = await testApp.agent('admin');
      const agent = await testApp.agent();
      await testApp
        .http()
        .patch(`/api/agents/${agent.id}`)
        .set('Authorization', admin.auth)
        .send({ active: false })
        .expect(200);

      const response = await login(agent.email, agent.password);

      expectApiError(response, 403, 'deactivated');
      expect(response.body).not.toHaveProperty('accessToken');
      expect((await attemptsFor(agent.email)).at(-1)).toMatchObject({
        succeeded: false,
        reason: 'deactivated',
      });
    });

    it.each([
      ['a missing password', { email: 'ada@billing.example' }, 'password'],
      ['an email that is not one', { email: 'ada', password: 'x' }, 'email'],
      ['a number as password', { email: 'ada@billing.example', password: 12345 }, 'password'],
      ['an empty password', { email: 'ada@billing.example', password: '' }, 'password'],
      ['an unknown field', { email: 'ada@billing.example', password: 'x', remember: true }, 'remember'],
    ])('rejects %s with 400 naming the field', async (_, body, field) => {
      const response = await testApp.http().post('/api/auth/login').send(body);
      expectFieldError(response, field);
    });

    it('refuses a body over HTTP_BODY_LIMIT_BYTES with 413', async () => {
      const response = await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: 'ada@billing.example', password: oversizedText(testApp) });
      expectApiError(response, 413, 'too large');
    });

    it('rejects a body that is not JSON with 400', async () => {
      const response = await testApp
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expectApiError(response, 400, /JSON/);
    });

    it('limits attempts per client address and email (429), counting successes too', async () => {
      const agent = await testApp.agent(); // logs in once: the first attempt of the budget
      const limit = config.loginRateLimit;
      for (let attempt = 2; attempt < limit; attempt += 1) {
        await login(agent.email, 'wrong-password').expect(401);
      }
      await login(agent.email, agent.password).expect(200);

      const limited = await login(agent.email, agent.password);
      expectApiError(limited, 429, `wait ${config.loginRateWindowSeconds} seconds`);
      expect(limited.body).not.toHaveProperty('accessToken');
      // The same email in another case is the same key.
      expectApiError(await login(agent.email.toUpperCase(), agent.password), 429);
      // Another email from the same address has its own budget.
      const other = await testApp.agent();
      await login(other.email, other.password).expect(200);

      const failures = (await attemptsFor(agent.email)).filter((attempt) => !attempt.succeeded);
      expect(failures.map((attempt) => attempt.reason)).toEqual([
        ...Array<string>(limit - 2).fill('wrong_password'),
        'throttled',
        'throttled',
      ]);
    });

    it('answers a throttled attempt with a standard Retry-After in seconds and records it as throttled', async () => {
      const agent = await testApp.agent(); // logs in once: the first attempt of the budget
      for (let attempt = 2; attempt <= config.loginRateLimit; attempt += 1) {
        await login(agent.email, 'wrong-password').expect(401);
      }

      const limited = await login(agent.email, agent.password);

      expectApiError(limited, 429);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(config.loginRateWindowSeconds);
      expect(limited.headers).not.toHaveProperty('retry-after-login');
      expect((await attemptsFor(agent.email)).at(-1)).toEqual({
        email: agent.email.toLowerCase(),
        agent_id: null,
        succeeded: false,
        reason: 'throttled',
        ip: expect.stringMatching(LOOPBACK),
        user_agent: 'ledgerdesk-e2e',
      });
    });

    it('does not let a client escape the limit with a made-up X-Forwarded-For', async () => {
      const agent = await testApp.agent(); // logs in once: the first attempt of the budget
      for (let attempt = 2; attempt <= config.loginRateLimit; attempt += 1) {
        await login(agent.email, 'wrong-password', `203.0.113.${attempt}`).expect(401);
      }
      expectApiError(await login(agent.email, agent.password, '198.51.100.77'), 429);
      const recorded = await attemptsFor(agent.email);
      expect(recorded.filter((attempt) => attempt.ip?.startsWith('203.0.113.'))).toEqual([]);
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY)', () => {
    let proxied: TestApp;

    beforeAll(async () => {
      process.env.TRUST_PROXY = 'loopback';
      try {
        proxied = await TestApp.start();
      } finally {
        delete process.env.TRUST_PROXY;
      }
    });

    afterAll(() => proxied.close());

    it('limits each forwarded client address separately and records it', async () => {
      const agent = await proxied.agent();
      for (let attempt = 1; attempt <= config.loginRateLimit; attempt += 1) {
        await login(agent.email, 'wrong-password', '203.0.113.10', proxied).expect(401);
      }
      expectApiError(await login(agent.email, agent.password, '203.0.113.10', proxied), 429);

      await login(agent.email, agent.password, '203.0.113.11', proxied).expect(200);
      expect((await attemptsFor(agent.email)).at(-1)).toMatchObject({ succeeded: true, ip: '203.0.113.11' });
    });
  });

  describe('per client address across emails (LOGIN_RATE_LIMIT_PER_ADDRESS)', () => {
    const PER_ADDRESS = 5;
    let limited: TestApp;

    beforeAll(async () => {
      process.env.TRUST_PROXY = 'loopback';
      process.env.LOGIN_RATE_LIMIT_PER_ADDRESS = String(PER_ADDRESS);
      try {
        limited = await TestApp.start();
      } finally {
        delete process.env.TRUST_PROXY;
        process.env.LOGIN_RATE_LIMIT_PER_ADDRESS = '1000000';
      }
    });

    afterAll(() => limited.close());

    it('refuses an address that tries one password on many emails (429), and records it', async () => {
      const sprayer = '192.0.2.55';
      const emails = Array.from({ length: PER_ADDRESS + 1 }, () => `spray-${randomUUID()}@test.example`);
      for (const email of emails.slice(0, PER_ADDRESS)) {
        await login(email, 'Winter2026!', sprayer, limited).expect(401);
      }

      const refused = await login(emails[PER_ADDRESS], 'Winter2026!', sprayer, limited);

      expectApiError(refused, 429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(await attemptsFor(emails[PER_ADDRESS])).toEqual([
        expect.objectContaining({ succeeded: false, reason: 'throttled', ip: sprayer }),
      ]);
      // Another address keeps its own budget.
      await login(emails[PER_ADDRESS], 'Winter2026!', '192.0.2.56', limited).expect(401);
    });
  });

  describe('access tokens', () => {
    it.each(PROTECTED_ROUTES)('refuses %s %s without a token (401)', async (method, path) => {
      const response = await testApp.http()[method](path).send({});
      expectApiError(response, 401, 'Missing bearer access token');
    });

    it.each(PROTECTED_ROUTES)('refuses %s %s with a bad token (401)', async (method, path) => {
      const response = await testApp.http()[method](path).set('Authorization', 'Bearer not-a-jwt').send({});
      expectApiError(response, 401, 'invalid or expired');
    });

    it('refuses a token signed with another secret', async () => {
      const agent = await testApp.agent('admin');
      const response = await testApp
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${forgedToken(agent.id)}`);
      expectApiError(response, 401, 'invalid or expired');
    });

    it('refuses an expired token and one from another issuer', async () => {
      const agent = await testApp.agent();
      const jwt = testApp.app.get(JwtService);
      const expired = await jwt.signAsync({ sub: agent.id, role: agent.role }, { expiresIn: -10 });
      const foreign = await jwt.signAsync({ sub: agent.id, role: agent.role }, { issuer: 'elsewhere' });

      for (const token of [expired, foreign]) {
        const response = await testApp.http().get('/api/me').set('Authorization', `Bearer ${token}`);
        expectApiError(response, 401, 'invalid or expired');
      }
    });

    it('refuses a valid token naming an agent that does not exist', async () => {
      const token = await testApp.app.get(JwtService).signAsync({ sub: randomUUID(), role: 'admin' });
      const response = await testApp.http().get('/api/me').set('Authorization', `Bearer ${token}`);
      expectApiError(response, 401, 'does not exist');
    });

    it('refuses a token that is not sent as a Bearer credential', async () => {
      const agent = await testApp.agent();
      const response = await testApp.http().get('/api/me').set('Authorization', agent.token);
      expectApiError(response, 401, 'Missing bearer access token');
    });

    it('stops honouring the tokens of an agent once deactivated, also after reactivation (log in again)', async () => {
      const admin = await testApp.agent('admin');
      const agent = await testApp.agent();
      await testApp.http().get('/api/me').set('Authorization', agent.auth).expect(200);

      await testApp
        .http()
        .patch(`/api/agents/${agent.id}`)
        .set('Authorization', admin.auth)
        .send({ active: false })
        .expect(200);
      expectApiError(
        await testApp.http().get('/api/tickets').set('Authorization', agent.auth),
        401,
        'deactivated',
      );

      await testApp
        .http()
        .patch(`/api/agents/${agent.id}`)
        .set('Authorization', admin.auth)
        .send({ active: true })
        .expect(200);
      expectApiError(await testApp.http().get('/api/me').set('Authorization', agent.auth), 401, 'revoked');
      const again = await login(agent.email, agent.password).expect(200);
      await testApp
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${again.body.accessToken}`)
        .expect(200);
    });

    it('revokes the token a sign-out is sent with (POST /api/auth/logout), and only that one', async () => {
      const agent = await testApp.agent();
      const other = (await login(agent.email, agent.password).expect(200)).body.accessToken as string;

      await testApp.http().post('/api/auth/logout').set('Authorization', agent.auth).expect(204);

      expectApiError(await testApp.http().get('/api/me').set('Authorization', agent.auth), 401, 'revoked');
      expectApiError(
        await testApp.http().post('/api/auth/logout').set('Authorization', agent.auth),
        401,
        'revoked',
      );
      await testApp.http().get('/api/me').set('Authorization', `Bearer ${other}`).expect(200);
      expectApiError(await testApp.http().post('/api/auth/logout'), 401, 'Missing bearer access token');
    });

    it('revokes every token of an agent whose password an admin resets; the new password logs in', async () => {
      const admin = await testApp.agent('admin');
      const agent = await testApp.agent();
      const second = (await login(agent.email, agent.password).expect(200)).body.accessToken as string;

      await testApp
        .http()
        .patch(`/api/agents/${agent.id}`)
        .set('Authorization', admin.auth)
        .send({ password: 'a-brand-new-password' })
        .expect(200);

      for (const token of [agent.token, second]) {
        const response = await testApp.http().get('/api/me').set('Authorization', `Bearer ${token}`);
        expectApiError(response, 401, 'revoked');
      }
      const fresh = await login(agent.email, 'a-brand-new-password').expect(200);
      await testApp
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${fresh.body.accessToken}`)
        .expect(200);
      // A change that is no password or deactivation leaves tokens alone.
      await testApp
        .http()
        .patch(`/api/agents/${agent.id}`)
        .set('Authorization', admin.auth)
        .send({ name: 'Still Signed In' })
        .expect(200);
      await testApp
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${fresh.body.accessToken}`)
        .expect(200);
    });

    it('applies a role change to existing tokens at once', async () => {
      const admin = await testApp.agent('admin');
      const demoted = await testApp.agent('admin');
      await testApp.http().get('/api/agents').set('Authorization', demoted.auth).expect(200);

      await testApp
        .http()
        .patch(`/api/agents/${demoted.id}`)
        .set('Authorization', admin.auth)
        .send({ role: 'agent' })
        .expect(200);

      const response = await testApp
        .http()
        .post('/api/teams')
        .set('Authorization', demoted.auth)
        .send({ name: uniqueTeam() });
      expectApiError(response, 403, 'admin');
    });

    it('leaves GET /health open', async () => {
      await testApp.http().get('/health').expect(200);
    });
  });
});
