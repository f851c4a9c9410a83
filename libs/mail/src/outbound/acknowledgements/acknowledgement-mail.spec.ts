import { acknowledgementMail } from './acknowledgement-mail';

const base = {
  requesterName: 'Zoë',
  ticketNumber: 'LD-1042',
  ticketToken: '[LD-1042]',
  ticketSubject: 'Charged <twice>',
  requestUrl: 'https://desk.example/requests/r1.abc.def',
};

describe('acknowledgementMail', () => {
  it('names the ticket number, the subject, how to add to the request and where to follow it', () => {
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
    expect(html).toContain('<a href="https://desk.example/requests/r1.abc.def">LD-1042</a>');
  });

  it('greets without a name when there is none', () => {
    expect(acknowledgementMail({ ...base, requesterName: null }).text).toMatch(/^Hello,\n/);
  });
});
