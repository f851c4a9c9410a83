import { acknowledgementMail } from './acknowledgement-mail';

const base = {
  ticketNumber: 'LD-1042',
  ticketToken: '[LD-1042]',
  requestUrl: 'https://desk.example/requests/r1.abc.def',
};

describe('acknowledgementMail', () => {
  it('names the ticket number, how to add to the request and where to follow it', () => {
    const { text, html } = acknowledgementMail(base);
    expect(text.split('\n')).toEqual([
      'Hello,',
      '',
      'Thank you for writing to us. We have received your request and opened ticket LD-1042.',
      '',
      'Someone from the billing desk will answer you by email. To add anything, reply to this email and keep [LD-1042] in the subject.',
      '',
      'You can also follow your request and add to it here:',
      'https://desk.example/requests/r1.abc.def',
      '',
      '— the billing desk',
    ]);
    expect(html).toContain('<p>Hello,</p>');
    expect(html).toContain('<a href="https://desk.example/requests/r1.abc.def">LD-1042</a>');
  });
});
