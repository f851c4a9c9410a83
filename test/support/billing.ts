import { randomUUID } from 'node:crypto';
import { TestAgent, TestApp } from './test-app';

/** Creates an account through the API and returns its id. */
export async function createAccount(
  testApp: TestApp,
  agent: TestAgent,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; number: string }> {
  const number = `ACC-${randomUUID().slice(0, 8)}`;
  const response = await testApp
    .http()
    .post('/api/accounts')
    .set('authorization', agent.auth)
    .send({ number, name: `Customer ${number}`, currency: 'EUR', contacts: [], ...overrides });
  if (response.status !== 201)
    throw new Error(`account: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id as string, number };
}

export async function createInvoice(
  testApp: TestApp,
  agent: TestAgent,
  accountId: string,
  invoice: {
    number: string;
    issueDate: string;
    dueDate: string;
    lines: { description: string; quantity: number | string; unitPrice: number }[];
  },
): Promise<string> {
  const response = await testApp
    .http()
    .post(`/api/accounts/${accountId}/invoices`)
    .set('authorization', agent.auth)
    .send(invoice);
  if (response.status !== 201)
    throw new Error(`invoice: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export const line = (unitPrice: number, quantity: number | string = 1, description = 'Service') => ({
  description,
  quantity,
  unitPrice,
});
