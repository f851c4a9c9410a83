import { TestApp } from '../support/test-app';

describe('GET /health', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await TestApp.start();
  });

  afterAll(() => testApp.close());

  it('reports PostgreSQL and Redis up without a token', async () => {
    const response = await testApp.http().get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document', async () => {
    const response = await testApp.http().get('/api/docs/openapi.json').expect(200);
    expect(response.body.paths).toHaveProperty('/api/tickets');
    expect(response.body.paths).toHaveProperty('/api/auth/login');
  });
});
