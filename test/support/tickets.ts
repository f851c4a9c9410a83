import { AppConfig } from '@ledgerdesk/shared';
import { randomBytes } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { TestAgent, TestApp } from './test-app';

/** A ticket as the API returns it (the fields the tests read). */
export interface TicketBody {
  id: string;
  number: string;
  subject: string;
  channel: string;
  category: string;
  priority: string;
  status: string;
  requester: { email: string | null; phone: string | null; name: string | null };
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  solvedAt: string | null;
  closedAt: string | null;
}

/** A row of `ticket_events`, read straight from the database. */
export interface StoredEvent {
  id: string;
  type: string;
  actor_kind: string;
  actor_id: string | null;
  at: Date;
  recorded_at: Date;
  source: string;
  payload: Record<string, unknown>;
}

export const UUID_NOBODY_HAS = '00000000-0000-4000-8000-000000000000';

/** Opens a ticket through the API as `agent`; `input` overrides the defaults. */
export async function createTicket(
  testApp: TestApp,
  agent: TestAgent,
  input: Record<string, unknown> = {},
): Promise<TicketBody> {
  const response = await testApp
    .http()
    .post('/api/tickets')
    .set('Authorization', agent.auth)
    .send({
      channel: 'email',
      subject: 'Charged twice for October',
      body: 'Please refund one of the two charges.',
      requester: { email: 'pat@customer.example', name: 'Pat Doe' },
      ...input,
    });
  if (response.status !== 201) {
    throw new Error(`creating a ticket failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as TicketBody;
}

export function patchTicket(
  testApp: TestApp,
  agent: TestAgent,
  ticketId: string,
  body: Record<string, unknown>,
): Test {
  return testApp.http().patch(`/api/tickets/${ticketId}`).set('Authorization', agent.auth).send(body);
}

/** An agent's message on a ticket through the API (`reply` is public, `note` internal). */
export function postMessage(
  testApp: TestApp,
  agent: TestAgent,
  ticketId: string,
  kind: 'reply' | 'note',
  body: string,
): Test {
  return testApp
    .http()
    .post(`/api/tickets/${ticketId}/messages`)
    .set('Authorization', agent.auth)
    .send({ kind, body });
}

/** The ticket's interaction log in insertion order. */
export function eventsOf(testApp: TestApp, ticketId: string): Promise<StoredEvent[]> {
  return testApp.dataSource.query(
    `SELECT id, type, actor_kind, actor_id, at, recorded_at, source, payload
       FROM ticket_events WHERE ticket_id = $1 ORDER BY id`,
    [ticketId],
  );
}

/** Events appended after the `before` snapshot. */
export async function eventsSince(
  testApp: TestApp,
  ticketId: string,
  before: StoredEvent[],
): Promise<StoredEvent[]> {
  const known = new Set(before.map((event) => event.id));
  return (await eventsOf(testApp, ticketId)).filter((event) => !known.has(event.id));
}

export async function ticketRow(testApp: TestApp, ticketId: string): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown>[] = await testApp.dataSource.query(
    `SELECT * FROM tickets WHERE id = $1`,
    [ticketId],
  );
  return rows[0];
}

/** Which event the database should refuse: a type, narrowed to one ticket and/or one payload value. */
export interface EventMatch {
  type: string;
  ticketId?: string;
  payload?: [key: string, value: string];
}

/**
 * Runs `action` while a trigger makes PostgreSQL refuse appending the matching event. Other test
 * files share the database, so the match must name something of this test only (its ticket, or a
 * payload value such as a fresh agent's id). The trigger fires after the row is inserted, i.e.
 * after the change it records was already written in the same transaction.
 */
export async function withFailingEvent<T>(
  testApp: TestApp,
  match: EventMatch,
  action: () => Promise<T>,
): Promise<T> {
  const safe = /^[A-Za-z0-9._:-]+$/;
  const values = [match.type, match.ticketId ?? 'x', ...(match.payload ?? [])];
  if (!values.every((value) => safe.test(value))) throw new Error('unsafe trigger condition');
  if (!match.ticketId && !match.payload) throw new Error('name this test’s ticket or payload');
  const conditions = [`NEW.type = '${match.type}'`];
  if (match.ticketId) conditions.push(`NEW.ticket_id = '${match.ticketId}'::uuid`);
  if (match.payload) conditions.push(`NEW.payload->>'${match.payload[0]}' = '${match.payload[1]}'`);

  const name = `test_fail_event_${randomBytes(6).toString('hex')}`;
  await testApp.dataSource.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'forced failure: % event of ticket %', NEW.type, NEW.ticket_id;
     END $$`,
  );
  await testApp.dataSource.query(
    `CREATE TRIGGER ${name} AFTER INSERT ON ticket_events FOR EACH ROW
       WHEN (${conditions.join(' AND ')}) EXECUTE FUNCTION ${name}()`,
  );
  try {
    return await action();
  } finally {
    await testApp.dataSource.query(`DROP TRIGGER IF EXISTS ${name} ON ticket_events`);
    await testApp.dataSource.query(`DROP FUNCTION IF EXISTS ${name}()`);
  }
}

/** The API's one error shape: `{ statusCode, error, message, details? }` and nothing else. */
export function expectApiError(response: Response, statusCode: number, mention?: string | RegExp): void {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({
    status: statusCode,
    body: { statusCode, error: expect.any(String), message: expect.any(String) },
  });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  for (const key of Object.keys(response.body as object)) {
    expect(['statusCode', 'error', 'message', 'details']).toContain(key);
  }
  if (mention !== undefined) {
    const text = `${response.body.message} ${JSON.stringify(response.body.details ?? null)}`;
    if (typeof mention === 'string') expect(text).toContain(mention);
    else expect(text).toMatch(mention);
  }
}

/** A 400 whose `details` name `field` among the invalid ones. */
export function expectFieldError(response: Response, field: string): void {
  expectApiError(response, 400, field);
  const details = response.body.details as { field: string }[] | undefined;
  expect(details?.map((detail) => detail.field)).toContain(field);
}

/** A bearer token signed with a different secret, for a syntactically perfect but forged JWT. */
export function forgedToken(agentId: string): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const claims = encode({ sub: agentId, role: 'admin', iss: 'ledgerdesk', exp: 4102444800 });
  return `${header}.${claims}.${randomBytes(32).toString('base64url')}`;
}

/** A string that makes any JSON body bigger than HTTP_BODY_LIMIT_BYTES. */
export function oversizedText(testApp: TestApp): string {
  return 'x'.repeat(testApp.app.get(AppConfig).httpBodyLimitBytes + 1);
}
