import { CsatTokenSigner } from '@ledgerdesk/csat';
import { createTicket, eventsOf, patchTicket } from '../support/tickets';
import { useBrowserSuite } from './support/browser-suite';
import { screenshot } from './support/chromium';

/**
 * A customer clicking a rating in the survey email: in a browser one click records the rating
 * and shows the thank-you page; a plain fetch of the same link (what mail link scanners do)
 * records nothing.
 */
describe('CSAT survey links in Chromium', () => {
  const suite = useBrowserSuite();

  /** A solved ticket whose survey went out (the worker's part, done here by hand), and its link. */
  async function surveyLink(rating: number): Promise<{ ticketId: string; link: string }> {
    const agent = await suite.testApp.agent('agent');
    const ticket = await createTicket(suite.testApp, agent, { assigneeId: agent.id });
    await patchTicket(suite.testApp, agent, ticket.id, { status: 'solved' }).expect(200);
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [[survey]] = await suite.testApp.dataSource.query<[{ id: string }[], number]>(
      `UPDATE csat_surveys SET status = 'sent', sent_at = now() WHERE ticket_id = $1 RETURNING id`,
      [ticket.id],
    );
    const token = suite.testApp.app.get(CsatTokenSigner).sign({ surveyId: survey.id, ticketId: ticket.id });
    return { ticketId: ticket.id, link: `${suite.api.url}/csat/${token}?rating=${rating}` };
  }

  const ratings = async (ticketId: string) =>
    (await eventsOf(suite.testApp, ticketId))
      .filter((event) => event.type === 'csat')
      .map((event) => event.payload);

  it('records the clicked rating in one click, then takes an optional comment', async () => {
    const { ticketId, link } = await surveyLink(4);
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(link);
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await expect(page.getByText('You rated us 4 (good)', { exact: false }).isVisible()).resolves.toBe(true);
    expect(await ratings(ticketId)).toEqual([expect.objectContaining({ rating: 4, via: 'link' })]);

    await page.getByLabel('Anything you would like to add? (optional)').fill('Quick and friendly.');
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.getByText('We have your comment too').waitFor();
    await screenshot(page, 'csat-thank-you');
    expect(await ratings(ticketId)).toEqual([
      expect.objectContaining({ rating: 4 }),
      expect.objectContaining({ rating: 4, comment: 'Quick and friendly.' }),
    ]);
    await page.close();
  });

  it('records nothing when the link is only fetched, as mail link scanners do', async () => {
    const { ticketId, link } = await surveyLink(1);
    const fetched = await fetch(link);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toContain('Send my rating');
    expect(await ratings(ticketId)).toEqual([]);
  });
});
