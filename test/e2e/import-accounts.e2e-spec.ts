import { ndjson, uniquePrefix } from '../support/history-import';
import { createAccount } from '../support/billing';
import { TestAgent, TestApp } from '../support/test-app';

describe('history import: customer accounts', () => {
  let testApp: TestApp;
  let admin: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    admin = await testApp.agent('admin');
  });

  afterAll(() => testApp.close());

  const importFile = (lines: Record<string, unknown>[]) =>
    testApp
      .http()
      .post('/api/import')
      .set('authorization', admin.auth)
      .set('content-type', 'application/x-ndjson')
      .send(ndjson(lines));

  it('links an imported ticket to the account its ticket.created names, and refuses an unknown number', async () => {
    const account = await createAccount(testApp, admin);
    const key = uniquePrefix('acct');
    const created = (ticket: string, accountNumber: string) => ({
      id: `${key}-${ticket}`,
      type: 'ticket.created',
      ticket: `${key}-${ticket}`,
      at: '2024-02-01T10:00:00+01:00',
      channel: 'email',
      subject: 'Refund',
      category: 'refund_request',
      requester: { email: 'refund@customer.example' },
      account: accountNumber,
    });
    const response = await importFile([
      created('known', account.number),
      created('unknown', 'NOPE-404'),
    ]).expect(422);
    expect(response.body).toMatchObject({ imported: 1, rejected: 1 });
    expect(response.body.details).toEqual([{ line: 2, reason: 'unknown customer account "NOPE-404"' }]);
    const rows = await testApp.dataSource.query<
      { external_key: string; customer_account_id: string | null }[]
    >(`SELECT external_key, customer_account_id FROM tickets WHERE external_key LIKE $1`, [`${key}-%`]);
    expect(rows).toEqual([{ external_key: `${key}-known`, customer_account_id: account.id }]);
  });
});
