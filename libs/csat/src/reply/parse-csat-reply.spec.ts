import { asksQuestion, parseCsatReply } from './parse-csat-reply';

describe('parseCsatReply', () => {
  it.each([
    ['4', 4, undefined],
    ['  5  ', 5, undefined],
    ['\n\n1\n', 1, undefined],
    ['4 — thanks, sorted quickly', 4, 'thanks, sorted quickly'],
    ['5 - great', 5, 'great'],
    ['3: took a while', 3, 'took a while'],
    ['2. The refund took two weeks.', 2, 'The refund took two weeks.'],
    ['4/5', 4, undefined],
    ['4 / 5 would write again', 4, 'would write again'],
    ['3 out of 5', 3, undefined],
    ['4 von 5 – schnelle Antwort', 4, 'schnelle Antwort'],
    ['5 sur 5 !', 5, undefined],
    ['4 de 5, gracias', 4, 'gracias'],
    ['5 stars', 5, undefined],
    ['5 Sterne, danke!', 5, 'danke!'],
    ['⭐⭐⭐⭐', 4, undefined],
    ['⭐️⭐️⭐️⭐️⭐️ best desk ever', 5, 'best desk ever'],
    ['★★ slow', 2, 'slow'],
    ['excellent', 5, undefined],
    ['Excellent service, thank you', 5, 'Excellent service, thank you'],
    ['terrible', 1, undefined],
    ['Terrible. Nobody called me back.', 1, 'Nobody called me back.'],
    ['Great!', 5, undefined],
    ['good', 4, undefined],
    ['Very good, merci', 4, 'merci'],
    ['not good at all', 2, undefined],
    ['not bad', 3, undefined],
    ['ok', 3, undefined],
    ['Sehr gut', 4, undefined],
    ['ausgezeichnet, vielen Dank', 5, 'vielen Dank'],
    ['schlecht', 2, undefined],
    ['Très bien, merci beaucoup', 4, 'merci beaucoup'],
    ['parfait', 5, undefined],
    ['excelente servicio', 5, 'excelente servicio'],
    ['pésimo', 1, undefined],
    ['uitstekend', 5, undefined],
    ['ottimo lavoro', 5, 'ottimo lavoro'],
    ['Rating: 4', 4, undefined],
    ['Note : 2 - trop lent', 2, 'trop lent'],
    ['5\nThe agent was very patient.\nThanks!', 5, 'The agent was very patient.\nThanks!'],
    ['4\n\n> On Tue, Billing desk wrote:\n> How did we do?', 4, undefined],
    ['5!', 5, undefined],
    ['4/5 stars', 4, undefined],
    ['3 of 5 - slow but sorted', 3, 'slow but sorted'],
    // A rating word said of the service keeps the whole sentence as the comment.
    ['Great service!!', 5, 'Great service!!'],
    ['Terrible customer service, nobody called back', 1, 'Terrible customer service, nobody called back'],
    ['Super!', 5, undefined],
  ])('%j → %d', (text, rating, comment) => {
    expect(parseCsatReply(text)).toEqual(comment === undefined ? { rating } : { rating, comment });
  });

  it.each([
    [''],
    ['   \n  '],
    ['Thanks'],
    ['I still have not received my refund'],
    ['Good morning, the invoice is still wrong'],
    ['6'],
    ['0'],
    ['45'],
    ['4.5'],
    ['1st of all, why was I charged twice?'],
    ['goodbye'],
    ['> 5\n> quoted only'],
    ['Wann kommt die Gutschrift?'],
    // Another scale than 1–5: no rating, the customer is asked again.
    ['5/10'],
    ['5 / 10'],
    ['5 out of 10 - the refund took too long'],
    ['3 of 10'],
    ['4 von 10'],
    ['5/50'],
    // A leading digit in a sentence is no rating.
    ['1 more question: why is there still a late fee on my account?'],
    ['2 invoices are still open'],
    // An intensifier or a rating word opening an ordinary sentence.
    ['Super annoyed, the refund has still not arrived.'],
    ['Good luck getting through to billing'],
    ['Bad news: the refund bounced'],
    ['Fine print says otherwise'],
  ])('%j is not a rating', (text) => {
    expect(parseCsatReply(text)).toBeUndefined();
  });
});

describe('asksQuestion', () => {
  it('finds a question mark in the new text, not in the quoted survey', () => {
    expect(asksQuestion('When does the refund arrive?')).toBe(true);
    expect(asksQuestion('5 - great.\r\nBut why the late fee?')).toBe(true);
    expect(asksQuestion('5 - thanks!\n> How did we do?\n> Reply with a number')).toBe(false);
    expect(asksQuestion('Thanks, all good now.')).toBe(false);
  });
});
