import { acknowledgementMail, QUOTED_MESSAGE_MAX_CHARS } from './acknowledgement-mail';

const base = {
  requesterName: 'Zoë',
  ticketNumber: 'LD-1042',
  ticketToken: '[LD-1042]',
  ticketSubject: 'Charged <twice>',
  requestUrl: 'https://desk.example/requests/r1.abc.def',
  quotedMessage: null,
};

describe('acknowledgementMail', () => {
  it('names the ticket number, the subject and how to add to the request', () => {
    const { text, html } = acknowledgementMail(base);
    expect(text.split('\n')).toEqual([
      'Hello Zoë,',
      '',
      'Thank you for writing to us. We have received your request and opened ticket LD-1042:',
      '',
      '  Charged <twice>',
      '',
      'Someone from the billing desk will answer you by email. To add anything, reply to this email and keep [LD-1042] in the subject.',
      '',
      'You can also follow your request and add to it here:',
      'https://desk.example/requests/r1.abc.def',
      '',
      '— the billing desk',
    ]);
    expect(html).toContain('<strong>Charged &lt;twice&gt;</strong>');
    expect(html).not.toContain('Your message');
    expect(html).toContain('<a href="https://desk.example/requests/r1.abc.def">LD-1042</a>');
  });

  it('greets without a name when there is none', () => {
    expect(acknowledgementMail({ ...base, requesterName: null }).text).toMatch(/^Hello,\n/);
  });

  it('quotes the customer’s message line by line, escaped in HTML', () => {
    const { text, html } = acknowledgementMail({ ...base, quotedMessage: '  First line\r\nx < y\n' });
    expect(text).toContain('Your message:\n\n> First line\n> x < y\n\n— the billing desk');
    expect(html).toContain('>First line\nx &lt; y</blockquote>');
  });

  it('cuts a long message, and says so', () => {
    const { text, html } = acknowledgementMail({
      ...base,
      quotedMessage: 'a'.repeat(QUOTED_MESSAGE_MAX_CHARS + 10),
    });
    expect(text).toContain(`> ${'a'.repeat(QUOTED_MESSAGE_MAX_CHARS)}\n> […]`);
    expect(text).not.toContain('a'.repeat(QUOTED_MESSAGE_MAX_CHARS + 1));
    expect(html).toContain('\n[…]</blockquote>');
  });
});
