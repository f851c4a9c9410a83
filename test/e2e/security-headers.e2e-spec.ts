import { TestApp } from '../support/test-app';

describe('security headers on every answer', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await TestApp.start();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it.each(['/contact', '/requests/not-a-token', '/csat/not-a-token', '/health', '/api/tickets'])(
    '%s may not be framed by another site, sniffed, or load anything from elsewhere',
    async (path) => {
      const response = await testApp.http().get(path);
      const policy = response.headers['content-security-policy'];
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("form-action 'self'");
      expect(policy).not.toContain('upgrade-insecure-requests');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    },
  );
});
