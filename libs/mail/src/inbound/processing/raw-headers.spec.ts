import { simpleParser } from 'mailparser';
import { withUtf8Headers } from './raw-headers';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('withUtf8Headers', () => {
  it('reads unencoded Latin-1 headers as such, leaving the body alone', async () => {
    const raw = latin1(
      'From: J\u00fcrgen M\u00fcller <jm@kunde.example>\r\nSubject: Geb\u00fchr M\u00e4rz\r\n' +
        'Content-Type: text/plain; charset=iso-8859-1\r\n\r\nDie Geb\u00fchr ist zu hoch.\r\n',
    );
    const parsed = await simpleParser(withUtf8Headers(raw));
    expect(parsed.subject).toBe('Gebühr März');
    expect(parsed.from?.value[0].name).toBe('Jürgen Müller');
    expect(parsed.text?.trim()).toBe('Die Gebühr ist zu hoch.');
  });

  it('keeps ASCII and UTF-8 headers byte for byte', () => {
    const raw = Buffer.from('Subject: Gebühr März\r\n\r\nText \xfc\r\n', 'utf8');
    expect(withUtf8Headers(raw)).toBe(raw);
  });
});
