import { simpleParser } from 'mailparser';
import { customerBody } from './customer-body';

const parse = (lines: string[]) => simpleParser(Buffer.from(lines.join('\r\n')));

describe('customerBody', () => {
  it('keeps the new text of a multipart reply and drops the quoted HTML history', async () => {
    const parsed = await parse([
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Paid today.',
      '',
      'On Mon, Nov 24, 2025 at 10:12 AM Billing Desk <billing@desk.example> wrote:',
      '> Your invoice is due.',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<div>Paid today.</div><div class="gmail_quote">On Mon … wrote:<blockquote>Your invoice is due.</blockquote></div>',
      '--b--',
    ]);
    expect(customerBody(parsed, { reply: true })).toEqual({
      html: '<p>Paid today.</p>',
      text: 'Paid today.',
    });
  });

  it('keeps sanitised HTML when nothing had to be cut, without remote images', async () => {
    const parsed = await parse([
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p onclick="x()">See <a href="https://pay.example/i/42">invoice</a></p><img src="https://t.example/p.gif">',
    ]);
    const body = customerBody(parsed, { reply: true });
    expect(body.html).toBe(
      '<p>See <a href="https://pay.example/i/42" rel="noopener noreferrer nofollow" target="_blank">invoice</a></p>',
    );
    expect(body.text).toBe('See invoice [https://pay.example/i/42]');
  });

  it('keeps a first mail whole: what the customer forwards or pastes below a separator', async () => {
    const parsed = await parse([
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Why is this invoice so high? We are on the basic plan.',
      '',
      '---------- Forwarded message ---------',
      'From: Acme Billing <billing@acme.example>',
      'Date: Mon, 2 Nov 2026 at 09:00',
      'Invoice INV-2026-1104',
      'Amount due: EUR 4,900.00',
    ]);
    const body = customerBody(parsed, { reply: false });
    expect(body.text).toContain('Why is this invoice so high?');
    expect(body.text).toContain('Amount due: EUR 4,900.00');
    // As a reply to a ticket, the forwarded block is history and goes.
    expect(customerBody(parsed, { reply: true }).text).toBe(
      'Why is this invoice so high? We are on the basic plan.',
    );
  });

  it('stores a reply with nothing new as no text, never as the quote it carries', async () => {
    const parsed = await parse([
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'On Wed, 25 Nov 2026 at 10:00, Ada Lovelace <billing@desk.example> wrote:',
      '> Could you send us the bank statement?',
      '--b',
      'Content-Type: application/pdf; name="statement.pdf"',
      'Content-Disposition: attachment; filename="statement.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQ=',
      '--b--',
    ]);
    expect(customerBody(parsed, { reply: true }).text).toBe('(no text; attachments: statement.pdf)');
  });

  it('names the attachments when a message has no text at all', async () => {
    const parsed = await parse([
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: application/pdf; name="remittance.pdf"',
      'Content-Disposition: attachment; filename="remittance.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQ=',
      '--b--',
    ]);
    expect(customerBody(parsed, { reply: true }).text).toBe('(no text; attachments: remittance.pdf)');
  });
});
