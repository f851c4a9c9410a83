import { automaticMailReason, MailTraits } from './automatic-mail';

const mail = (
  overrides: Partial<Omit<MailTraits, 'headers'>> & { headers?: Record<string, string> } = {},
): MailTraits => ({
  from: 'pat@customer.example',
  envelopeFrom: 'pat@customer.example',
  subject: 'Charged twice',
  contentType: 'text/plain',
  ...overrides,
  headers: new Map(Object.entries(overrides.headers ?? {})),
});

describe('automaticMailReason', () => {
  it('lets a person’s message through', () => {
    expect(automaticMailReason(mail())).toBeUndefined();
    expect(automaticMailReason(mail({ headers: { 'auto-submitted': 'no' } }))).toBeUndefined();
    // A web form relayed from a no-reply address names the person in Reply-To.
    expect(
      automaticMailReason(mail({ from: 'noreply@forms.example', replyTo: 'kim@customer.example' })),
    ).toBeUndefined();
    expect(automaticMailReason(mail({ subject: 'Absence of a refund for invoice 1042' }))).toBeUndefined();
  });

  it.each([
    ['Auto-Submitted: auto-replied', mail({ headers: { 'auto-submitted': 'auto-replied' } })],
    ['Precedence: bulk', mail({ headers: { precedence: 'bulk' } })],
    ['Precedence: junk', mail({ headers: { precedence: 'junk' } })],
    ['Precedence: list', mail({ headers: { precedence: 'list' } })],
    ['X-Autoreply', mail({ headers: { 'x-autoreply': 'yes' } })],
    ['a DSN (multipart/report)', mail({ contentType: 'multipart/report; report-type=delivery-status' })],
    ['a MAILER-DAEMON sender', mail({ from: 'MAILER-DAEMON@mx.example' })],
    ['a null envelope sender', mail({ envelopeFrom: '' })],
    ['an out-of-office subject', mail({ subject: 'Out of Office: Charged twice' })],
    ['a German absence subject', mail({ subject: 'Abwesenheitsnotiz: Ihre Rechnung' })],
    ['a French automatic reply subject', mail({ subject: 'Réponse automatique : Votre facture' })],
    ['an automatic reply subject', mail({ subject: 'Automatic reply: [LD-1042] Your invoice' })],
    ['a German Outlook automatic reply', mail({ subject: 'Automatische Antwort: Re: Rechnung' })],
    ['a German absence subject', mail({ subject: 'Abwesenheit: Ihre Rechnung' })],
    ['a French absence subject', mail({ subject: 'Absent du bureau : Votre facture' })],
    ['X-Auto-Response-Suppress: All', mail({ headers: { 'x-auto-response-suppress': 'All' } })],
    ['X-Loop', mail({ headers: { 'x-loop': 'billing@desk.example' } })],
    ['a newsletter (List-Id)', mail({ headers: { 'list-id': '<news.vendor.example>' } })],
    [
      'a newsletter (List-Unsubscribe)',
      mail({ headers: { 'list-unsubscribe': '<https://vendor.example/u>' } }),
    ],
    ['a no-reply sender', mail({ from: 'no-reply@vendor.example' })],
  ])('flags %s as automatic', (_label, traits) => {
    expect(automaticMailReason(traits)).toEqual(expect.any(String));
  });
});
