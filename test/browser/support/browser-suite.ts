import type { Browser } from 'playwright-core';
import { TestApp } from '../../support/test-app';
import { RunningApi, startApi } from './api-process';
import { launchChromium } from './chromium';

export interface BrowserSuite {
  /** The test's own app (database, tokens, agents), beside the api the browser talks to. */
  testApp: TestApp;
  /** The api in its own process, as a customer or an agent reaches it. */
  api: RunningApi;
  browser: Browser;
}

/**
 * Starts, for the enclosing `describe`, a test app, the api in its own process and Chromium, and
 * stops them after its tests. The fields are filled in before the first test runs.
 */
export function useBrowserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.testApp = await TestApp.start();
    [suite.api, suite.browser] = await Promise.all([startApi(), launchChromium()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.api?.stop();
    await suite.testApp?.close();
  });
  return suite;
}
