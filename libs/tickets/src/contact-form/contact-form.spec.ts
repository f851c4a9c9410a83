import { chatSubject } from './contact-form';

describe('chatSubject (a chat is named after its first message)', () => {
  it('takes the first line', () => {
    expect(chatSubject('  Why was I charged twice?\nInvoice INV-88.')).toBe('Chat: Why was I charged twice?');
    expect(chatSubject('One line\r\nand another')).toBe('Chat: One line');
  });

  it('shortens a long first line to 80 characters with an ellipsis', () => {
    const subject = chatSubject(`${'word '.repeat(30)}end`);
    expect(subject.length).toBe('Chat: '.length + 80);
    expect(subject.endsWith('word…')).toBe(true);
  });
});
