import { filedSenderChecks, MailRun, mailToDesk, startMailRun, timelineMessages } from '../support/mail';
import { TestAgent } from '../support/test-app';

/**
 * Behind a relay that checked the mail already (MAIL_SENDER_AUTHENTICATION=relay): messages over
 * SMTP from the trusted relay's address (loopback here), carrying its Authentication-Results; the
 * desk stores the relay's verdict and shows it, without asking DNS (none is reachable).
 */
describe('inbound email behind a trusted relay (Authentication-Results)', () => {
  let run: MailRun;
  let supervisor: TestAgent;

  beforeAll(async () => {
    run = await startMailRun('mail_relay_auth', {
      MAIL_SENDER_AUTHENTICATION: 'relay',
      MAIL_TRUSTED_AUTHSERV_IDS: 'mx.relay.example',
      MAIL_TRUSTED_RELAY_IPS: '127.0.0.1, ::1',
    });
    supervisor = await run.testApp.agent('supervisor');
  });

  afterAll(async () => {
    await run?.stop();
  });

  it("stores the relay's DMARC failure and flags the message on the timeline", async () => {
    const messageId = await mailToDesk(run, {
      from: 'Pat Doe <pat@acme.example>',
      subject: 'New bank details',
      text: 'Please send our refund to IBAN XX00 0000 instead.',
      headers: {
        'Authentication-Results':
          'mx.relay.example; spf=fail smtp.mailfrom=pat@acme.example; dkim=none; dmarc=fail (p=REJECT sp=REJECT) header.from=acme.example',
      },
    });
    const { ticketId, checks } = await filedSenderChecks(run, supervisor, messageId);
    expect(checks).toEqual({
      verdict: 'fail',
      fromDomain: 'acme.example',
      spf: 'fail',
      dkim: 'none',
      dmarc: 'fail',
      dmarcPolicy: 'reject',
      reason: expect.stringMatching(/^checked by mx\.relay\.example: DMARC fail/),
    });
    expect(await timelineMessages(run, supervisor, ticketId)).toEqual([
      expect.objectContaining({ kind: 'customer', sender: { verdict: 'fail', reason: checks?.reason } }),
    ]);
  });

  it("reads only the relay's own field, the topmost: one further down the sender may have written", async () => {
    const messageId = await mailToDesk(run, {
      from: 'Pat Doe <pat@acme.example>',
      subject: 'Invoice question',
      text: 'Why was I charged twice?',
      headers: {
        'Authentication-Results': [
          'mx.relay.example; dkim=pass header.d=acme.example; spf=pass smtp.mailfrom=pat@acme.example; dmarc=pass (p=REJECT) header.from=acme.example',
          'mx.relay.example; dmarc=fail header.from=acme.example',
        ],
      },
    });
    const { checks } = await filedSenderChecks(run, supervisor, messageId);
    expect(checks).toMatchObject({ verdict: 'pass', dmarc: 'pass', dkim: 'pass' });
  });
});
