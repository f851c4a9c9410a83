import { useKeyedBatchPlans } from '@ledgerdesk/shared';
import { TestApp } from '../support/test-app';

/** The planner settings of the import's and the KPI projection's transactions, on real PostgreSQL. */
describe('useKeyedBatchPlans', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await TestApp.start();
  });

  afterAll(() => testApp.close());

  const settings = async (query: (sql: string) => Promise<{ jit: string; cost: string }[]>) =>
    (await query(`SELECT current_setting('jit') AS jit, current_setting('random_page_cost') AS cost`))[0];

  it('prices index probes for memory and turns JIT off inside the transaction only', async () => {
    const inside = await testApp.dataSource.transaction(async (manager) => {
      await useKeyedBatchPlans(manager);
      return settings((sql) => manager.query(sql));
    });
    expect(inside).toEqual({ jit: 'off', cost: '1.1' });

    // The pooled connection goes back to the server's defaults for whatever runs next on it.
    const after = await testApp.dataSource.transaction((manager) => settings((sql) => manager.query(sql)));
    expect(after.cost).not.toBe('1.1');
  });
});
