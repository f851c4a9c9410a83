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
  ])('flags %s as automatic', (_label, traits) => {
    expect(automaticMailReason(traits)).toEqual(expect.any(String));
  });
});
