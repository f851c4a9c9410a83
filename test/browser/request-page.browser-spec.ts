import { RequestLinks } from '@ledgerdesk/tickets';
import { createTicket, postMessage } from '../support/tickets';
import { useBrowserSuite } from './support/browser-suite';
import { screenshot } from './support/chromium';

/** Two polls of the page (every 10 s) and some room. */
const NEXT_POLLS_MS = 25_000;

/**
 * A customer with their request page open: an agent's reply shows up without a reload, and
 * while they are writing the page only says there is something new, keeping their text.
 */
describe('the customer’s request page in Chromium', () => {
  const suite = useBrowserSuite();

  it('shows a new reply by itself, but not over what the customer is writing', async () => {
    const agent = await suite.testApp.agent('agent');
    const ticket = await createTicket(suite.testApp, agent, { channel: 'web', assigneeId: agent.id });
    const link = new URL(suite.testApp.app.get(RequestLinks).urlFor(ticket.id));
    const page = await suite.browser.newPage({ viewport: { width: 1024, height: 800 } });
    const scriptErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') scriptErrors.push(message.text());
    });
    await page.goto(`${suite.api.url}${link.pathname}`);
    await page.getByRole('heading', { name: `Your request ${ticket.number}` }).waitFor();

    await page.getByLabel('Add a message').fill('My card ends in 4242 and');
    await postMessage(suite.testApp, agent, ticket.id, 'reply', 'We refunded the second charge.').expect(201);
    await page.getByText('There is something new').waitFor({ timeout: NEXT_POLLS_MS });
    expect(await page.getByLabel('Add a message').inputValue()).toBe('My card ends in 4242 and');
    expect(await page.getByText('We refunded the second charge.').count()).toBe(0);

    await page.getByLabel('Add a message').fill('');
    await page.getByText('We refunded the second charge.').waitFor({ timeout: NEXT_POLLS_MS });
    await screenshot(page, 'request-page-live');
    expect(scriptErrors).toEqual([]);
  }, 90_000);
});
