import type { Config } from 'jest';

/**
 * Browser tests (`npm run test:browser`): Debian's Chromium driven by playwright-core against the
 * real api (a child process serving the built console) and worker, on a fresh database per run.
 */
const config: Config = {
  rootDir: '../..',
  testTimeout: 180_000,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: {
    '^@ledgerdesk/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@ledgerdesk/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

export default config;
