import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { expectApiError, expectFieldError } from '../support/tickets';
import { TestAgent, TestApp } from '../support/test-app';

describe('reply templates', () => {
  let testApp: TestApp;
  let agent: TestAgent;
  let supervisor: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    agent = await testApp.agent('agent');
    supervisor = await testApp.agent('supervisor');
  });

  afterAll(() => testApp.close());

  const expectNameTaken = (response: Response): void => {
    expectApiError(response, 409, /exists/);
    expect(response.body.details).toEqual([{ field: 'name', problems: ['is taken by another template'] }]);
  };
  const unique = (name: string): string => `${name} ${randomUUID().slice(0, 8)}`;
  const create = (body: Record<string, unknown>, who: TestAgent = supervisor) =>
    testApp.http().post('/api/reply-templates').set('authorization', who.auth).send(body);
  const list = async (): Promise<{ id: string; name: string; body: string }[]> =>
    (await testApp.http().get('/api/reply-templates').set('authorization', agent.auth).expect(200)).body;

  it('lets a supervisor write templates with placeholders that every agent reads, by name', async () => {
    const name = unique('Refund on its way');
    const body =
      'Hello {{customer.firstName}},\n\nthe refund for {{ ticket.number }} is on its way.\n\n{{agent.name}}';
    const created = await create({ name: `  ${name} `, body }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name,
      body,
      updatedBy: supervisor.id,
      updatedByName: 'Test supervisor',
      updatedAt: expect.any(String),
    });
    const other = await create({ name: unique('A first reminder'), body: 'Your invoice is due.' }).expect(
      201,
    );
    const names = (await list()).map((template) => template.name);
    expect(names.indexOf(other.body.name)).toBeLessThan(names.indexOf(name));
  });

  it('refuses an unknown placeholder, naming it and the known ones, and writes nothing', async () => {
    const name = unique('Typo');
    const response = await create({ name, body: 'Hi {{customer.nmae}}, see {{ticket.number}}' });
    expectFieldError(response, 'body');
    expect(response.body.message).toMatch(
      /unknown placeholder \{\{customer\.nmae\}\} \(known: \{\{customer\.name\}\}/,
    );
    expect((await list()).map((template) => template.name)).not.toContain(name);
  });

  it('refuses a name taken in any letter case (409 naming name), also on rename', async () => {
    const name = unique('Payment received');
    const first = await create({ name, body: 'Thanks, we received it.' }).expect(201);
    expectNameTaken(await create({ name: name.toUpperCase(), body: 'Again' }));
    const second = await create({ name: unique('Another'), body: 'Other' }).expect(201);
    expectNameTaken(
      await testApp
        .http()
        .put(`/api/reply-templates/${second.body.id}`)
        .set('authorization', supervisor.auth)
        .send({ name: name.toLowerCase(), body: 'Other' }),
    );
    // Renaming a template to its own name in another case is fine.
    await testApp
      .http()
      .put(`/api/reply-templates/${first.body.id}`)
      .set('authorization', supervisor.auth)
      .send({ name: name.toLowerCase(), body: 'Thanks, we received your payment.' })
      .expect(200);
  });

  it('updates and deletes (supervisors and admins only); an unknown id is a 404', async () => {
    const created = await create({ name: unique('Dunning'), body: 'Please pay.' }).expect(201);
    const path = `/api/reply-templates/${created.body.id}`;
    expectApiError(await create({ name: unique('Mine'), body: 'x' }, agent), 403, 'supervisor');
    expectApiError(
      await testApp.http().put(path).set('authorization', agent.auth).send({ name: 'x', body: 'y' }),
      403,
      'supervisor',
    );
    expectApiError(await testApp.http().delete(path).set('authorization', agent.auth), 403, 'supervisor');

    const updated = await testApp
      .http()
      .put(path)
      .set('authorization', supervisor.auth)
      .send({ name: created.body.name, body: 'Please pay by {{ticket.subject}}.' })
      .expect(200);
    expect(updated.body.body).toBe('Please pay by {{ticket.subject}}.');
    await testApp.http().delete(path).set('authorization', supervisor.auth).expect(204);
    await testApp.http().delete(path).set('authorization', supervisor.auth).expect(404);
    await testApp
      .http()
      .put(path)
      .set('authorization', supervisor.auth)
      .send({ name: 'Gone', body: 'Gone' })
      .expect(404);
    expect((await list()).map((template) => template.id)).not.toContain(created.body.id);
  });

  it('refuses a blank name or body with 400 naming the field', async () => {
    expectFieldError(await create({ name: '   ', body: 'x' }), 'name');
    expectFieldError(await create({ name: unique('Blank'), body: ' \n ' }), 'body');
    expectFieldError(await create({ name: unique('Long'), body: 'x'.repeat(20_001) }), 'body');
    const nul = unique('NUL');
    expectFieldError(await create({ name: nul, body: 'Hello\u0000 there' }), 'body');
    expect((await list()).map((template) => template.name)).not.toContain(nul);
  });
});
