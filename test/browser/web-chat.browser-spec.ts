import { connectLive } from '../support/live';
import { postMessage } from '../support/tickets';
import { useBrowserSuite } from './support/browser-suite';
import { screenshot } from './support/chromium';

/** Far below the request page's 10-second poll: what arrives must come over the chat socket. */
const LIVE_MS = 5_000;

/**
 * A customer starts a web chat and talks with an agent: the page is live over the `/chat`
 * socket (under the desk's Content-Security-Policy), the agent's reply and "is writing" arrive
 * without a reload, and what the customer sends (Enter) is stored and shown once.
 */
describe('web chat in Chromium', () => {
  const suite = useBrowserSuite();

  it('starts a chat and exchanges messages live, both ways', async () => {
    const supervisor = await suite.testApp.agent('supervisor');
    const email = `chat-${Date.now()}@customer.example`;
    const page = await suite.browser.newPage({ viewport: { width: 1024, height: 800 } });
    const scriptErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') scriptErrors.push(message.text());
    });
    page.on('pageerror', (error) => scriptErrors.push(error.message));

    await page.goto(`${suite.api.url}/contact`);
    await page.getByRole('link', { name: 'Start a chat' }).click();
    await page.getByLabel('Your name (optional)').fill('Jo Chat');
    await page.getByLabel('Your email address').fill(email);
    await page.getByLabel('What would you like to ask?').fill('Why is there a second charge of 12.00 EUR?');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('heading', { name: /^Your chat LD-\d+$/ }).waitFor();
    await page.locator('#live[data-chat-live]').waitFor({ state: 'attached', timeout: LIVE_MS });

    const [{ id: ticketId }] = await suite.testApp.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tickets WHERE requester_email = $1 AND channel = 'chat'`,
      [email],
    );
    const agentSide = await connectLive(suite.api.url, supervisor);
    try {
      await agentSide.command('ticket.watch', { ticketId });
      await agentSide.command('ticket.presence', { ticketId, mode: 'replying' });
      await page.getByText('Test is writing…').waitFor({ timeout: LIVE_MS });
      await screenshot(page, 'web-chat-writing');
      await postMessage(
        suite.testApp,
        supervisor,
        ticketId,
        'reply',
        'That is a card hold; it drops off in 3 days.',
      ).expect(201);
      await agentSide.command('ticket.presence', { ticketId, mode: 'viewing' });
      await page.getByText('That is a card hold; it drops off in 3 days.').waitFor({ timeout: LIVE_MS });
      await page.getByText('Test is writing…').waitFor({ state: 'hidden', timeout: LIVE_MS });
    } finally {
      agentSide.close();
    }

    await page.getByLabel('Add a message').fill('Thanks, that explains it.');
    await page.getByLabel('Add a message').press('Enter');
    await page.getByText('Thanks, that explains it.').waitFor({ timeout: LIVE_MS });
    expect(await page.getByLabel('Add a message').inputValue()).toBe('');
    expect(await page.locator('article.message').count()).toBe(3);
    const stored = await suite.testApp.dataSource.query<{ body_text: string }[]>(
      `SELECT body_text FROM ticket_messages WHERE ticket_id = $1 AND kind = 'customer' ORDER BY created_at`,
      [ticketId],
    );
    expect(stored.map((row) => row.body_text)).toEqual([
      'Why is there a second charge of 12.00 EUR?',
      'Thanks, that explains it.',
    ]);
    // Still one page: nothing was posted the old way, and the status followed the reply.
    expect(new URL(page.url()).search).toBe('');
    await page.getByText('Open: an agent answers here.').waitFor();
    await screenshot(page, 'web-chat');
    expect(scriptErrors).toEqual([]);
  }, 90_000);
});
